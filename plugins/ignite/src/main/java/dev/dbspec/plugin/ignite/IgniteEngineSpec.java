package dev.dbspec.plugin.ignite;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Apache Ignite 2 through its JDBC thin driver (in {@code ignite-core}, not bundled), {@code jdbc:ignite:thin://host:10800/schema}.
 * Facts from ignite.apache.org's "SQL Reference" (data types; "Date and Time Functions": {@code FORMATDATETIME},
 * {@code PARSEDATETIME}, {@code DATEADD}, {@code DAY_OF_WEEK} with 1 for Sunday, {@code MONTH}, {@code MINUTE},
 * {@code SECOND}) and "JDBC Driver" (thin driver parameters).
 *
 * <p>Grains: the value printed down to its unit and parsed back ({@code yyyy-MM-dd HH:mm:00} for a minute); weeks
 * step back from the day with {@code DATEADD('DAY', ...)} by the days since Monday; quarters step back whole months
 * from the month's start; stepped grains add whole steps (integer division) to the enclosing unit. Literals are the
 * SQL standard's. No {@code WITH} inside a subquery.
 */
@Extension
public final class IgniteEngineSpec extends DeclaredEngineSpec {
    /** Formats that print a value down to the unit, with the finer fields zero (or the first day). */
    private static final Map<TimeGrain, String> PRINTED = Map.of(TimeGrain.SECOND, "yyyy-MM-dd HH:mm:ss", TimeGrain.MINUTE,
            "yyyy-MM-dd HH:mm:00", TimeGrain.HOUR, "yyyy-MM-dd HH:00:00", TimeGrain.DAY, "yyyy-MM-dd 00:00:00", TimeGrain.MONTH,
            "yyyy-MM-01 00:00:00", TimeGrain.YEAR, "yyyy-01-01 00:00:00");

    private static String printedDownTo(TimeGrain unit, String value) {
        return "PARSEDATETIME(FORMATDATETIME(" + value + ", '" + PRINTED.get(unit) + "'), 'yyyy-MM-dd HH:mm:ss')";
    }

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate(IgniteEngineSpec::printedDownTo, TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.MONTH,
                    TimeGrain.YEAR)
            .grain(TimeGrain.QUARTER, "DATEADD('MONTH', -MOD(MONTH({col}) - 1, 3), " + printedDownTo(TimeGrain.MONTH, "{col}") + ")")
            .stepped((within, field, step, value) -> "DATEADD('" + field + "', " + field + "(" + value + ") / " + step + " * " + step + ", "
                    + printedDownTo(within, value) + ")")
            .weekdayWeeks(printedDownTo(TimeGrain.DAY, "{col}"), "MOD(DAY_OF_WEEK({col}) + 5, 7)", 0,
                    (day, days) -> "DATEADD('DAY', " + days + ", " + day + ")", TimeGrains.modFunction())
            .build();

    /**
     * The thin driver's parameters ({@code ?name=value&...}): schema-wide query switches, timeouts, buffers, TLS with key
     * and trust stores inside the files directory. Refused: trusting every server certificate, and SSL factory classes.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.bool(), "distributedJoins", "enforceJoinOrder", "collocated", "replicatedOnly", "autoCloseServerCursor",
                    "lazy", "tcpNoDelay", "skipReducerOnUpdate", "partitionAwareness")
            .allow(OptionRule.integer(0, 64 * 1024 * 1024), "socketSendBuffer", "socketReceiveBuffer")
            .allow(OptionRule.integer(0, 86_400_000), "queryTimeout", "connectionTimeout")
            .allow("sslMode", OptionRule.oneOf("require", "disable"))
            .allow(OptionRule.localPath(), "sslClientCertificateKeyStoreUrl", "sslTrustCertificateKeyStoreUrl")
            .secret("sslClientCertificateKeyStorePassword", "sslTrustCertificateKeyStorePassword")
            .allow(OptionRule.oneOf("JKS", "PKCS12"), "sslClientCertificateKeyStoreType", "sslTrustCertificateKeyStoreType")
            .allow("sslProtocol", OptionRule.oneOf("TLSv1.2", "TLSv1.3"))
            .refuse("trusts every server certificate, so a man in the middle can read the password", "sslTrustAll")
            .refuse("makes the driver instantiate an SSL factory class named in the URL", "sslFactory")
            .build();

    public IgniteEngineSpec() {
        super(EngineFacts.builder(IgniteEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(DatetimeLiterals.typed(6, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP))
                .epochSeconds("DATEADD('SECOND', {col}, TIMESTAMP '1970-01-01 00:00:00')")
                .epochMillis(Optional.of("DATEADD('MILLISECOND', {col}, TIMESTAMP '1970-01-01 00:00:00')"))
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY)
                .build());
    }
}
