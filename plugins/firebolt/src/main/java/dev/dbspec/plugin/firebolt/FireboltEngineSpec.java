package dev.dbspec.plugin.firebolt;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.SqlFamily;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Firebolt (2.0) through Firebolt's JDBC driver (Apache-2.0, not bundled; central.sonatype.com lists
 * {@code io.firebolt:firebolt-jdbc:3.10.0}, but repo.maven.apache.org answered 404 for it when checked from the build
 * machine; the jar is also on the project's GitHub releases), {@code jdbc:firebolt:db?engine=e&account=a} with a service
 * account's client id and secret as user and password. Facts from docs.firebolt.io, "SQL reference": {@code DATE_TRUNC} (second to year, weeks from
 * Monday), {@code DATE_ADD(unit, n, value)}, {@code EXTRACT}, {@code TO_TIMESTAMP(seconds)}, date and timestamp types
 * with microseconds.
 *
 * <p>Stepped grains add whole steps of the field to the enclosing unit's start. Literals are casts, as in Superset's
 * Firebolt spec, keeping the microseconds Superset's drop. Identifiers are PostgreSQL's: double quotes, lower case.
 */
@Extension
public final class FireboltEngineSpec extends DeclaredEngineSpec {
    private static String unit(TimeGrain grain) {
        return "'" + grain.name().toLowerCase(Locale.ROOT) + "'";
    }

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "DATE_TRUNC(" + unit(unit) + ", " + value + ")")
            .stepped((within, field, step, value) -> "DATE_ADD(" + unit(field) + ", CAST(FLOOR(EXTRACT(" + field + " FROM " + value + ") / "
                    + step + ") * " + step + " AS INT), DATE_TRUNC(" + unit(within) + ", " + value + "))")
            .shiftedWeeks((value, days) -> "DATE_ADD('day', " + days + ", " + value + ")")
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.casts(6, TemporalType.DATE, TemporalType.TIMESTAMP).toBuilder()
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMPTZ)", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .build();

    /**
     * Firebolt JDBC's connection properties ({@code ?name=value&...}): the engine and account, the service account's
     * client id and secret, buffers, timeouts, compression, TLS with a certificate inside the files directory. Refused:
     * switching TLS verification off, and pointing the driver at another API host or environment, which would receive the
     * client secret.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.text(128), "engine", "account", "client_id")
            .secret("client_secret")
            .allow(OptionRule.integer(0, 86_400_000), "connection_timeout_millis", "socket_timeout_millis")
            .allow(OptionRule.integer(1, 1_000), "max_connections_total", "max_retries")
            .allow("buffer_size", OptionRule.integer(1024, 64 * 1024 * 1024))
            .allow(OptionRule.bool(), "compress", "use_connection_cache")
            .allow("ssl_mode", DriverOptionRules.oneOfRefusing(Map.of("none",
                    "switches off verification of the server's TLS certificate, so a man in the middle can read the secret"), "strict"))
            .allow("ssl_certificate_path", OptionRule.localPath())
            .refuse("points the driver at another API host or environment, which would receive the client secret", "host", "environment")
            .build();

    public FireboltEngineSpec() {
        super(EngineFacts.builder(FireboltEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("TO_TIMESTAMP({col})")
                .quoting(IdentifierQuoting.DOUBLE_QUOTES_LOWER)
                .sqlFamily(SqlFamily.POSTGRESQL)
                .build());
    }
}
