package dev.dbspec.plugin.questdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Spec only: no QuestDB server runs in the build. Not the pgwire family's contract, whose literal checks are
 * PostgreSQL's typed literals; QuestDB writes casts.
 */
class QuestdbSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new QuestdbEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    /** pgjdbc's options that load classes, write logs or log in as this host. */
    @Override
    protected Set<String> refusedByName() {
        return Set.of("socketFactory", "sslhostnameverifier", "loggerFile", "jaasLogin", "service", "replication");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("sslmode=sometimes", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:questdb://questdb.example.com:8812/qdb?sslmode=verify-full&connectTimeout=10&ApplicationName=dbspec");
    }

    @Test
    void grainsFromDateTruncAndTimestampFloor() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("date_trunc('quarter', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts")).isEqualTo("timestamp_floor('6h', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.HALF_HOUR, "ts")).isEqualTo("timestamp_floor('30m', ts)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "ts"))
                .isEqualTo("dateadd('d', 5, date_trunc('week', dateadd('d', 1, ts)))");
    }

    @Test
    void castLiteralsMicrosecondEpochsAndPgjdbc() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02T03:04:05.678000Z' AS TIMESTAMP)");
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("CAST('2019-01-02' AS DATE)");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("CAST({col} * 1000000 AS TIMESTAMP)");
        assertThat(spec.driverUrl("jdbc:questdb://q:8812/qdb")).isEqualTo("jdbc:postgresql://q:8812/qdb");
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
