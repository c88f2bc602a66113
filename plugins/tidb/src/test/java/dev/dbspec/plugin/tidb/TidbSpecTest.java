package dev.dbspec.plugin.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.plugin.family.MysqlWireFamilySpecContract;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no TiDB server runs in the build, so the facts are checked as written. */
class TidbSpecTest extends MysqlWireFamilySpecContract {
    TidbSpecTest() {
        super(new TidbEngineSpec(), "jdbc:tidb:", 4000);
    }

    @Test
    void mysqlGrainsAndLiteralsButNoCancel() {
        assertThat(spec().timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec().timeGrainSql(TimeGrain.QUARTER, "ts")).isEqualTo("MAKEDATE(YEAR(ts), 1) + INTERVAL QUARTER(ts) QUARTER - INTERVAL 1 QUARTER");
        assertThat(spec().datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("STR_TO_DATE('2019-01-02 03:04:05.678000', '%Y-%m-%d %H:%i:%s.%f')");
        assertThat(spec().cancelMethod()).isEqualTo(CancelMethod.NONE);
    }
}
