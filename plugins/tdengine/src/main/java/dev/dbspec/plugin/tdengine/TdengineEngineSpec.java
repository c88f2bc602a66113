package dev.dbspec.plugin.tdengine;

import dev.dbspec.api.Capability;
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
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * TDengine 3 through taos-jdbcdriver's WebSocket driver (not bundled; the native driver would load {@code libtaos} into
 * this host), {@code jdbc:TAOS-WS://host:6041/db} against taosAdapter. Facts from docs.tdengine.com (SQL reference:
 * "Functions", "Data Types", "Escape Characters"; "Java Client Library").
 *
 * <p>Grains: {@code TIMETRUNCATE(ts, 1s|1m|1h|1d)}, whose documented units stop at a week; a week is counted from a
 * day TDengine does not document as Monday, and months, quarters and years have no truncation unit, so those grains are
 * left out, as are the stepped ones (no floor of a timestamp to a multiple of a unit is documented). Timestamps are
 * literals as strings, {@code 'yyyy-MM-dd HH:mm:ss.SSS'} or RFC 3339 with an offset; there is no DATE or TIME type.
 * Epoch numbers become timestamps by cast, read in the database's precision: milliseconds, the default ({@code CREATE
 * DATABASE ... PRECISION 'ms'}).
 *
 * <p>No {@code WITH} clause, subqueries only in {@code FROM}, joins only on the timestamp primary key: those
 * capabilities are not claimed. Names are quoted with backticks and hold at most 64 characters.
 */
@Extension
public final class TdengineEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> UNITS = Map.of(TimeGrain.SECOND, "1s", TimeGrain.MINUTE, "1m", TimeGrain.HOUR, "1h",
            TimeGrain.DAY, "1d");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "TIMETRUNCATE(" + value + ", " + UNITS.get(unit) + ")", TimeGrain.SECOND, TimeGrain.MINUTE,
                    TimeGrain.HOUR, TimeGrain.DAY)
            .build();

    private static final DatetimeLiterals LITERALS = DatetimeLiterals.builder()
            .add(TemporalType.TIMESTAMP, "'{value}'", "yyyy-MM-dd HH:mm:ss.SSS")
            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "'{value}'", "yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .build();

    /**
     * taos-jdbcdriver 3.7's WebSocket properties ({@code TSDBDriver}'s keys; {@code ?a=b&c=d}): TLS, the cloud token,
     * session zone and charset, timeouts, reconnection, compression, result handling. Refused: switching off certificate
     * checks, a local configuration directory, and a second cluster's address the driver fails over to unasked.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow(OptionRule.bool(), "useSSL", "enableCompression", "enableAutoReconnect", "batchfetch", "batchErrorIgnore",
                    "varcharAsString", "wsKeepAlive")
            .secret("token")
            .allow(OptionRule.text(64), "timezone", "locale", "charset", "app_name")
            .allow(OptionRule.integer(0, 3_600_000), "messageWaitTimeout", "httpConnectTimeout", "httpSocketTimeout", "reconnectIntervalMs")
            .allow("reconnectRetryCount", OptionRule.integer(0, 100))
            .refuse("switches off verification of the server's TLS certificate, so a man in the middle can read the password",
                    "disableSSLCertValidation")
            .refuse("makes the driver read taos.cfg from a directory of this server", "cfgdir")
            .refuse("sends the connection, with its credentials, to a second cluster named in the URL", "slaveClusterHost",
                    "slaveClusterPort")
            .build();

    public TdengineEngineSpec() {
        super(EngineFacts.builder(TdengineEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(LITERALS)
                .epochSeconds("CAST({col} * 1000 AS TIMESTAMP)")
                .epochMillis(Optional.of("CAST({col} AS TIMESTAMP)"))
                .quoting(IdentifierQuoting.BACKTICKS)
                .sqlFamily(SqlFamily.MYSQL)
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY, Capability.SUBQUERIES, Capability.JOINS)
                .maxColumnNameLength(64)
                .build());
    }
}
