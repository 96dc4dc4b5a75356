package io.hourglass.server.api.jobs;

import io.hourglass.HourglassClient;
import io.hourglass.NotFoundException;
import io.hourglass.UnknownTaskException;
import io.hourglass.job.CancelResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.Page;
import io.hourglass.job.RetryResult;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.http.Params;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Items;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.ArrayList;
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

    static final QueryParam OVERDUE_LIMIT = QueryParam.integer("limit", "At most this many, 1 to " + MAX_OVERDUE
            + " (default 100)");

    public static void register(Routes routes, ServerServices services) {
        JobRoutes r = new JobRoutes(services);
        routes.post("/api/v1/jobs", Access.WRITE, r::enqueue).body(EnqueueBody.class)
                .summary("Enqueues a job (201 created; 200 with created=false when the dedup key is taken; 422 for a"
                        + " task no node knows unless allowUnknownTask)")
                .response(201, EnqueueResult.class).response(200, EnqueueResult.class);
        routes.post("/api/v1/jobs/bulk", Access.WRITE, r::enqueueAll).body(EnqueueBody.Bulk.class)
                .summary("Enqueues up to " + MAX_BULK + " jobs; results in request order")
                .response(JobAnswers.BulkResults.class);
        routes.get("/api/v1/jobs", Access.READ, r::list).query(JobQueries.PARAMS)
                .summary("Lists jobs, newest first, by state, queue, task, dedupKey, schedule, outcome, node,"
                        + " due, created and finished time ranges and a text search; cursor paging")
                .response(JobAnswers.JobPage.class);
        BulkJobRoutes.register(routes, services.client()); // before /jobs/{id}, which would take "count" for an id
        routes.get("/api/v1/jobs/{id}", Access.READ, r::show).summary("One job with its attempts")
                .response(JobView.class);
        routes.post("/api/v1/jobs/{id}/cancel", Access.WRITE, r::cancel)
                .summary("Cancels a scheduled job, or asks a running one to stop").response(JobAnswers.Cancelled.class);
        routes.post("/api/v1/jobs/{id}/retry", Access.WRITE, r::retry)
                .summary("Retry now: a finished job gets a fresh copy due now (201); a scheduled one, due later or"
                        + " waiting for its retry backoff, is made due now (200, the job); a running one is a 409")
                .response(201, JobAnswers.Retried.class).response(200, JobView.class);
        routes.get("/api/v1/overdue", Access.READ, r::overdue).query(OVERDUE_LIMIT)
                .summary("Due jobs nobody has claimed, oldest first, each with why it waits (reason, because)")
                .response(Items.class, OverdueView.class);
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
        try {
            ctx.json(new JobAnswers.BulkResults(client.enqueueAll(requests)));
        } catch (UnknownTaskException e) { // nothing was enqueued: name the first job that has the task
            int i = 0;
            while (i < requests.size() - 1 && !requests.get(i).task().equals(e.task())) {
                i++;
            }
            throw new ApiException(422, "unprocessable", "jobs[" + i + "].task", e.getMessage(), Map.of());
        }
    }

    private void list(Context ctx) {
        Page<Job> page = client.jobs(JobQueries.from(ctx));
        ctx.json(new JobAnswers.JobPage(page.items().stream().map(JobView::of).toList(), page.nextCursor()));
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
            default -> ctx.json(new JobAnswers.Cancelled(job.id(), result.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    private void retry(Context ctx) {
        RetryResult result = client.retry(Params.pathId(ctx, "id"));
        Job job = result.job();
        switch (result.action()) {
            case MADE_DUE -> ctx.json(JobView.of(job));
            case REFUSED_RUNNING -> throw ApiException.conflict("job " + job.id() + " is " + job.state().wireName()
                    + "; it is being tried now (cancel it to stop it)");
            case COPIED -> ctx.status(result.created() ? 201 : 200).json(new JobAnswers.Retried(job.id(),
                    result.created(), result.sourceJobId()));
        }
    }

    private void overdue(Context ctx) {
        int limit = OVERDUE_LIMIT.integer(ctx, 1, MAX_OVERDUE, 100);
        ctx.json(new Items<>(client.overdue(limit).stream().map(OverdueView::of).toList()));
    }

    private Job find(Context ctx) {
        long id = Params.pathId(ctx, "id");
        return client.job(id).orElseThrow(() -> new NotFoundException("job", id));
    }
}
