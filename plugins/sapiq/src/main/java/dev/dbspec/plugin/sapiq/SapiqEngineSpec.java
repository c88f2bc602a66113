package dev.dbspec.plugin.sapiq;

import dev.dbspec.plugin.family.SqlAnywhereFamilySpec;
import org.pf4j.Extension;

/**
 * SAP IQ (formerly Sybase IQ), the columnar warehouse whose catalog store and SQL dialect are SQL Anywhere's, through jTDS
 * (not bundled; SAP's jConnect and IQ JDBC drivers are not on Maven Central), under its own {@code jdbc:sapiq:} prefix;
 * port 2638. Every fact is {@link SqlAnywhereFamilySpec}'s (help.sap.com, "SAP IQ SQL Reference": DATEADD, DATEDIFF,
 * TOP, date and time data types, which are SQL Anywhere's).
 */
@Extension
public final class SapiqEngineSpec extends SqlAnywhereFamilySpec {
    public SapiqEngineSpec() {
        super(facts("sapiq", "SAP IQ", "jdbc:sapiq:")
                .aliases("sybaseiq")
                .maxColumnNameLength(128)
                .build());
    }
}
