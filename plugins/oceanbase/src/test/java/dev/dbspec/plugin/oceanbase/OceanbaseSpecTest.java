package dev.dbspec.plugin.oceanbase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.MysqlWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no OceanBase server runs in the build, so the facts are checked as written. */
class OceanbaseSpecTest extends MysqlWireFamilySpecContract {
    OceanbaseSpecTest() {
        super(new OceanbaseEngineSpec(), "jdbc:oceanbase:", 2881);
    }

    @Test
    void mysqlGrainsAndLiteralsWithoutCancellation() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("DATE_ADD(DATE(ts), INTERVAL (6 - WEEKDAY(ts)) DAY)");
        assertThat(spec().datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("STR_TO_DATE('2019-01-02', '%Y-%m-%d')");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP_WITH_TIME_ZONE, sample(TemporalType.TIMESTAMP_WITH_TIME_ZONE))).isEmpty();
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
        assertThat(spec().displayName()).isEqualTo("OceanBase (MySQL mode)");
    }
}
