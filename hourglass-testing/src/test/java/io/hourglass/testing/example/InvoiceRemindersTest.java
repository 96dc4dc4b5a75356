package io.hourglass.testing.example;

// docs/embedding.md "Testing your tasks" shows this file from here on (DocsExampleTest keeps the two the same)
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.JobRequest;
import io.hourglass.schedule.Schedule;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import io.hourglass.testing.HourglassTestKit;
import io.hourglass.testing.RunResult;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvoiceRemindersTest {
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Mailer mailer = new Mailer(sent);
    private final HourglassTestKit kit = HourglassTestKit.builder() // the clock starts at 2026-01-01T00:00Z, a Thursday
            .task(Task.builder("invoice-reminders")
                    .retryPolicy(RetryPolicy.DEFAULT.retrying(Outcome.FAILED).withJitter(0))
                    .handler(ctx -> mailer.send(ctx.kwarg("customer", String.class)))
                    .build())
            .build();

    @AfterEach
    void closeKit() {
        kit.close();
    }

    @Test
    void remindersGoOutAtNineOnWorkingDays() {
        kit.node().createSchedule(Schedule.builder("reminders").task("invoice-reminders")
                .cron("0 9 * * MON-FRI", ZoneId.of("Europe/Amsterdam")).kwargs(Map.of("customer", "ada")).build());

        RunResult week = kit.advanceAndRunDue(Duration.ofDays(7));

        assertEquals(5, week.count(Outcome.SUCCEEDED)); // Thursday, Friday, Monday, Tuesday, Wednesday
        assertEquals(List.of("ada", "ada", "ada", "ada", "ada"), sent);
    }

    @Test
    void aFailedReminderIsRetriedOnceItsBackoffIsOver() {
        mailer.failNext("SMTP server unavailable");
        long id = kit.node().enqueue(JobRequest.of("invoice-reminders").kwargs(Map.of("customer", "grace")).build())
                .jobId();

        kit.runDue();
        kit.assertThatJob(id).isScheduled().hasAttempts(1); // waits for its retry, one second later

        kit.advanceAndRunDue(Duration.ofSeconds(1));
        kit.assertThatJob(id).succeeded().hasAttempts(2);
        assertEquals(List.of("grace"), sent);
    }

    /** The application's mailer, here recording what it sends; {@link #failNext} makes the next send throw. */
    static final class Mailer {
        private final List<String> sent;
        private volatile String nextFailure;

        Mailer(List<String> sent) {
            this.sent = sent;
        }

        void failNext(String error) {
            nextFailure = error;
        }

        void send(String customer) {
            String failure = nextFailure;
            nextFailure = null;
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            sent.add(customer);
        }
    }
}
