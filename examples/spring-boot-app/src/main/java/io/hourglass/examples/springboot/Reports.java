package io.hourglass.examples.springboot;

import io.hourglass.spring.HourglassTask;
import io.hourglass.task.JobContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The application's work: a report per customer (enqueued from {@link ReportController}) and a heartbeat that
 * the {@code hourglass.schedules.heartbeat} schedule fires. What ran is kept in memory, for the page and the test.
 */
@Component
public class Reports {
    private static final Logger log = LoggerFactory.getLogger(Reports.class);

    private final List<String> written = new CopyOnWriteArrayList<>();

    @HourglassTask(value = "customer-report", queue = "reports")
    void customerReport(JobContext job) {
        String customer = String.valueOf(job.kwargs().get("customer"));
        job.appendOutput("report for " + customer + "\n");
        written.add("report:" + customer);
        log.info("wrote the report for {} (job {}, attempt {})", customer, job.jobId(), job.attempt());
    }

    @HourglassTask("heartbeat")
    void heartbeat() {
        written.add("heartbeat");
    }

    public List<String> written() {
        return List.copyOf(written);
    }
}
