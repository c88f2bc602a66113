package dev.dbspec.plugin.redshift;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.plugin.family.PostgresFamilySpec;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import java.util.Properties;
import org.pf4j.Extension;

/**
 * Amazon Redshift through redshift-jdbc42 (not bundled): all 21 PostgreSQL grains (Redshift's DATE_TRUNC has
 * ISO weeks and quarters, intervals multiply by numbers), 127-character names, cast literals for TIME and TIMESTAMPTZ.
 */
@Extension
public final class RedshiftEngineSpec extends PostgresFamilySpec {

    private static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("UID", OptionRule.text(256))
            .secret("PWD")
            .allow("ApplicationName", OptionRule.text(64))
            .allow("currentSchema", OptionRule.text(128))
            .allow(OptionRule.bool(), "ssl", "tcpKeepAlive", "readOnly")
            .allow("sslmode", OptionRule.oneOf("disable", "require", "verify-ca", "verify-full"))
            .allow("sslrootcert", OptionRule.localPath())
            .allow(OptionRule.integer(0, 600), "connectTimeout", "loginTimeout")
            .allow("socketTimeout", OptionRule.integer(0, 86_400))
            .allow("defaultRowFetchSize", OptionRule.integer(0, 1_000_000))
            .allow("compression", OptionRule.oneOf("lz4", "off"))
            .allow("connectionTimezone", OptionRule.oneOf("LOCAL", "SERVER"))
            .refuseClassFromUrl("sslfactory", "plugin_name", "socketFactory", "sslhostnameverifier", "sslpasswordcallback")
            .refuse("passes a URL value to a class named in the URL", "socketFactoryArg", "sslfactoryarg")
            .refuseLogDirectory("logpath")
            .refuse("switches on driver log files, written to a default local directory when logpath is not given", "loglevel",
                    "dsiloglevel")
            .refuse("reads connection settings from a local file", "inifile", "IniSection")
            .refuse(DriverRefusals.LOCAL_CLIENT_CERTIFICATE, "sslcert", "sslkey",
                    "sslpassword")
            .refuse("signs in with the AWS credentials of a profile of the server host's own configuration", "Profile", "AuthProfile")
            .build();

    /**
     * Strictly read {@code ?name=value&...} options; {@code jdbc:redshift:iam:} URLs are refused, since without keys in
     * the URL the driver signs in with the server host's own AWS credentials (its default credential chain).
     */
    @Override
    public Map<String, String> driverOptions(String jdbcUrl, Properties properties) {
        if (jdbcUrl.regionMatches(true, 0, "jdbc:redshift:iam:", 0, "jdbc:redshift:iam:".length())) {
            throw UnsafeUrlException.url(id(), "IAM URLs make the driver sign in with the server host's own AWS credentials;"
                    + " use jdbc:redshift:// with a database user and password");
        }
        return OPTIONS.parseStrictly(id(), jdbcUrl, properties);
    }

    public RedshiftEngineSpec() {
        super(facts(RedshiftEngineSpec.class)
                // redshift-jdbc42 2.3.0's connection properties ({@code Driver.getPropertyInfo}); IAM sign-in is not on the
                // list.
                .options(OPTIONS)
                // Typed literals for DATE and TIMESTAMP; Redshift's TIME and TIMESTAMPTZ are written as casts.
                .literals(DatetimeLiterals.ansi().toBuilder()
                            .add(TemporalType.TIME, "CAST('{value}' AS TIME)", "HH:mm:ss.SSSSSS")
                            .add(TemporalType.TIMESTAMP_WITH_TIME_ZONE, "CAST('{value}' AS TIMESTAMPTZ)", "yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                            .build())
                .capabilities(Capability.CANCEL)
                .maxColumnNameLength(127)
                .build());
    }
}
