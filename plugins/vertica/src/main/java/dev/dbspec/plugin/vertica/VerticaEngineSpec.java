package dev.dbspec.plugin.vertica;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Vertica through its own JDBC driver (proprietary client licence, not bundled): all 21 PostgreSQL grains
 * (Vertica's DATE_TRUNC has ISO weeks and quarters, intervals multiply by numbers, {@code TIMESTAMP 'epoch'}
 * exists); names keep their case and compare case-insensitively.
 */
@Extension
public final class VerticaEngineSpec extends PostgresFamilySpec {

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("TLSmode", OptionRule.oneOf("disable", "prefer", "require", "verify-ca", "verify-full"))
            .allow("ssl", OptionRule.bool())
            .allow("TrustStorePath", OptionRule.localPath())
            .allow("LoginTimeout", OptionRule.integer(0, 600))
            .allow("NetworkTimeout", OptionRule.integer(0, 86_400_000))
            .allow("ReadOnly", OptionRule.bool())
            .allow("BinaryTransfer", OptionRule.bool())
            .allow("ConnectionLoadBalance", OptionRule.bool())
            .allow("ThreePartNaming", OptionRule.bool())
            .allow("PreferredAddressFamily", OptionRule.oneOf("ipv4", "ipv6", "none"))
            .allow("ResultBufferSize", OptionRule.integer(0, 1L << 30))
            .allow(OptionRule.text(128), "Label", "SessionLabel", "Workload")
            .secret("TrustStorePassword", "OAuthAccessToken")
            .refuse("runs SQL when connecting", "ConnSettings")
            .refuseClassFromUrl("SocketFactoryName", "SSLSocketFactoryName", "HostnameVerifier")
            .refuseLocalKeyStore("KeyStorePath", "KeyStorePassword")
            .refuseLogDirectory("LogPath")
            .refuse(DriverRefusals.LOG_LEVEL_IN_WORKING_DIRECTORY, "LogLevel")
            .refuse("signs in with Kerberos using the server host's own credentials (its JAAS configuration)", "JAASConfigName")
            .refuse("makes the driver send credentials to, or fetch from, a URL given in the option", "OAuthDiscoveryUrl", "OAuthTokenUrl")
            .refuse("the host always sets DisableCopyLocal=true: COPY ... FROM LOCAL would read files of this server",
                    "DisableCopyLocal")
            .build();

    /** The options of the URL and properties as a strict reader sees them (not pgjdbc's parser: this driver has its own). */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    /** {@code COPY ... FROM LOCAL} would make the driver read files of this server and send them to the database. */
    @Override
    public Map<String, String> enforcedConnectionProperties() {
        return Map.of("DisableCopyLocal", "true");
    }

    public VerticaEngineSpec() {
        super(facts(VerticaEngineSpec.class)
                // vertica-jdbc 25.3's connection properties ({@code Driver.getPropertyInfo}).
                .options(OPTIONS)
                .quoting(IdentifierQuoting.DOUBLE_QUOTES)
                .capabilities(Capability.CANCEL)
                .maxColumnNameLength(128)
                .build());
    }
}
