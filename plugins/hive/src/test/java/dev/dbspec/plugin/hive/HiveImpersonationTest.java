package dev.dbspec.plugin.hive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.Capability;
import dev.dbspec.api.Impersonation;
import dev.dbspec.api.UnsafeUrlException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** HiveServer2's {@code hive.server2.proxy.user} in the URL's session part, spec-only (no live HiveServer2). */
class HiveImpersonationTest {
    private final HiveEngineSpec spec = new HiveEngineSpec();

    @Test
    void claimsImpersonationThroughTheProxyUser() throws SQLException {
        assertThat(spec.has(Capability.USER_IMPERSONATION)).isTrue();
        assertThat(spec.impersonation().kind()).isEqualTo(Impersonation.Kind.CONNECTION_PROPERTIES);
        assertThat(spec.impersonationProperties("alice")).isEqualTo(Map.of());
    }

    @Test
    void proxyUserGoesAtTheEndOfTheSessionPart() {
        assertThat(spec.impersonatedUrl("jdbc:hive2://h:10000/db", "alice"))
                .isEqualTo("jdbc:hive2://h:10000/db;hive.server2.proxy.user=alice");
        assertThat(spec.impersonatedUrl("jdbc:hive2://h:10000/db;ssl=true", "alice"))
                .isEqualTo("jdbc:hive2://h:10000/db;ssl=true;hive.server2.proxy.user=alice");
        assertThat(spec.impersonatedUrl("jdbc:hive2://h:10000/db;ssl=true?tez.queue.name=q#v=1", "a.b@c"))
                .isEqualTo("jdbc:hive2://h:10000/db;ssl=true;hive.server2.proxy.user=a.b@c?tez.queue.name=q#v=1");
        assertThat(spec.impersonatedUrl("jdbc:hive2://h:10000/#v=1", "bob"))
                .isEqualTo("jdbc:hive2://h:10000/;hive.server2.proxy.user=bob#v=1");
    }

    @Test
    void refusesNamesThatCouldAddOptions() {
        for (String name : new String[] {"", "a;principal=x", "a?b", "a#b", "a=b", "a b", "a/b", "x".repeat(129)}) {
            assertThatThrownBy(() -> spec.impersonationProperties(name)).as(name).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> spec.impersonatedUrl("jdbc:hive2://h:10000/db", name)).as(name)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRegistrationCannotNameItsOwnProxyUser() {
        assertThatThrownBy(() -> spec.checkUrl("jdbc:hive2://h:10000/db;hive.server2.proxy.user=root"))
                .isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> spec.connectAs("jdbc:hive2://h:10000/db;hive.server2.proxy.user=root", new Properties(), Optional.empty(),
                false, "alice")).isInstanceOf(UnsafeUrlException.class);
    }
}
