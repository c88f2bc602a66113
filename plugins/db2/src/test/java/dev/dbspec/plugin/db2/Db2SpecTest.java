package dev.dbspec.plugin.db2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.GenericType;
import dev.dbspec.api.LimitMethod;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Db2SpecTest extends EngineSpecContract {
    private final EngineSpec spec = new Db2EngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "traceFile", "traceDirectory", "clientRerouteServerListJNDIName", "pluginName", "plugin",
                "kerberosServerPrincipal", "gssCredential");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "sslConnection=maybe", "false, true",
                "securityMechanism=4", "one of");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:db2://db2.example.com:50001/SAMPLE:currentSchema=SALES;sslConnection=true;securityMechanism=9;loginTimeout=10;clientProgramName=dbspec;fetchSize=1000;");
    }

    /** Db2 writes options after the database name: {@code jdbc:db2://host:port/db:name=value;name=value;}. */
    @Override
    protected Optional<String> urlWithOption(String url, String name, String value) {
        return Optional.of(url + (url.endsWith(";") ? "" : ":") + name + "=" + value + ";");
    }

    @Test
    void grainsUseLabeledDurations() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS"))
                .isEqualTo("TIMESTAMP(DATE(TS), '00:00:00') - (DAYOFWEEK_ISO(TS) - 1) DAYS");
        assertThat(spec.timeGrainSql(TimeGrain.QUARTER, "TS"))
                .isEqualTo("TIMESTAMP(DATE(TS), '00:00:00') - (DAY(TS) - 1) DAYS - MOD(MONTH(TS) - 1, 3) MONTHS");
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "TS")).isEqualTo("TIMESTAMP(DATE(TS), '00:00:00') + (HOUR(TS) / 6 * 6) HOURS");
    }

    @Test
    void literals() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE('2019-01-02')");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME('03:04:05')");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP('2019-01-02-03.04.05.678000')");
        assertThat(spec.datetimeLiterals().supports(TemporalType.TIMESTAMP_WITH_TIME_ZONE)).isFalse();
    }

    @Test
    void wrapsWithFetchFirst() {
        assertThat(spec.limitMethod()).isEqualTo(LimitMethod.WRAP_SQL);
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.FETCH_FIRST);
        assertThat(spec.genericType("CHAR () FOR BIT DATA")).isEqualTo(GenericType.BINARY);
        assertThat(spec.genericType("VARGRAPHIC")).isEqualTo(GenericType.STRING);
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:db2:SAMPLE")).isInstanceOf(UnsafeUrlException.class).hasMessageContaining("jdbc:db2://");
    }
}
