package dev.dbspec.plugin.vertica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.CancelMethod;
import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.LimitSyntax;
import dev.dbspec.api.TemporalType;
import dev.dbspec.api.TimeGrain;
import dev.dbspec.testdb.EngineSpecContract;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerticaSpecTest extends EngineSpecContract {
    private final VerticaEngineSpec spec = new VerticaEngineSpec();

    @Override
    protected EngineSpec spec() {
        return spec;
    }

    @Override
    protected Set<String> refusedByName() {
        return Set.of(
                "ConnSettings", "SocketFactoryName", "SSLSocketFactoryName", "HostnameVerifier", "KeyStorePath", "LogPath",
                "LogLevel", "JAASConfigName", "OAuthTokenUrl", "DisableCopyLocal");
    }

    @Override
    protected Map<String, String> refusedValues() {
        return Map.of(
                "TLSmode=maybe", "must be one of",
                "LoginTimeout=x", "0 to 600");
    }

    @Override
    protected List<String> typicalUrls() {
        return List.of(
                "jdbc:vertica://vertica.example.com:5433/sales?TLSmode=verify-full&LoginTimeout=15&SessionLabel=dbspec&ReadOnly=true");
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
    void switchesCopyLocalOff() {
        assertThat(spec.enforcedConnectionProperties()).containsEntry("DisableCopyLocal", "true");
    }
}
