package dev.dbspec.plugin.cratedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrateDbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new CrateDbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "socketFactory", "sslfactory", "sslhostnameverifier", "sslpasswordcallback", "socketFactoryArg", "sslfactoryarg",
                "loggerFile", "jaasLogin", "jaasApplicationName", "kerberosServerName", "useSpnego", "gsslib", "sspiServiceClass");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "ssl=maybe", "false, true",
                "sslmode=require", "certificate",
                "connectTimeout=99999", "0 to 3600");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:crate://crate1.example.com:5432,crate2.example.com:5432/?schema=doc&ssl=true&sslmode=verify-full&connectTimeout=10&socketTimeout=300&ApplicationName=dbspec&defaultRowFetchSize=1000&loadBalanceHosts=true");
    }

    @Test
    void dateTruncGrains() {
        assertThat(spec.timeGrainExpressions()).hasSize(10).doesNotContainKeys(TimeGrain.FIVE_MINUTES, TimeGrain.WEEK_STARTING_SUNDAY);
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
    }

    @Test
    void literalsEpochsAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678' AS TIMESTAMP WITHOUT TIME ZONE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE)))
                .hasValue("CAST('2019-01-02T03:04:05.678+02:00' AS TIMESTAMP WITH TIME ZONE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000 AS TIMESTAMP WITHOUT TIME ZONE)");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.aliases()).containsExactly("crate");
    }
}
