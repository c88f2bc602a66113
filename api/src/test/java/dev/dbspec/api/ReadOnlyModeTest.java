package dev.dbspec.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadOnlyModeTest {
    /** A spec with only the required methods. */
    private static class PlainSpec implements EngineSpec {
        @Override public String id() { return "recording"; }
        @Override public String displayName() { return "Recording"; }
        @Override public List<String> urlPrefixes() { return List.of("jdbc:recording:"); }
        @Override public String urlTemplate() { return "jdbc:recording:{file}"; }
        @Override public String driverClassName() { return "none"; }
        @Override public Map<TimeGrain, String> timeGrainExpressions() { return Map.of(); }
    }

    /** A spec over a driver that records what it was given; users may not set {@code open_mode}, the host may. */
    private static final class RecordingSpec extends PlainSpec {
        Properties seen;

        @Override public Map<String, String> forbiddenUrlOptions() { return Map.of("open_mode", "only the host opens read-only"); }
        @Override public Map<String, String> enforcedConnectionProperties() { return Map.of("enforced", "yes"); }
        @Override public ConnectionOptions connectionOptions() {
            return ConnectionOptions.builder(ConnectionOptions.Syntax.QUERY).allow("mode", OptionRule.oneOf("ro", "rw", "rwc")).build();
        }

        @Override
        public ReadOnlyMode readOnlyMode(String jdbcUrl) {
            return ReadOnlyMode.CLASSIFIER_ONLY.withConnectionProperties(Map.of("open_mode", "1", "mode", "ro"));
        }

        @Override
        public Driver loadDriver() {
            return (Driver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Driver.class}, (proxy, method, args) -> {
                if (method.getName().equals("connect")) {
                    seen = (Properties) args[1];
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);
                }
                return null;
            });
        }
    }

    @Test
    void theDefaultCallsSetReadOnlyAndNothingElse() {
        EngineSpec spec = new PlainSpec();
        ReadOnlyMode mode = spec.readOnlyMode("jdbc:recording:x");
        assertThat(mode).isEqualTo(ReadOnlyMode.JDBC_READ_ONLY);
        assertThat(mode.setReadOnly()).isTrue();
        assertThat(mode.beginStatements()).isEmpty();
        assertThat(mode.connectionProperties()).isEmpty();
    }

    @Test
    void functionsAreUpperCasedAndWithersKeepTheRest() {
        ReadOnlyMode mode = ReadOnlyMode.JDBC_READ_ONLY.withRefusedFunctions(Set.of("nextval")).withBeginStatements(List.of("SELECT 1"));
        assertThat(mode.refusedFunctions()).containsExactly("NEXTVAL");
        assertThat(mode.setReadOnly()).isTrue();
        assertThat(mode.withSetReadOnly(false).beginStatements()).containsExactly("SELECT 1");
    }

    /** The read-only properties go over the caller's, the enforced and the sandbox ones, and are not vetted as the caller's are. */
    @Test
    void connectReadOnlySetsTheEnginesPropertiesLast() throws SQLException {
        RecordingSpec spec = new RecordingSpec();
        Properties caller = new Properties();
        caller.setProperty("mode", "rwc");
        spec.connectReadOnly("jdbc:recording:/db", caller, Optional.empty());
        assertThat(spec.seen).containsEntry("open_mode", "1").containsEntry("mode", "ro").containsEntry("enforced", "yes");
        // the same option from the caller is still refused
        Properties forbidden = new Properties();
        forbidden.setProperty("open_mode", "6");
        assertThatThrownBy(() -> spec.connectReadOnly("jdbc:recording:/db", forbidden, Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> spec.connectReadOnly("jdbc:recording:/db?open_mode=6", new Properties(), Optional.empty()))
                .isInstanceOf(UnsafeUrlException.class);
        // a plain connection gets none of them
        spec.connect("jdbc:recording:/db", caller);
        assertThat(spec.seen).doesNotContainKey("open_mode").containsEntry("mode", "rwc");
    }
}
