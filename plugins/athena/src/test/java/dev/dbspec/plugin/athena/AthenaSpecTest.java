package dev.dbspec.plugin.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AthenaSpecTest extends EngineSpecContract {
    private final AthenaEngineSpec spec = new AthenaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "CredentialsProvider", "AwsCredentialsProviderClass", "CredentialsProviderArguments", "ProfileName", "LogPath",
                "EndpointOverride", "AthenaStreamingEndpoint", "LakeFormationEndpoint");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "EncryptionOption=NONE", "one of",
                "ConnectionTest=maybe", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:athena://Region=eu-west-1;Catalog=AwsDataCatalog;Database=sales;WorkGroup=bi;OutputLocation=s3://results/athena/;EncryptionOption=SSE_KMS;KmsKey=arn:aws:kms:eu-west-1:1:key/abc;ResultFetcher=GetQueryResultsStream;FetchSize=10000;NetworkTimeoutMillis=60000;",
                "jdbc:athena://Region=us-east-1;WorkGroup=primary");
    }

    @Test
    void usesTheThreeXDriverPrefixAndTheSupersetAlias() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:athena:");
        assertThat(spec.aliases()).containsExactly("awsathena");
        assertThat(spec.driverClassName()).isEqualTo("com.amazon.athena.jdbc.AthenaDriver");
        assertThat(spec.driverArtifact()).hasValueSatisfying(a -> assertThat(a.bundled()).isFalse());
    }

    @Test
    void fixesSupersetsWeekGrainsAndClaimsTheRest() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_MONDAY, "ts")).isEqualTo("date_trunc('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("date_trunc('week', ts) + interval '6' day");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("date_trunc('quarter', ts)");
    }

    @Test
    void writesMillisecondLiterals() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
    }

    @Test
    void claimsNoCancelAndLimitsWithLimit() {
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec.has(Capability.ESCAPED_COLONS)).isFalse();
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
    }

    /** The Simba-style URL has no host: its first part is an option, read and vetted like the others. */
    @Test
    void readsTheFirstPartAsAnOption() {
        assertThat(spec.driverOptions("jdbc:athena://CredentialsProvider=x;Region=r", new Properties()))
                .containsKeys("CredentialsProvider", "Region");
        assertThatThrownBy(() -> spec.checkUrl("jdbc:athena://CredentialsProvider=com.evil.P"))
                .hasMessageContaining("instantiate");
    }

    @Test
    void refusesFormsOfItsOwnGrammar() {
        for (String url : new String[] {
                "jdbc:athena://Region=us-east-1;region=eu-west-1",
                "jdbc:athena://(Region=us-east-1)(CredentialsProvider=com.evil.P)",
                "jdbc:athena://athena.us-east-1.amazonaws.com:443;Region=us-east-1",
                "jdbc:athena:Region=us-east-1",
        }) {
            assertThatThrownBy(() -> spec.checkUrl(url)).as(url).isInstanceOf(UnsafeUrlException.class);
        }
    }

    @Test
    void classifiesAwsErrorsBeforeTheFamilyOnes() {
        assertThat(spec.classifyError(new SQLException("The security token included in the request is invalid.")))
                .isEqualTo(ErrorCategory.BAD_CREDENTIALS);
        assertThat(spec.classifyError(new SQLException("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.x' does not exist")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
    }

    /** Without static keys the AWS SDK would use this host's own AWS identity: such a connection is refused. */
    @Test
    void aConnectionWithoutStaticKeysIsRefused() {
        assertThatThrownBy(() -> spec.vetConnection("jdbc:athena://Region=eu-west-1;WorkGroup=bi", new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("host's own AWS identity");
        Properties onlyKey = new Properties();
        onlyKey.setProperty("User", "AKIAEXAMPLE");
        assertThatThrownBy(() -> spec.vetConnection("jdbc:athena://Region=eu-west-1", onlyKey, Optional.empty()))
                .hasMessageContaining("host's own AWS identity");
        Properties keys = new Properties();
        keys.setProperty("user", "AKIAEXAMPLE");
        keys.setProperty("password", "s3cret");
        spec.vetConnection("jdbc:athena://Region=eu-west-1", keys, Optional.empty());
        Properties driverNames = new Properties();
        driverNames.setProperty("User", "AKIAEXAMPLE");
        driverNames.setProperty("SecretAccessKey", "s3cret");
        spec.vetConnection("jdbc:athena://Region=eu-west-1", driverNames, Optional.empty());
    }
}
