package dev.dbspec.host.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbspec.api.TaskState;
import dev.dbspec.api.TaskStatus;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Long polls of a task that runs longer than they wait leave nothing behind on the task: a client polling {@code ?wait=1}
 * for hours must not attach one completion (with the status it answered) per poll to the task until it ends.
 */
class TaskWaitsTest {
    private static final int POLLS = 200;

    @Test
    void timedOutWaitsAreForgottenAndTheNextWaitStillAnswersAtTheEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InProcessTaskService tasks = new InProcessTaskService(2); TaskWaits waits = new TaskWaits(tasks)) {
            tasks.registerHandler("slow", (payload, cancelled) -> {
                release.await();
                return "done";
            });
            String id = tasks.submit("slow", "");
            for (int i = 0; i < POLLS; i++) {
                Optional<TaskStatus> status = waits.untilEnded(id, Duration.ofMillis(1)).get(5, TimeUnit.SECONDS);
                assertThat(status).get().extracting(TaskStatus::state).isIn(TaskState.QUEUED, TaskState.RUNNING);
            }
            assertThat(tasks.waiters(id)).isZero();
            assertThat(endedFuture(tasks, id).getNumberOfDependents()).isZero();

            CompletableFuture<Optional<TaskStatus>> last = waits.untilEnded(id, Duration.ofSeconds(20));
            assertThat(tasks.waiters(id)).isEqualTo(1);
            release.countDown();
            assertThat(last.get(5, TimeUnit.SECONDS)).get().extracting(TaskStatus::state).isEqualTo(TaskState.SUCCEEDED);
            assertThat(tasks.waiters(id)).isZero();
            // an ended task answers at once
            assertThat(waits.untilEnded(id, Duration.ofSeconds(20)).get(1, TimeUnit.SECONDS)).get()
                    .extracting(TaskStatus::state).isEqualTo(TaskState.SUCCEEDED);
        } finally {
            release.countDown();
        }
    }

    /** The task's own end future, whose dependents a timed-out wait must not add to. */
    @SuppressWarnings("unchecked")
    private static CompletableFuture<?> endedFuture(InProcessTaskService tasks, String id) throws ReflectiveOperationException {
        Field tasksField = InProcessTaskService.class.getDeclaredField("tasks");
        tasksField.setAccessible(true);
        Object task = ((Map<String, Object>) tasksField.get(tasks)).get(id);
        Field ended = task.getClass().getDeclaredField("ended");
        ended.setAccessible(true);
        return (CompletableFuture<?>) ended.get(task);
    }
}
