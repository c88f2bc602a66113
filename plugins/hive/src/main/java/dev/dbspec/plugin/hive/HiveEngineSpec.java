package dev.dbspec.plugin.hive;

import dev.dbspec.api.DriverArtifact;
import dev.dbspec.plugin.family.HiveFamilySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.pf4j.Extension;

/**
 * Apache Hive 3+ through HiveServer2 and hive-jdbc (not bundled): all 21 grains from {@link HiveFamilySpec},
 * exact because Hive 3's TIMESTAMP is a zone-less wall clock (on Hive 2 it is read in the JVM's zone).
 */
@Extension
public final class HiveEngineSpec extends HiveFamilySpec {
    @Override
    public String id() {
        return "hive";
    }

    @Override
    public String displayName() {
        return "Apache Hive";
    }

    @Override
    public List<String> urlPrefixes() {
        return List.of("jdbc:hive2:");
    }

    @Override
    public String urlTemplate() {
        return "jdbc:hive2://{host}:{port}/{database}";
    }

    @Override
    public OptionalInt defaultPort() {
        return OptionalInt.of(10000);
    }

    @Override
    public String driverClassName() {
        return "org.apache.hive.jdbc.HiveDriver";
    }

    @Override
    public Optional<DriverArtifact> driverArtifact() {
        return Optional.of(new DriverArtifact("org.apache.hive:hive-jdbc:4.2.1", "Apache-2.0", false));
    }

    /**
     * A double counts seconds since the epoch in UTC (integers would count milliseconds under Hive's default
     * {@code hive.int.timestamp.conversion.in.seconds=false}).
     */
    @Override
    public Optional<String> epochSecondsToDatetime() {
        return Optional.of("CAST(CAST({col} AS DOUBLE) AS TIMESTAMP)");
    }

    /** hive-jdbc options (session variables after {@code ;}) that read local files. */
    @Override
    public Map<String, String> forbiddenUrlOptions() {
        return Map.of(
                "initfile", "reads a local file and runs the SQL statements in it",
                "sslkeystore", "reads a client key store from the local file system, authenticating as this host");
    }

    /** The metastore's column-name limit (Superset's value). */
    @Override
    public OptionalInt maxColumnNameLength() {
        return OptionalInt.of(767);
    }
}
