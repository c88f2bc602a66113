package dev.dbspec.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbspec.api.CacheService;
import dev.dbspec.api.TaskState;
import dev.dbspec.host.services.EmbeddedHostServices;
import dev.dbspec.host.services.InProcessCacheService;
import dev.dbspec.host.services.InProcessTaskService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessServicesTest {
    @Test
    void cacheRoundTripExpiresAndIsNamespaced() throws Exception {
        InProcessCacheService cache = new InProcessCacheService(100);
        CacheService a = cache.namespace("a");
        CacheService b = cache.namespace("b");
        a.put("k", "va", Duration.ofMinutes(1));
        b.put("k", "vb", Duration.ofMillis(50));
        assertThat(a.get("k")).contains("va");
        assertThat(b.get("k")).contains("vb");
        assertThat(cache.get("k")).isEmpty();
        Thread.sleep(120);
        assertThat(b.get("k")).isEmpty();
        assertThat(a.get("k")).contains("va");
        a.invalidate("k");
        assertThat(a.get("k")).isEmpty();
        assertThatThrownBy(() -> a.put("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pluginsGetSeparateNamespaces() {
        try (EmbeddedHostServices services = new EmbeddedHostServices()) {
            services.forPlugin("one").cache().put("key", "1", Duration.ofMinutes(1));
            assertThat(services.forPlugin("two").cache().get("key")).isEmpty();
            assertThat(services.forPlugin("one").cache().get("key")).contains("1");
        }
    }

    @Test
    void tasksRunFailAndCancel() throws Exception {
        try (InProcessTaskService tasks = new InProcessTaskService(1)) {
            tasks.registerHandler("upper", (payload, cancelled) -> payload.toUpperCase());
            tasks.registerHandler("fail", (payload, cancelled) -> {
                throw new IllegalStateException("bad payload " + payload);
            });
            CountDownLatch started = new CountDownLatch(1);
            tasks.registerHandler("wait", (payload, cancelled) -> {
                started.countDown();
                while (!cancelled.getAsBoolean()) {
                    Thread.sleep(5);
                }
                return "stopped";
            });
            String ok = tasks.submit("upper", "abc");
            String failing = tasks.submit("fail", "x");
            awaitFinal(tasks, ok);
            awaitFinal(tasks, failing);
            assertThat(tasks.result(ok)).contains("ABC");
            assertThat(tasks.status(failing)).get().satisfies(s -> {
                assertThat(s.state()).isEqualTo(TaskState.FAILED);
                assertThat(s.error()).contains("bad payload x");
            });
            String running = tasks.submit("wait", "");
            String queued = tasks.submit("upper", "never");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(tasks.cancel(queued)).isTrue();
            assertThat(tasks.cancel(running)).isTrue();
            awaitFinal(tasks, running);
            assertThat(tasks.status(running)).get().extracting(s -> s.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(tasks.status(queued)).get().extracting(s -> s.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(tasks.result(queued)).isEmpty();
            assertThat(tasks.cancel(ok)).isFalse();
            assertThatThrownBy(() -> tasks.submit("unknown", "")).hasMessageContaining("no handler");
        }
    }

    private static void awaitFinal(InProcessTaskService tasks, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!tasks.status(id).orElseThrow().state().isFinal()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task " + id + " did not finish");
            }
            Thread.sleep(5);
        }
    }
}
