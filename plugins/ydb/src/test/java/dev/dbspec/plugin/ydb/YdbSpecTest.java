package dev.dbspec.plugin.ydb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.Capability;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no YDB server runs in the build, so the facts are checked as written. */
class YdbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new YdbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("token", "saFile", "iamEndpoint", "tokenFile", "saKeyFile", "useMetadata", "metadataURL", "tokenProvider",
                "channelInitializer", "withTracer");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "grpcCompression=zstd", "one of",
                "sessionPoolSizeMax=-1", "0 to 10000",
                "secureConnection=yes", "false, true");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:ydb:grpc://ydb.example.com:2136/local?secureConnection=true&queryTimeout=60s&sessionPoolSizeMax=50"
                + "&localDatacenter=vla&useQueryService=true");
    }

    @Test
    void grainsFromTheDateTimeModule() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DateTime::MakeDatetime(DateTime::StartOfWeek(ts))");
        assertThat(spec.timeGrainSql(TimeGrain.FIFTEEN_MINUTES, "ts"))
                .isEqualTo("DateTime::MakeDatetime(DateTime::StartOf(ts, Interval(\"PT15M\")))");
        assertThat(spec.timeGrainSql(TimeGrain.SECOND, "ts")).isEqualTo("DateTime::MakeDatetime(DateTime::StartOf(ts, Interval(\"PT1S\")))");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_STARTING_SUNDAY, "ts"))
                .isEqualTo("(DateTime::MakeDatetime(DateTime::StartOfWeek((ts + Interval(\"P1D\")))) - Interval(\"P1D\"))");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DateTime::MakeDatetime(DateTime::StartOfQuarter(ts))");
    }

    @Test
    void typedLiteralsAtUtcAndEpochs() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("Date('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("Timestamp('2019-01-02T03:04:05.678000Z')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("DateTime::FromSeconds(CAST({col} AS Uint32))");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.capabilities()).doesNotContain(Capability.CTE_IN_SUBQUERY, Capability.CANCEL);
    }
}
