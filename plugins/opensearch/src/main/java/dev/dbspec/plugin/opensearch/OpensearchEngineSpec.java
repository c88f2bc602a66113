package dev.dbspec.plugin.opensearch;

import dev.dbspec.api.Capability;
import dev.dbspec.api.ConnectionOptions;
import dev.dbspec.api.DatetimeLiterals;
import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;
import dev.dbspec.api.IdentifierQuoting;
import dev.dbspec.api.OptionRule;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.TimeGrains;
import dev.dbspec.plugin.family.DriverOptionRules;
import dev.dbspec.plugin.family.DriverRefusals;
import java.util.Map;
import org.pf4j.Extension;

/**
 * OpenSearch SQL through the OpenSearch JDBC driver (Apache-2.0, not bundled; central.sonatype.com lists
 * {@code org.opensearch.driver:opensearch-sql-jdbc:1.4.0.1}, but repo.maven.apache.org answered 404 for it when checked
 * from the build machine, so {@code dbspec drivers install} may not find it: the jar is also on the project's GitHub
 * releases), {@code jdbc:opensearch://host:9200}. Facts from
 * opensearch.org/docs, "SQL and PPL": "Functions" ({@code DATE_FORMAT} with MySQL's specifiers, {@code TIMESTAMP},
 * {@code FROM_UNIXTIME}), "Data types" ({@code DATE}, {@code TIME}, {@code TIMESTAMP} literals) and "Limitations".
 *
 * <p>Grains: the value formatted down to its unit and read back as a timestamp ({@code %Y-%m-%d %H:%i:00} for a minute),
 * for second, minute, hour, day, month and year; weeks, quarters and stepped grains are left out (the SQL engine's week
 * and integer arithmetic on dates are not documented precisely enough to promise them). Joins and subqueries are only
 * partly supported (legacy engine), comments are not: those capabilities are not claimed.
 */
@Extension
public final class OpensearchEngineSpec extends DeclaredEngineSpec {
    private static final Map<TimeGrain, String> FORMATS = Map.of(TimeGrain.SECOND, "%Y-%m-%d %H:%i:%s", TimeGrain.MINUTE, "%Y-%m-%d %H:%i:00",
            TimeGrain.HOUR, "%Y-%m-%d %H:00:00", TimeGrain.DAY, "%Y-%m-%d 00:00:00", TimeGrain.MONTH, "%Y-%m-01 00:00:00", TimeGrain.YEAR,
            "%Y-01-01 00:00:00");

    private static final Map<TimeGrain, String> GRAINS = TimeGrains.builder()
            .truncate((unit, value) -> "TIMESTAMP(DATE_FORMAT(" + value + ", '" + FORMATS.get(unit) + "'))", TimeGrain.SECOND,
                    TimeGrain.MINUTE, TimeGrain.HOUR, TimeGrain.DAY, TimeGrain.MONTH, TimeGrain.YEAR)
            .build();

    /**
     * The driver's connection properties ({@code ?name=value&...}): authentication (none or basic), TLS with a trust store
     * inside the files directory, compression, timeouts, fetch size. Refused: AWS SigV4 signing with this host's own AWS
     * credentials and credential provider classes, log files, client key stores (this host's identity), trusting
     * self-signed certificates and switching off host name verification.
     */
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY)
            .allow("auth", DriverOptionRules.oneOfRefusing(Map.of("AWS_SIGV4", "signs requests with this host's own AWS credentials"),
                    "NONE", "BASIC"))
            .allow(OptionRule.bool(), "useSSL", "requestCompression")
            .allow("hostnameVerification", DriverOptionRules.oneOfRefusing(Map.of("false",
                    "switches off host name verification, so a man in the middle can read the password"), "true"))
            .allow("trustStoreLocation", OptionRule.localPath())
            .allow("trustStoreType", OptionRule.oneOf("JKS", "PKCS12"))
            .secret("trustStorePassword")
            .allow(OptionRule.integer(0, 3600), "loginTimeout")
            .allow("fetchSize", OptionRule.integer(0, 10_000))
            .allow("region", OptionRule.text(32))
            .refuse("makes the driver instantiate an AWS credentials provider class named in the URL", "awsCredentialsProvider")
            .refuse("writes the driver's log to a file on this server", "logOutput", "logLevel")
            .refuse(DriverRefusals.SERVER_KEY_STORE, "keyStoreLocation", "keyStorePassword",
                    "keyStoreType")
            .refuse("trusts self-signed server certificates, so a man in the middle can read the password", "trustSelfSigned")
            .build();

    public OpensearchEngineSpec() {
        super(EngineFacts.builder(OpensearchEngineSpec.class)
                .options(OPTIONS)
                .grains(GRAINS)
                .literals(DatetimeLiterals.typed(6, TemporalType.DATE, TemporalType.TIME, TemporalType.TIMESTAMP))
                .epochSeconds("FROM_UNIXTIME({col})")
                .quoting(IdentifierQuoting.BACKTICKS)
                .withoutCapabilities(Capability.JOINS, Capability.SUBQUERIES, Capability.CTE_IN_SUBQUERY, Capability.SQL_COMMENTS)
                .build());
    }
}
