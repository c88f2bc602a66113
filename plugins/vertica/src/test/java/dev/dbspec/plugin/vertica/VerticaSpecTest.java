package dev.dbspec.plugin.vertica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.api.UnsafeUrlException;
import dev.dbspec.testdb.EngineSpecContract;
import org.junit.jupiter.api.Test;

class VerticaSpecTest extends EngineSpecContract {
    private final VerticaEngineSpec spec = new VerticaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Test
    void claimsEveryPostgresGrain() {
        assertThat(spec.timeGrainExpressions()).containsOnlyKeys(TimeGrain.values());
        assertThat(spec.timeGrainSql(TimeGrain.SIX_HOURS, "ts"))
                .isEqualTo("DATE_TRUNC('day', ts) + INTERVAL '6 hours' * FLOOR(EXTRACT(HOUR FROM ts) / 6)");
        assertThat(spec.timeGrainSql(TimeGrain.WEEK_ENDING_SUNDAY, "ts")).isEqualTo("DATE_TRUNC('week', ts) + INTERVAL '6 days'");
    }

    @Test
    void keepsTheCaseOfNamesAndWritesTypedLiterals() {
        assertThat(spec.identifierQuoting().normalizeUnquoted("Sales")).isEqualTo("Sales");
        assertThat(spec.datetimeLiteral(TemporalType.TIME, sample(TemporalType.TIME))).hasValue("TIME '03:04:05.000000'");
        assertThat(spec.limitSyntax()).isEqualTo(LimitSyntax.LIMIT);
        assertThat(spec.cancelMethod()).isEqualTo(CancelMethod.JDBC_CANCEL);
        assertThat(spec.defaultPort()).hasValue(5433);
    }

    @Test
    void refusesLogFiles() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:vertica://h:5433/db?LogLevel=TRACE&LogPath=/tmp"))
                .isInstanceOf(UnsafeUrlException.class).hasMessageContaining("LogPath");
    }
}
