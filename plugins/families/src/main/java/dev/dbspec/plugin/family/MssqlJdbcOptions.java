package dev.dbspec.plugin.family;

import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.UnsafeUrlException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection options of Microsoft's mssql-jdbc (13.2, {@code SQLServerDriver.getPropertyInfo}), as the driver names
 * them, allowed with a rule or refused with the reason, and how its {@code jdbc:sqlserver:} URLs are read: SQL Server and
 * Azure Synapse share the driver, so they share this list.
 */
public final class MssqlJdbcOptions {
    /** {@code jdbc:sqlserver://host\instance[:port][;options]}: the host, the instance name, the rest. */
    private static final Pattern NAMED_INSTANCE = Pattern.compile("(?i)(jdbc:sqlserver://[A-Za-z0-9.\\-]+)\\\\([A-Za-z0-9_$]{1,64})((?::[0-9]{1,5})?(?:;.*)?)",
            Pattern.DOTALL);

    private static final String READS_KEYS = "reads key material from the server's local file system";
    private static final String HOST_IDENTITY = "authenticates with the server host's own Windows, Kerberos or Azure identity"
            + " instead of credentials given with the database";

    public static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.SEMICOLON)
            .allow(OptionRule.text(128), "databaseName", "database", "applicationName", "workstationID", "instanceName", "AADSecurePrincipalId")
            .allow("applicationIntent", OptionRule.oneOf("ReadOnly", "ReadWrite"))
            .allow("encrypt", OptionRule.oneOf("true", "false", "yes", "no", "optional", "mandatory", "strict"))
            .allow("hostNameInCertificate", OptionRule.text(253))
            .allow("serverCertificate", OptionRule.localPath())
            .allow("trustStore", OptionRule.localPath())
            .allow("trustStoreType", OptionRule.oneOf("JKS", "PKCS12"))
            .allow("sslProtocol", OptionRule.oneOf("TLS", "TLSv1.2"))
            .allow("failoverPartner", OptionRule.hostNames())
            .allow("multiSubnetFailover", OptionRule.bool())
            .allow("iPAddressPreference", OptionRule.oneOf("IPv4First", "IPv6First", "UsePlatformDefault"))
            .allow("TransparentNetworkIPResolution", OptionRule.bool())
            .allow("serverNameAsACE", OptionRule.bool())
            .allow("authentication", OptionRule.oneOf("NotSpecified", "SqlPassword", "ActiveDirectoryPassword",
                    "ActiveDirectoryServicePrincipal"))
            .allow("loginTimeout", OptionRule.integer(0, 600))
            .allow("queryTimeout", OptionRule.integer(-1, 86_400))
            .allow("cancelQueryTimeout", OptionRule.integer(-1, 86_400))
            .allow("lockTimeout", OptionRule.integer(-1, 86_400_000))
            .allow("socketTimeout", OptionRule.integer(0, 86_400_000))
            .allow("connectRetryCount", OptionRule.integer(0, 255))
            .allow("connectRetryInterval", OptionRule.integer(1, 60))
            .allow("packetSize", OptionRule.integer(-1, 32_767))
            .allow("maxResultBuffer", OptionRule.integer(-1, 1L << 40))
            .allow("responseBuffering", OptionRule.oneOf("adaptive", "full"))
            .allow("selectMethod", OptionRule.oneOf("direct", "cursor"))
            .allow("prepareMethod", OptionRule.oneOf("prepexec", "prepare"))
            .allow("datetimeParameterType", OptionRule.oneOf("datetime", "datetime2", "datetimeoffset"))
            .allow("statementPoolingCacheSize", OptionRule.integer(0, 10_000))
            .allow("serverPreparedStatementDiscardThreshold", OptionRule.integer(0, 10_000))
            .allow(OptionRule.bool(), "sendStringParametersAsUnicode", "sendTimeAsDatetime", "lastUpdateCount", "xopenStates",
                    "disableStatementPooling", "enablePrepareOnFirstPreparedStatementCall", "calcBigDecimalPrecision",
                    "delayLoadingLobs", "useFmtOnly", "fips")
            .secret("accessToken", "AADSecurePrincipalSecret", "trustStorePassword")
            .refuseClassFromUrl("socketFactoryClass", "trustManagerClass", "accessTokenCallbackClass")
            .refuse("passes a URL value to a socket factory class named in the URL", "socketFactoryConstructorArg")
            .refuse("passes a URL value to a trust manager class named in the URL", "trustManagerConstructorArg")
            .refuse(READS_KEYS, "keyStoreLocation", "clientCertificate", "clientKey")
            .refuse("opens an Always Encrypted key store from the server's local file system or Azure Key Vault with the host's"
                    + " identity", "keyStoreAuthentication", "keyStoreSecret", "keyStorePrincipalId")
            .refuse("makes the driver fetch from a URL given in the option (enclave attestation)", "enclaveAttestationUrl")
            .refuse("switches off verification of the server's TLS certificate, so a man in the middle can read the password and"
                    + " the data; give the server's certificate with serverCertificate or trustStore instead", "trustServerCertificate")
            .refuse(HOST_IDENTITY, "integratedSecurity", "useDefaultGSSCredential", "useDefaultJaasConfig", "jaasConfigurationName",
                    "msiClientId")
            .refuse("changes how SQL text is read (QUOTED_IDENTIFIER OFF makes \"x\" a string), which the host's checks assume",
                    "quotedIdentifier")
            .build();

    /**
     * The strict semicolon grammar, after taking out the one form it cannot read: the named instance of
     * {@code //host\instance:port}, which mssql-jdbc reads as {@code instanceName} (given twice, it is refused).
     * Braces, with which mssql-jdbc quotes values that hold semicolons, are refused. {@code jdbcUrl} is read as
     * {@code spec}'s {@code driverUrl} hands it to the driver.
     */
    public static Map<String, String> read(EngineSpec spec, String url, Properties properties) {
        String id = spec.id();
        String jdbcUrl = spec.driverUrl(url);
        if (jdbcUrl.indexOf('{') >= 0 || jdbcUrl.indexOf('}') >= 0) {
            throw UnsafeUrlException.url(id, "braces quote values in mssql-jdbc URLs and can hide options; write the value without them");
        }
        Matcher instance = NAMED_INSTANCE.matcher(jdbcUrl);
        if (!instance.matches()) {
            return OPTIONS.parseStrictly(id, jdbcUrl, properties);
        }
        Map<String, String> options = new LinkedHashMap<>(OPTIONS.parseStrictly(id, instance.group(1) + instance.group(3), properties));
        if (options.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("instanceName"))) {
            throw new UnsafeUrlException(id, "instanceName", "it is given twice (in the host part and as an option)");
        }
        options.put("instanceName", instance.group(2));
        return options;
    }

    private MssqlJdbcOptions() {
    }
}
