package dev.dbspec.plugin.sqlanywhere;

import dev.dbspec.plugin.family.SqlAnywhereFamilySpec;
import org.pf4j.Extension;

/**
 * SAP SQL Anywhere (formerly Sybase SQL Anywhere / Adaptive Server Anywhere) through jTDS over its TDS listener (not
 * bundled; SAP's own {@code sajdbc4} driver loads a native library), under its own {@code jdbc:sqlanywhere:} prefix; port
 * 2638. Every fact is {@link SqlAnywhereFamilySpec}'s.
 */
@Extension
public final class SqlanywhereEngineSpec extends SqlAnywhereFamilySpec {
    public SqlanywhereEngineSpec() {
        super(facts("sqlanywhere", "SAP SQL Anywhere", "jdbc:sqlanywhere:")
                .aliases("sybaseasa")
                .maxColumnNameLength(128)
                .build());
    }
}
