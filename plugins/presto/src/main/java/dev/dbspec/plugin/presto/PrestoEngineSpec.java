package dev.dbspec.plugin.presto;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DriverArtifact;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.PrestoFamilySpec;
import org.pf4j.Extension;

/**
 * Presto (prestodb) through presto-jdbc (not bundled): all 21 grains over {@code CAST(col AS TIMESTAMP)},
 * exact because Presto timestamps have millisecond precision. With the default {@code legacy_timestamp}
 * semantics a TIMESTAMP is read in the session time zone, so wall-clock values that zone skips cannot be stored.
 */
@Extension
public final class PrestoEngineSpec extends PrestoFamilySpec {
    /**
     * presto-jdbc 0.296's options ({@code PrestoDriver.getPropertyInfo}): the family's, plus the time zone and
     * the next-URI check; its query interceptors are classes the driver instantiates.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .addAll(CLIENT_OPTIONS)
            .allow("timeZoneId", OptionRule.text(64))
            .allow("validateNextUriSource", OptionRule.bool())
            .refuse("makes the driver instantiate query interceptor classes named in the URL", "queryInterceptors")
            .build();

    public PrestoEngineSpec() {
        super(coordinatorFacts("presto", "Presto", "jdbc:presto:")
                .driver("com.facebook.presto.jdbc.PrestoDriver", new DriverArtifact("com.facebook.presto:presto-jdbc:0.296", "Apache-2.0", false))
                .options(OPTIONS)
                .grains(CAST_GRAINS)
                // Milliseconds: Presto's TIMESTAMP and TIME precision.
                .literals(literals(3))
                // A zoned value pinned to UTC: casting it to TIMESTAMP would, under legacy timestamp semantics, move it to the
                // session time zone.
                .epochSeconds("from_unixtime({col}, 'UTC')")
                // Partitions and the latest one of Hive-connector tables ($partitions), claimed from the docs, not checked
                // live here; nested data spec-only (NestedTypes.presto, NestedValues: unit tests).
                .capabilities(Capability.EXTRA_TABLE_METADATA, Capability.LATEST_PARTITION, Capability.EXPAND_DATA)
                .build());
    }
}
