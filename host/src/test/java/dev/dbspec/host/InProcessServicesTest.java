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

    /** A waiter given to onEnded completes with the final status the moment a task ends (no polling), at once for an ended one. */
    @Test
    void onEndedCompletesAsTheTaskEnds() throws Exception {
        try (InProcessTaskService tasks = new InProcessTaskService(1)) {
            CountDownLatch release = new CountDownLatch(1);
            tasks.registerHandler("gate", (payload, cancelled) -> {
                release.await(10, TimeUnit.SECONDS);
                return "done " + payload;
            });
            String id = tasks.submit("gate", "a");
            java.util.concurrent.CompletableFuture<java.util.Optional<dev.dbspec.api.TaskStatus>> ended = waiter(tasks, id);
            Thread.sleep(100);
            assertThat(ended).isNotDone();
            release.countDown();
            assertThat(ended.get(5, TimeUnit.SECONDS)).get().extracting(s -> s.state()).isEqualTo(TaskState.SUCCEEDED);
            assertThat(waiter(tasks, id)).isCompleted();
            assertThat(waiter(tasks, "no-such-task").get()).isEmpty();
            String queued = tasks.submit("gate", "b");
            tasks.cancel(queued);
            assertThat(waiter(tasks, queued).get(5, TimeUnit.SECONDS)).get().extracting(s -> s.state()).isIn(TaskState.CANCELLED,
                    TaskState.SUCCEEDED);
        }
    }

    private static java.util.concurrent.CompletableFuture<java.util.Optional<dev.dbspec.api.TaskStatus>> waiter(InProcessTaskService tasks,
                                                                                                                String id) {
        java.util.concurrent.CompletableFuture<java.util.Optional<dev.dbspec.api.TaskStatus>> waiter = new java.util.concurrent.CompletableFuture<>();
        tasks.onEnded(id, waiter);
        return waiter;
    }

    /**
     * Ended tasks are forgotten after the retention (their results are not kept for ever by a long-running server), and at most
     * MAX_ENDED are kept whatever the retention; running ones never are.
     */
    @Test
    void endedTasksAreForgottenAfterTheRetentionAndPastTheCap() throws Exception {
        try (InProcessTaskService tasks = new InProcessTaskService(2, Duration.ofMillis(50))) {
            tasks.registerHandler("echo", (payload, cancelled) -> payload);
            CountDownLatch release = new CountDownLatch(1);
            tasks.registerHandler("gate", (payload, cancelled) -> {
                release.await(10, TimeUnit.SECONDS);
                return payload;
            });
            String running = tasks.submit("gate", "still running");
            String first = tasks.submit("echo", "first");
            awaitFinal(tasks, first);
            Thread.sleep(120);
            String second = tasks.submit("echo", "second"); // a submit sweeps what expired
            assertThat(tasks.status(first)).as("ended past the retention").isEmpty();
            assertThat(tasks.status(running)).as("running, never forgotten").isPresent();
            awaitFinal(tasks, second);
            assertThat(tasks.result(second)).contains("second");
            release.countDown();
            awaitFinal(tasks, running);
        }
        try (InProcessTaskService tasks = new InProcessTaskService(2, Duration.ofDays(1))) {
            tasks.registerHandler("echo", (payload, cancelled) -> payload);
            String oldest = tasks.submit("echo", "0");
            awaitFinal(tasks, oldest);
            String last = oldest;
            for (int i = 1; i <= InProcessTaskService.MAX_ENDED + 50; i++) {
                last = tasks.submit("echo", Integer.toString(i));
            }
            awaitFinal(tasks, last);
            tasks.submit("echo", "sweep");
            assertThat(tasks.status(oldest)).as("the oldest ended task, past the cap").isEmpty();
            assertThat(tasks.size()).isLessThanOrEqualTo(InProcessTaskService.MAX_ENDED + 2);
            assertThat(tasks.result(last)).contains(Integer.toString(InProcessTaskService.MAX_ENDED + 50));
        }
        try (InProcessTaskService tasks = new InProcessTaskService(1, Duration.ofDays(1))) {
            int megabyte = 1 << 20;
            tasks.registerHandler("big", (payload, cancelled) -> payload.repeat(megabyte));
            String oldest = tasks.submit("big", "a");
            awaitFinal(tasks, oldest);
            String last = oldest;
            long chars = megabyte;
            while (chars <= InProcessTaskService.MAX_RESULT_CHARS + megabyte) {
                last = tasks.submit("big", "b");
                awaitFinal(tasks, last);
                chars += megabyte;
            }
            tasks.submit("big", "c");
            assertThat(tasks.status(oldest)).as("the oldest result, past the characters kept").isEmpty();
            assertThat(tasks.result(last)).get().extracting(String::length).isEqualTo(megabyte);
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
