package dev.dbspec.plugin.informix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec only: the driver is not bundled and no Informix server runs in the build, so the facts are checked as written. */
class InformixSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new InformixEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of("TRACEFILE", "PROTOCOLTRACEFILE", "SQLH_FILE", "LDAP_URL", "JDBCTEMP", "DELIMIDENT");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of("IFX_ISOLATION_LEVEL=9", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of("jdbc:informix-sqli://ifx.example.com:9088/stores:INFORMIXSERVER=ol_informix;IFX_LOCK_MODE_WAIT=10;LOGINTIMEOUT=30000");
    }

    /** Options follow the database after a colon, separated by semicolons. */
    @Override
    protected Optional<String> urlWithOption(String url, String name, String value) {
        return Optional.of(url + ";" + name + "=" + value);
    }

    @Test
    void extendDropsFinerFieldsAndWeeksStepBackToMonday() {
        assertThat(spec.timeGrainExpressions()).doesNotContainKeys(TimeGrain.QUARTER, TimeGrain.FIVE_MINUTES)
                .containsKeys(TimeGrain.SECOND, TimeGrain.WEEK, TimeGrain.WEEK_ENDING_SUNDAY, TimeGrain.YEAR);
        assertThat(spec.timeGrainSql(TimeGrain.HOUR, "ts")).isEqualTo("EXTEND(ts, YEAR TO HOUR)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "ts")).isEqualTo("(EXTEND(ts, YEAR TO DAY) + (-MOD(WEEKDAY(ts) + 6, 7)) UNITS DAY)");
    }

    @Test
    void datetimeLiteralsFetchManyAndDelimident() {
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("DATETIME(2019-01-02 03:04:05.67800) YEAR TO FRACTION(5)");
        assertThat(spec.limitMethod()).isEqualTo(LimitMethod.FETCH_MANY);
        assertThat(spec.enforcedConnectionProperties()).containsEntry("DELIMIDENT", "Y");
    }
}
