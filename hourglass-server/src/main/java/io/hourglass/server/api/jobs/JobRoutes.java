package io.hourglass.server.api.jobs;

import io.hourglass.HourglassClient;
import io.hourglass.NotFoundException;
import io.hourglass.job.CancelResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.http.Params;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs under {@code /api/v1/jobs}: enqueue (201 when created; 200 with {@code created: false} and the existing
 * job's id when the dedup key is taken), bulk enqueue, list, show with attempts, cancel, retry now, and overdue.
 * "Retry now" runs a job now, whatever kept it waiting: a finished job gets a fresh copy (same task, arguments,
 * queue, priority and dedup key), due now (201); a scheduled one, due later or waiting out its retry backoff, is
 * made due now, itself (200); a running one is already running (409).
 */
public final class JobRoutes {
    public static final int MAX_BULK = 1000;
    public static final int MAX_OVERDUE = 1000;

    private final HourglassClient client;
    private final JsonBodies bodies;

    private JobRoutes(ServerServices services) {
        this.client = services.client();
        this.bodies = services.bodies();
    }

    public static void register(Javalin app, ServerServices services) {
        JobRoutes routes = new JobRoutes(services);
        app.post("/api/v1/jobs", routes::enqueue);
        app.post("/api/v1/jobs/bulk", routes::enqueueAll);
        app.get("/api/v1/jobs", routes::list);
        app.get("/api/v1/jobs/{id}", routes::show);
        app.post("/api/v1/jobs/{id}/cancel", routes::cancel);
        app.post("/api/v1/jobs/{id}/retry", routes::retry);
        app.get("/api/v1/overdue", routes::overdue);
    }

    private void enqueue(Context ctx) {
        EnqueueResult result = client.enqueue(bodies.read(ctx, EnqueueBody.class).toRequest());
        ctx.status(result.created() ? 201 : 200).json(result);
    }

    private void enqueueAll(Context ctx) {
        EnqueueBody.Bulk bulk = bodies.read(ctx, EnqueueBody.Bulk.class);
        if (bulk.jobs() == null || bulk.jobs().isEmpty() || bulk.jobs().size() > MAX_BULK) {
            throw ApiException.badRequest("jobs", "must hold 1 to " + MAX_BULK + " jobs, was "
                    + (bulk.jobs() == null ? 0 : bulk.jobs().size()));
        }
        List<JobRequest> requests = new ArrayList<>();
        for (int i = 0; i < bulk.jobs().size(); i++) {
            EnqueueBody body = bulk.jobs().get(i);
            if (body == null) {
                throw ApiException.badRequest("jobs[" + i + "]", "must be a job, was null");
            }
            try {
                requests.add(body.toRequest());
            } catch (io.hourglass.InvalidRequestException e) {
                throw ApiException.badRequest("jobs[" + i + "]." + e.field(), e.getMessage());
            }
        }
        ctx.json(Map.of("results", client.enqueueAll(requests)));
    }

    private void list(Context ctx) {
        Page<Job> page = client.jobs(JobQueries.from(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(JobView::of).toList());
        body.put("nextCursor", page.nextCursor());
        ctx.json(body);
    }

    private void show(Context ctx) {
        Job job = find(ctx);
        ctx.json(JobView.of(job, client.attempts(job.id())));
    }

    private void cancel(Context ctx) {
        Job job = find(ctx);
        CancelResult result = client.cancel(job.id());
        switch (result) {
            case NOT_FOUND -> throw new NotFoundException("job", job.id());
            case ALREADY_FINISHED -> throw ApiException.conflict("job " + job.id() + " already finished ("
                    + job.state().wireName() + "); nothing to cancel");
            default -> ctx.json(Map.of("id", job.id(), "result", result.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private void retry(Context ctx) {
        Job job = find(ctx);
        if (job.state() == JobState.SCHEDULED) {
            ctx.json(JobView.of(client.runNow(job.id()))); // a job started since is a 409 from runNow
            return;
        }
        if (!job.state().isFinished()) {
            throw ApiException.conflict("job " + job.id() + " is " + job.state().wireName()
                    + "; it is being tried now (cancel it to stop it)");
        }
        JobRequest.Builder copy = JobRequest.of(job.task()).args(job.args()).kwargs(job.kwargs()).queue(job.queue())
                .priority(job.priority()).dedupKey(job.dedupKey())
                .allowUnknownTask(true); // the job was accepted once: a retry repeats it, as asked
        if (job.maxAttempts() != null) {
            copy.maxAttempts(job.maxAttempts());
        }
        if (job.timeout() != null) {
            copy.timeout(job.timeout());
        }
        EnqueueResult result = client.enqueue(copy.build());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", result.jobId());
        body.put("created", result.created());
        body.put("retryOf", job.id());
        ctx.status(result.created() ? 201 : 200).json(body);
    }

    private void overdue(Context ctx) {
        int limit = Params.queryInt(ctx, "limit", 1, MAX_OVERDUE, 100);
        ctx.json(Map.of("items", client.overdue(limit).stream().map(OverdueView::of).toList()));
    }

    private Job find(Context ctx) {
        long id = Params.pathId(ctx, "id");
        return client.job(id).orElseThrow(() -> new NotFoundException("job", id));
    }
}
