package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import io.hourglass.task.JobContext;
import io.hourglass.task.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arguments read back typed after the JSON round trip through a real store (a long comes back an Integer, a float
 * a Double), and the one-list-argument case of {@code JobRequest.Builder} said without an overload trap.
 */
class TypedArgumentsTest {
    enum Tier { GOLD, SILVER }

    @TempDir
    Path dataDir;

    @Test
    void handlerReadsArgumentsAsTheTypesItWasEnqueuedWith() throws Exception {
        Object read = runOnce(JobRequest.of("typed").argsOf(42L, 2.5f, "ada", List.of(1, 2))
                .kwargs(Map.of("id", 7L, "tier", "GOLD", "ratio", 3, "none", "x")), ctx -> List.of(
                ctx.arg(0, Long.class), ctx.arg(1, Double.class), ctx.arg(2, String.class), ctx.arg(3, List.class),
                ctx.kwarg("id", long.class), ctx.kwarg("tier", Tier.class), ctx.kwarg("ratio", Double.class),
                ctx.kwarg("missing", Integer.class, 5)));

        assertThat(read).isEqualTo(List.of(42L, 2.5d, "ada", List.of(1, 2), 7L, Tier.GOLD, 3.0d, 5));
    }

    @Test
    void aMismatchNamesTheArgumentTheExpectedAndTheActualType() throws Exception {
        Object read = runOnce(JobRequest.of("typed").argsOf("forty-two", 2.5).kwargs(Map.of("id", "a")), ctx -> List.of(
                message(() -> ctx.arg(0, Long.class)),
                message(() -> ctx.arg(1, Integer.class)),
                message(() -> ctx.arg(2, String.class)),
                message(() -> ctx.kwarg("id", Integer.class)),
                message(() -> ctx.kwarg("other", String.class))));

        assertThat(read).asList().satisfiesExactly(
                m -> assertThat(m).asString().matches("argument 0 of job \\d+: expected Long, got the String"
                        + " \"forty-two\""),
                m -> assertThat(m).asString().contains("argument 1").contains("expected Integer, got the Double 2.5"),
                m -> assertThat(m).asString().contains("argument 2").contains("does not exist: the job has 2"),
                m -> assertThat(m).asString().contains("keyword argument 'id'").contains("expected Integer")
                        .contains("String \"a\""),
                m -> assertThat(m).asString().contains("keyword argument 'other'").contains("does not exist"));
    }

    @Test
    void aSingleListIsTheArgumentsWithArgsAndOneArgumentWithArgsOf() {
        List<Integer> numbers = List.of(1, 2);

        assertThat(JobRequest.of("t").args(numbers).build().args()).isEqualTo(List.of(1, 2));
        assertThat(JobRequest.of("t").argsOf(numbers).build().args()).isEqualTo(List.of(List.of(1, 2)));
        assertThat(JobRequest.of("t").args("a", numbers).build().args()).isEqualTo(List.of("a", List.of(1, 2)));
        assertThatThrownBy(() -> JobRequest.of("t").args((Object) numbers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("args(List)").hasMessageContaining("argsOf(value)");
    }

    private Object runOnce(JobRequest.Builder request, Function<JobContext, Object> handler) throws Exception {
        Map<Long, Object> seen = new ConcurrentHashMap<>();
        try (Store store = TestStores.h2(dataDir);
             Hourglass node = Hourglass.builder().store(store)
                     .task(Task.of("typed", ctx -> seen.put(ctx.jobId(), handler.apply(ctx)))).build()) {
            node.start();
            long id = node.enqueue(request.build()).jobId();
            await().atMost(Duration.ofSeconds(30)).until(() -> node.job(id).orElseThrow().state(),
                    state -> state == JobState.SUCCEEDED);
            return seen.get(id);
        }
    }

    private static String message(Runnable read) {
        try {
            read.run();
            return "no exception";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
