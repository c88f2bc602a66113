package dev.dbspec.plugin.dremio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.ErrorCategory;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DremioSpecTest extends EngineSpecContract {
    private final DremioEngineSpec spec = new DremioEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("clientCertificate", "clientKey", "disableCertificateVerification");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "useEncryption=maybe", "false, true",
                "threadPoolSize=0", "1 to 64");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:dremio://dremio.example.com:32010/?useEncryption=true&useSystemTrustStore=true&schema=space.folder&routing_tag=bi&threadPoolSize=4");
    }

    @Test
    void handsItsUrlsToTheFlightSqlDriver() {
        assertThat(spec.urlPrefixes()).containsExactly("jdbc:dremio:");
        assertThat(spec.driverUrl("jdbc:dremio://dremio.example:32010/?useEncryption=false"))
                .isEqualTo("jdbc:arrow-flight-sql://dremio.example:32010/?useEncryption=false");
        assertThat(spec.driverClassName()).isEqualTo("org.apache.arrow.driver.jdbc.ArrowFlightJdbcDriver");
    }

    @Test
    void truncatesCalendarUnitsOnly() {
        assertThat(spec.timeGrainExpressions()).hasSize(13)
                .doesNotContainKeys(TimeGrain.FIVE_SECONDS, TimeGrain.THIRTY_SECONDS, TimeGrain.FIVE_MINUTES, TimeGrain.SIX_HOURS);
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "\"ts\"")).isEqualTo("DATE_TRUNC('QUARTER', \"ts\")");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("DATE_TRUNC('WEEK', ts + INTERVAL '1' DAY) - INTERVAL '1' DAY");
    }

    @Test
    void writesLiteralsEpochsAndLimits() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("TO_DATE('2019-01-02', 'YYYY-MM-DD')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TO_TIMESTAMP('2019-01-02 03:04:05.678', 'YYYY-MM-DD HH24:MI:SS.FFF')");
        assertThat(spec.epochSecondsToDatetime()).hasValue("TO_TIMESTAMP({col})");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }

    @Test
    void classifiesDremioErrors() {
        assertThat(spec.classifyError(new SQLException("VALIDATION ERROR: Object 'nope' not found")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("Failure parsing the query.")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }
}
