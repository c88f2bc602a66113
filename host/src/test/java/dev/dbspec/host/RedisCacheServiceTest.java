package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CacheService;
import dev.dbspec.host.services.EmbeddedHostServices;
import dev.dbspec.host.services.InProcessTaskService;
import dev.dbspec.host.services.RedisCacheService;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Redis cache on the real local Redis. */
class RedisCacheServiceTest {
    @Test
    void roundTripTtlNamespacesAndSizeBound() throws Exception {
        LocalServices.requireRedis();
        String root = "dbspec-test-" + UUID.randomUUID();
        try (RedisCacheService cache = RedisCacheService.connect(URI.create(LocalServices.REDIS), root, 1024)) {
            CacheService a = cache.namespace("a");
            CacheService b = cache.namespace("b");
            a.put("k", "va é", Duration.ofMinutes(1));
            b.put("k", "vb", Duration.ofMillis(300));
            assertThat(a.get("k")).contains("va é");
            assertThat(b.get("k")).contains("vb");
            assertThat(cache.get("k")).isEmpty();
            assertThat(cache.get("a:k")).contains("va é");
            Thread.sleep(700);
            assertThat(b.get("k")).as("expired by its TTL in Redis").isEmpty();
            assertThat(a.get("k")).contains("va é");
            a.invalidate("k");
            assertThat(a.get("k")).isEmpty();
            a.put("big", "x".repeat(2000), Duration.ofMinutes(1));
            assertThat(a.get("big")).as("values above the size bound are not cached").isEmpty();
            assertThatThrownBy(() -> a.put("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> a.namespace("x:y")).isInstanceOf(IllegalArgumentException.class);
            assertThat(cache.ping()).isTrue();
            assertThat(cache.display()).isEqualTo("redis://127.0.0.1:6379");
        }
    }

    @Test
    void pluginsSeeTheirOwnNamespaceOnRedis() {
        LocalServices.requireRedis();
        String root = "dbspec-test-" + UUID.randomUUID();
        RedisCacheService cache = RedisCacheService.connect(URI.create(LocalServices.REDIS), root, 1 << 20);
        try (EmbeddedHostServices services = new EmbeddedHostServices(cache, new InProcessTaskService(1), List.of(cache))) {
            services.forPlugin("one").cache().put("key", "1", Duration.ofMinutes(1));
            assertThat(services.forPlugin("two").cache().get("key")).isEmpty();
            assertThat(services.forPlugin("one").cache().get("key")).contains("1");
            services.forPlugin("one").cache().invalidate("key");
        }
    }

    @Test
    void anUnreachableRedisIsAClearErrorAtStart() {
        assertThatThrownBy(() -> RedisCacheService.connect(URI.create("redis://:hunter2@127.0.0.1:1"), "dbspec", 1024))
                .hasMessageContaining("cannot connect to the cache at redis://127.0.0.1:1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
