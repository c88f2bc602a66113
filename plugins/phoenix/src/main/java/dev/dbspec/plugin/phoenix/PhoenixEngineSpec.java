package dev.dbspec.plugin.phoenix;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Apache Phoenix (SQL over HBase) through the Phoenix Query Server's thin client (not bundled; the thick client would
 * start an HBase client inside this host), {@code jdbc:phoenix:thin:url=http://host:8765;serialization=PROTOBUF}. Facts
 * from phoenix.apache.org, "Functions" ({@code FLOOR}/{@code TRUNC} of a date: units {@code DAY}, {@code HOUR},
 * {@code MINUTE}, {@code SECOND} with a multiplier, and {@code MONTH}, {@code YEAR}), "Data Types" and "Grammar".
 *
 * <p>Phoenix's dates are UTC milliseconds and its multiplied floors count from the epoch, so 5 seconds to 6 hours align
 * with the enclosing minute, hour or day. Weeks and quarters are left out: the week's first day of {@code FLOOR(..., 'WEEK')}
 * is not documented and there is no quarter unit. A number cast to a timestamp is epoch milliseconds. No {@code WITH}.
 */
@Extension
public final class PhoenixEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "FLOOR(" + value + ", '" + unit.name() + "')", TimeGrain.SECOND, TimeGrain.MINUTE, TimeGrain.HOUR,
                    TimeGrain.DAY, TimeGrain.MONTH, TimeGrain.YEAR)
            .stepped((within, field, step, value) -> "FLOOR(" + value + ", '" + field.name() + "', " + step + ")")
            .build();

    /**
     * The Avatica thin client's connect-string properties ({@code ;name=value} after {@code url=}): serialization,
     * authentication with the user and password as secrets, TLS with a trust store inside the files directory. Refused:
     * Kerberos with a keytab or this host's tickets, HTTP client classes named in the URL, and switching off host name
     * verification.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow("serialization", OptionRule.oneOf("PROTOBUF", "JSON"))
            .allow("authentication", OptionRule.oneOf("BASIC", "DIGEST", "NONE"))
            .allow("avatica_user", OptionRule.text(256))
            .secret("avatica_password", "truststore_password")
            .allow("truststore", OptionRule.localPath())
            .allow("timeZone", OptionRule.text(64))
            .refuse("authenticates with Kerberos as this host, from a keytab on this server or its ticket cache", "principal", "keytab")
            .refuse("makes the driver instantiate an HTTP client class named in the URL", "httpclient_factory", "httpclient_impl")
            .refuse("switches off verification of the server's host name, so a man in the middle can read the password",
                    "hostname_verification")
            .refuse(DriverRefusals.SERVER_KEY_STORE, "keystore", "keystore_password", "key_password")
            .build();

    /** The connect string's head: the Query Server's HTTP(S) address and nothing else. */
    private static final Pattern HEAD = Pattern.compile("(?i)jdbc:phoenix:thin:url=https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._/\\-]*)?");

    /**
     * Avatica reads the whole connect string as {@code name=value} pairs, {@code url} among them, and reads quoted values
     * ({@code 'a;b'}) its own way: so the URL must start with {@code url=} and the server's address alone (any other
     * pair there would escape the allow-list), and quotes are refused; the pairs after it are read strictly.
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (jdbcUrl.indexOf('\'') >= 0 || jdbcUrl.indexOf('"') >= 0) {
            throw UnsafeUrlException.url(id(), "quotes start a quoted value in Avatica's connect string, which the strict reader does not read");
        }
        int semicolon = jdbcUrl.indexOf(';');
        if (!HEAD.matcher(semicolon < 0 ? jdbcUrl : jdbcUrl.substring(0, semicolon)).matches()) {
            throw UnsafeUrlException.url(id(), "write jdbc:phoenix:thin:url=http://host:port first, then ;name=value options");
        }
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    public PhoenixEngineSpec() {
        super(EngineFacts.builder(PhoenixEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(DatetimeLiterals.typed(3, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP))
                .epochSeconds("CAST({col} * 1000 AS TIMESTAMP)")
                .epochMillis(Optional.of("CAST({col} AS TIMESTAMP)"))
                .withoutCapabilities(Capability.CTE_IN_SUBQUERY)
                .build());
    }
}
