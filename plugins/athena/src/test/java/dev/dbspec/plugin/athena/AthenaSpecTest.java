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
import org.junit.jupiter.api.Test;

class AthenaSpecTest extends EngineSpecContract {
    private final AthenaEngineSpec spec = new AthenaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
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

    @Test
    void refusesCredentialsProviderClasses() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:athena://Region=us-east-1;CredentialsProvider=com.evil.Provider"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("CredentialsProvider");
        spec.checkUrl("jdbc:athena://Region=us-east-1;WorkGroup=primary");
    }

    @Test
    void classifiesAwsErrorsBeforeTheFamilyOnes() {
        assertThat(spec.classifyError(new SQLException("The security token included in the request is invalid.")))
                .isEqualTo(ErrorCategory.BAD_CREDENTIALS);
        assertThat(spec.classifyError(new SQLException("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.db.x' does not exist")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
    }
}
