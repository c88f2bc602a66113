package dev.dbspec.plugin.exasol;

import static org.assertj.core.api.Assertions.assertThat;

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

class ExasolSpecTest extends EngineSpecContract {
    private final EngineSpec spec = new ExasolEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "logdir", "debug", "socketfactory", "socketfactoryarg", "kerberosconfig", "kerberosgssconfig",
                "kerberosservicename", "kerberosrealm", "kerberoshostname", "kerberosusername");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "encryption=maybe", "one of",
                "validateservercertificate=0", "certificate validation",
                "querytimeout=-5", "0 to 86400");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:exa:10.0.0.11..14:8563;schema=SALES;encryption=1;validateservercertificate=1;fingerprint=8A3B5C;clientname=dbspec;logintimeout=10;querytimeout=300;fetchsize=100000");
    }

    @Test
    void grains() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.WEEK, "TS")).isEqualTo("TRUNC(TS, 'IW')");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SATURDAY, "TS")).isEqualTo("ADD_DAYS(TRUNC(ADD_DAYS(TS, 1), 'IW'), 5)");
        assertThat(spec.timeGrainSql(TimeGrain.FIVE_SECONDS, "TS"))
                .isEqualTo("ADD_SECONDS(TRUNC(TS, 'MI'), FLOOR(EXTRACT(SECOND FROM TS) / 5) * 5)");
    }

    @Test
    void literalsEpochAndLimit() {
        assertThat(spec.datetimeLiteral(TemporalType.DATE, sample(TemporalType.DATE))).hasValue("DATE '2019-01-02'");
        assertThat(spec.datetimeLiteral(TemporalType.TIMESTAMP, sample(TemporalType.TIMESTAMP)))
                .hasValue("TIMESTAMP '2019-01-02 03:04:05.678'");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).isEmpty();
        assertThat(spec.epochSecondsToDatetime()).hasValue("ADD_SECONDS(TIMESTAMP '1970-01-01 00:00:00', {col})");
        assertThat(spec.epochMillisToDatetime()).isEmpty();
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.aliases()).containsExactly("exa");
    }

    @Test
    void missingObjectsBeatTheGeneric42000() {
        assertThat(spec.classifyError(new SQLException("object NOPE not found [line 1, column 15]", "42000")))
                .isEqualTo(ErrorCategory.MISSING_TABLE);
        assertThat(spec.classifyError(new SQLException("syntax error, unexpected IDENTIFIER_PART_", "42000")))
                .isEqualTo(ErrorCategory.SYNTAX);
    }
}
