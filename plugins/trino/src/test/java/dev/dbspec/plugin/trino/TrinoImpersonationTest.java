package dev.dbspec.plugin.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.api.Impersonation;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** trino-jdbc's {@code sessionUser} impersonation, spec-only (no live Trino). */
class TrinoImpersonationTest {
    private final TrinoEngineSpec spec = new TrinoEngineSpec();

    @Test
    void claimsImpersonationThroughSessionUser() throws SQLException {
        assertThat(spec.has(Capability.USER_IMPERSONATION)).isTrue();
        assertThat(spec.impersonation().kind()).isEqualTo(Impersonation.Kind.CONNECTION_PROPERTIES);
        assertThat(spec.impersonationProperties("alice@example.com")).isEqualTo(Map.of("sessionUser", "alice@example.com"));
        assertThat(spec.impersonatedUrl("jdbc:trino://h:8080/c", "alice")).isEqualTo("jdbc:trino://h:8080/c");
    }

    @Test
    void refusesNamesTheHeaderCannotCarry() {
        for (String name : new String[] {"", "a b", "a\nb", "a;b", "x".repeat(129), "é"}) {
            assertThatThrownBy(() -> spec.impersonationProperties(name)).as(name).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
        }
    }

    @Test
    void doesNotSwitchAnOpenConnection() {
        assertThatThrownBy(() -> spec.impersonate(null, "alice")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> spec.endImpersonation(dummy()))
                .isInstanceOf(SQLFeatureNotSupportedException.class);
    }

    /** The vetting of the registration's URL comes first: a refused option never reaches the driver. */
    @Test
    void connectAsVetsTheRegistrationFirst() {
        Properties properties = new Properties();
        properties.setProperty("dnsResolver", "x.Y");
        assertThatThrownBy(() -> spec.connectAs("jdbc:trino://h:8080/c", properties, java.util.Optional.empty(), false, "alice"))
                .isInstanceOf(dev.dbspec.api.UnsafeUrlException.class);
    }

    private static java.sql.Connection dummy() {
        return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(TrinoImpersonationTest.class.getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                    throw new AssertionError("no statement may run: " + method.getName());
                });
    }
}
