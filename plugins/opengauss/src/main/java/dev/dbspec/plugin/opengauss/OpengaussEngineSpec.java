package dev.dbspec.plugin.opengauss;

import dev.dbspec.api.Capability;
import dev.dbspec.plugin.family.PgjdbcOptions;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import org.pf4j.Extension;

/**
 * openGauss (and Huawei GaussDB, its commercial distribution) through openGauss's own JDBC driver, a pgjdbc fork (not
 * bundled; pgjdbc itself cannot log in with openGauss's default SHA-256 password method), with its own
 * {@code jdbc:opengauss:} URLs; port 5432. openGauss's SQL is PostgreSQL's: {@code DATE_TRUNC} second to year with
 * ISO weeks and interval arithmetic (docs.opengauss.org, "Date and Time Processing Functions and Operators"), so the
 * grains, literals and epochs are {@link PostgresFamilySpec}'s.
 *
 * <p>Options: pgjdbc's allow-list ({@link PgjdbcOptions}), read strictly; the fork's own additions are not on it and so
 * are refused. Cancellation is not claimed (unverified here).
 */
@Extension
public final class OpengaussEngineSpec extends PostgresFamilySpec {
    public OpengaussEngineSpec() {
        super(facts(OpengaussEngineSpec.class)
                .capabilities(Capability.CATALOGS, Capability.DYNAMIC_SCHEMA)
                .maxColumnNameLength(63)
                .build());
    }
}
