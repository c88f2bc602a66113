package dev.dbspec.testdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.EngineSpec;
import dev.dbspec.api.TimeGrain;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The connection-level error checks connect to rewritten URLs: the closed-port check to a local port it has just freed,
 * which any local process may bind before the check connects. The credentials under test never go there (a server
 * asking for a cleartext password would get it); they go only to the server the user named.
 */
class ConnectionErrorChecksTest {
    private record Opened(String url, Properties properties) {
    }

    @Test
    void theClosedPortCheckSendsNoPassword() {
        List<Opened> opened = new ArrayList<>();
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        properties.setProperty("password", "dbspec-marker-secret");
        LiveChecks checks = new LiveChecks(new Stub(), () -> {
            throw new SQLException("not used");
        }).withTarget(new LiveChecks.Target("jdbc:stub://db.example.com:5432/app?ssl=true", properties, (url, given) -> {
            opened.add(new Opened(url, (Properties) given.clone()));
            throw new SQLNonTransientConnectionException("refused", "08001");
        }));
        checks.unreachableHost();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).url()).startsWith("jdbc:stub://127.0.0.1:").endsWith("/app?ssl=true");
        assertThat(opened.get(0).properties().getProperty("user")).isEqualTo("alice");
        assertThat(opened.get(0).properties().stringPropertyNames()).doesNotContain("password");
        assertThat(opened.get(0).properties().values()).doesNotContain("dbspec-marker-secret");
        // The user's own properties are left as they were for the other checks.
        assertThat(properties.getProperty("password")).isEqualTo("dbspec-marker-secret");
    }

    /** The least an engine spec says; nothing of it connects. */
    private static final class Stub implements EngineSpec {
        @Override
        public String id() {
            return "stub";
        }

        @Override
        public String displayName() {
            return "Stub";
        }

        @Override
        public List<String> urlPrefixes() {
            return List.of("jdbc:stub:");
        }

        @Override
        public String urlTemplate() {
            return "jdbc:stub://{host}:{port}/{database}";
        }

        @Override
        public String driverClassName() {
            return "org.example.NoDriver";
        }

        @Override
        public Map<TimeGrain, String> timeGrainExpressions() {
            return Map.of();
        }
    }
}
