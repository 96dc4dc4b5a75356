package io.hourglass.examples.springboot;

import io.hourglass.HourglassClient;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The application's own API: enqueue a customer's report (once per customer while one is pending), read it back. */
@RestController
public class ReportController {
    private final HourglassClient hourglass;
    private final Reports reports;

    public ReportController(HourglassClient hourglass, Reports reports) {
        this.hourglass = hourglass;
        this.reports = reports;
    }

    @PostMapping("/reports/{customer}")
    public ResponseEntity<Map<String, Object>> request(@PathVariable String customer) {
        EnqueueResult result = hourglass.enqueue(JobRequest.of("customer-report")
                .kwargs(Map.of("customer", customer)).dedupKey("report:" + customer).build());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("job", result.jobId(), "created", result.created()));
    }

    @GetMapping("/reports/jobs/{id}")
    public ResponseEntity<Map<String, Object>> job(@PathVariable long id) {
        return hourglass.job(id).map(Job::state)
                .map(state -> ResponseEntity.ok(Map.<String, Object>of("job", id, "state", state.wireName())))
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping("/reports")
    public List<String> written() {
        return reports.written();
    }
}
