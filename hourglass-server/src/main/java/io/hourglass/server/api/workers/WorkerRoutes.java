package io.hourglass.server.api.workers;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.server.ServerServices;
import io.hourglass.server.http.ApiException;
import io.hourglass.server.http.JsonBodies;
import io.hourglass.server.auth.Access;
import io.hourglass.server.http.Params;
import io.hourglass.server.http.QueryParam;
import io.hourglass.server.http.Routes;
import io.hourglass.worker.LeaseRenewal;
import io.hourglass.worker.RemoteWorker;
import io.hourglass.worker.RemoteWorkers;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Remote workers, in any language, pull work over HTTP: {@code POST /api/v1/queues/{queue}/pop?limit=N} claims up
 * to N due jobs with a lease; {@code /api/v1/jobs/{id}/heartbeat} keeps it; {@code /complete} and {@code /fail}
 * end the attempt; {@code GET /api/v1/workers} lists the workers seen lately. Calls after the pop carry the
 * worker's name and the attempt number; a worker that lost its lease (it stopped heartbeating and the job went back
 * to the queue) gets 409 and changes nothing. A heartbeat answer says whether the job's cancellation was
 * requested; a repeat of the completion that was recorded gets 200 with the recorded outcome.
 */
public final class WorkerRoutes {
    public static final int MAX_POP = 100;
    public static final int MAX_LEASE_SECONDS = 3600;
    private static final Map<String, Outcome> FAIL_OUTCOMES = Map.of("failed", Outcome.FAILED,
            "infra_error", Outcome.INFRA_ERROR, "cancelled", Outcome.CANCELLED);

    private final HourglassClient client;
    private final RemoteWorkers workers;
    private final JsonBodies bodies;
    private final Duration defaultLease;

    private WorkerRoutes(ServerServices services) {
        this.client = services.client();
        this.workers = services.workers();
        this.bodies = services.bodies();
        this.defaultLease = services.workerLease();
    }

    static final QueryParam LIMIT = QueryParam.integer("limit", "How many jobs to claim, 1 to " + MAX_POP)
            .asRequired();

    public static void register(Routes routes, ServerServices services) {
        WorkerRoutes r = new WorkerRoutes(services);
        routes.post("/api/v1/queues/{queue}/pop", Access.WRITE, r::pop).query(LIMIT).body(WorkerBodies.Pop.class)
                .summary("Remote worker: claims up to limit (1.." + MAX_POP + ") due jobs of the queue with a lease")
                .response(WorkerBodies.Popped.class);
        routes.post("/api/v1/jobs/{id}/heartbeat", Access.WRITE, r::heartbeat).body(WorkerBodies.Heartbeat.class)
                .summary("Remote worker: extends the lease of a popped job by leaseSeconds, else by the lease it was"
                        + " popped with; answers cancellationRequested (409 when lost)")
                .response(WorkerBodies.Lease.class);
        routes.post("/api/v1/jobs/{id}/complete", Access.WRITE, r::complete).body(WorkerBodies.Complete.class)
                .summary("Remote worker: the job succeeded; a repeat answers the recorded outcome (409 when the"
                        + " lease was lost)")
                .response(WorkerBodies.Ended.class);
        routes.post("/api/v1/jobs/{id}/fail", Access.WRITE, r::fail).body(WorkerBodies.Fail.class)
                .summary("Remote worker: the job failed, hit an infra_error or was cancelled (recorded as cancelled"
                        + " after a cancel request); a repeat answers the recorded outcome (409 when the lease was"
                        + " lost)")
                .response(WorkerBodies.Ended.class);
        routes.get("/api/v1/workers", Access.READ, r::list)
                .summary("Remote workers seen in the last 10 minutes or holding a job: last seen, queues popped,"
                        + " jobs held")
                .response(WorkerBodies.Workers.class);
    }

    private void list(Context ctx) {
        ctx.json(new WorkerBodies.Workers(client.workers(), RemoteWorkers.SHOWN_FOR.toSeconds()));
    }

    private void pop(Context ctx) {
        Integer limit = LIMIT.integer(ctx, 1, MAX_POP);
        if (limit == null) {
            throw ApiException.badRequest("limit", "is required: how many jobs to claim, 1 to " + MAX_POP);
        }
        WorkerBodies.Pop body = bodies.read(ctx, WorkerBodies.Pop.class);
        String worker = WorkerBodies.requireWorker(body.worker());
        Duration lease = lease(body.leaseSeconds());
        List<Job> jobs = workers.pop(ctx.pathParam("queue"), limit, worker, lease);
        ctx.json(new WorkerBodies.Popped(jobs.stream().map(PoppedJob::of).toList()));
    }

    private void heartbeat(Context ctx) {
        long id = Params.pathId(ctx, "id");
        WorkerBodies.Heartbeat body = bodies.read(ctx, WorkerBodies.Heartbeat.class);
        String worker = WorkerBodies.requireWorker(body.worker());
        int attempt = WorkerBodies.requireAttempt(body.attempt());
        Duration lease = body.leaseSeconds() == null ? null : lease(body.leaseSeconds());
        LeaseRenewal renewed = workers.heartbeat(id, worker, attempt, lease).orElseThrow(() -> {
            requireExists(id);
            return lost(id, worker, attempt);
        });
        ctx.json(new WorkerBodies.Lease(id, renewed.leaseUntil(), renewed.lease().toSeconds(),
                renewed.cancellationRequested()));
    }

    private void complete(Context ctx) {
        long id = Params.pathId(ctx, "id");
        WorkerBodies.Complete body = bodies.read(ctx, WorkerBodies.Complete.class);
        end(ctx, id, body.worker(), body.attempt(), Outcome.SUCCEEDED, null, body.output());
    }

    private void fail(Context ctx) {
        long id = Params.pathId(ctx, "id");
        WorkerBodies.Fail body = bodies.read(ctx, WorkerBodies.Fail.class);
        Outcome outcome = FAIL_OUTCOMES.get(body.outcome() == null ? "" : body.outcome());
        if (outcome == null) {
            throw ApiException.badRequest("outcome", "must be 'failed', 'infra_error' or 'cancelled', was "
                    + (body.outcome() == null ? "missing" : "'" + body.outcome() + "'"));
        }
        InvalidRequestException.require(body.message() != null && !body.message().isBlank(), "message",
                "is required: say what went wrong");
        end(ctx, id, body.worker(), body.attempt(), outcome, body.message(), body.output());
    }

    private void end(Context ctx, long id, String rawWorker, Integer rawAttempt, Outcome outcome, String error,
                     String output) {
        String worker = WorkerBodies.requireWorker(rawWorker);
        int attempt = WorkerBodies.requireAttempt(rawAttempt);
        Outcome recorded = workers.complete(id, worker, attempt, outcome, error, output).orElseThrow(() -> {
            requireExists(id);
            return lost(id, worker, attempt);
        });
        ctx.json(new WorkerBodies.Ended(id, recorded.wireName()));
    }

    private Duration lease(Integer seconds) {
        if (seconds == null) {
            return defaultLease;
        }
        InvalidRequestException.require(seconds >= 1 && seconds <= MAX_LEASE_SECONDS, "leaseSeconds",
                "must be between 1 and " + MAX_LEASE_SECONDS + ", was " + seconds);
        return Duration.ofSeconds(seconds);
    }

    private void requireExists(long id) {
        if (client.job(id).isEmpty()) {
            throw new NotFoundException("job", id);
        }
    }

    private static ApiException lost(long id, String worker, int attempt) {
        return new ApiException(409, "lease_lost", null, "job " + id + ": worker '" + worker
                + "' no longer holds attempt " + attempt + " (its lease expired, or the job was cancelled or"
                + " finished); this call changed nothing", Map.of());
    }
}
