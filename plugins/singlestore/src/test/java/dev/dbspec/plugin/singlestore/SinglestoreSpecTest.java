package dev.dbspec.plugin.singlestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.MysqlWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no SingleStore server runs in the build, so the facts are checked as written. */
class SinglestoreSpecTest extends MysqlWireFamilySpecContract {
    SinglestoreSpecTest() {
        super(new SinglestoreEngineSpec(), "jdbc:singlestore:", 3306);
    }

    @Test
    void calendarUnitsFromDateTruncAndStepsFromTheMysqlFamily() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER_YEAR, "ts")).isEqualTo("DATE_TRUNC('quarter', ts)");
        assertThat(spec().timeGrainSql(TimeGrain.WEEK_STARTING_MONDAY, "ts")).isEqualTo("DATE_TRUNC('week', ts)");
        assertThat(spec().timeGrainSql(TimeGrain.FIVE_MINUTES, "ts"))
                .isEqualTo("DATE_ADD(DATE(ts), INTERVAL (HOUR(ts)*60 + FLOOR(MINUTE(ts) / 5) * 5) MINUTE)");
    }

    @Test
    void literalsAreCastsToMicrosecondDatetimesAndItCancels() {
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("CAST('2019-01-02 03:04:05.678000' AS DATETIME(6))");
        assertThat(spec().datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec().aliases()).containsExactly("memsql");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
    }
}
