package io.hourglass.server.compat;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.CancelResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.server.ServerServices;
import io.hourglass.server.auth.Access;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The container-jobs API, kept exactly as its existing clients use it: form-encoded requests, JSON answers, errors
 * as {@code {"message": ...}}, dates as {@code dd-mm-yyyy HH:MM:SS} in the server's zone. Its jobs are jobs of the
 * {@link ContainerTask} task with the image in the {@code image} keyword argument; jobs of other tasks are not
 * visible here.
 */
public final class CompatRoutes {
    /** {@code history} shows at most this many of the most recent finished jobs. */
    public static final int HISTORY_LIMIT = 1000;
    private static final int PAGE = JobQuery.MAX_LIMIT;

    private final HourglassClient client;
    private final CompatTime time;
    private final List<String> command;

    private CompatRoutes(ServerServices services, ServerConfig config) {
        this.client = services.client();
        this.command = config.containerCommand();
        this.time = new CompatTime(config.zone());
    }

    /** The form {@code POST /job} reads: the image, and either a relative time or a date. */
    record SubmitForm(String job_name, String time, String date) {
    }

    /** {@code GET /jobs}: each map from job id to job. */
    record JobLists(Map<String, CompatJobView> running, Map<String, CompatJobView> scheduled,
                    Map<String, CompatJobView> history) {
    }

    /** Every other answer, errors included. */
    record Message(String message) {
    }

    /**
     * Registers the routes; they ignore query parameters they do not read, as they always did, since their
     * clients predate the REST API's rule.
     */
    public static void register(Routes routes, ServerServices services, ServerConfig config) {
        CompatRoutes r = new CompatRoutes(services, config);
        routes.get("/", Access.COMPAT_READ, ctx -> {
            ctx.json(new Message("see /jobs"));
            ctx.redirect("/jobs", io.javalin.http.HttpStatus.FOUND);
        }).anyQuery().summary("Redirects to /jobs (container-jobs API)").response(302, null);
        routes.get("/jobs", Access.COMPAT_READ, r.answering(r::list)).anyQuery()
                .summary("Container jobs: running, scheduled and history, each a map from job id to job")
                .response(JobLists.class);
        routes.get("/job/{id}", Access.COMPAT_READ, r.answering(r::show)).anyQuery()
                .summary("One container job").response(CompatJobView.class);
        routes.post("/job", Access.COMPAT_WRITE, r.answering(r::submit)).anyQuery().formBody(SubmitForm.class)
                .summary("Schedules a container job: form fields job_name and time (30s, 2m, 1h, 4d) or date"
                        + " (dd-mm-yyyy HH:MM:SS)")
                .response(Message.class);
        routes.delete("/job/{id}", Access.COMPAT_WRITE, r.answering(r::deschedule)).anyQuery()
                .summary("De-schedules a container job").response(Message.class);
    }

    private Handler answering(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (CompatError e) {
                ctx.status(e.status()).json(new Message(e.getMessage()));
            } catch (InvalidRequestException e) {
                ctx.status(400).json(new Message(e.getMessage()));
            }
        };
    }

    private void list(Context ctx) {
        ctx.json(new JobLists(views(EnumSet.of(JobState.RUNNING), Integer.MAX_VALUE),
                views(EnumSet.of(JobState.SCHEDULED), Integer.MAX_VALUE),
                views(EnumSet.of(JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED, JobState.EXPIRED),
                        HISTORY_LIMIT)));
    }

    private Map<String, CompatJobView> views(Set<JobState> states, int max) {
        Map<String, CompatJobView> views = new LinkedHashMap<>();
        JobQuery query = JobQuery.all().withTask(ContainerTask.NAME).withStates(states).withLimit(Math.min(PAGE, max));
        while (true) {
            Page<Job> page = client.jobs(query);
            for (Job job : page.items()) {
                if (views.size() >= max) {
                    return views;
                }
                CompatJobView view = CompatJobView.of(job, time);
                views.put(view.id(), view);
            }
            if (page.nextCursor() == null) {
                return views;
            }
            query = query.withCursor(page.nextCursor());
        }
    }

    /** The image, plus the configured container command (if any), recorded in the job when it is submitted. */
    private Map<String, Object> kwargs(String image) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put(ContainerTask.IMAGE_ARG, image);
        if (!command.isEmpty()) {
            kwargs.put(ContainerTask.COMMAND_ARG, command);
        }
        return kwargs;
    }

    private void show(Context ctx) {
        ctx.json(CompatJobView.of(find(ctx.pathParam("id")), time));
    }

    private void submit(Context ctx) {
        String image = trimmed(ctx.formParam("job_name"));
        String relative = trimmed(ctx.formParam("time"));
        String date = trimmed(ctx.formParam("date"));
        if (image == null) {
            throw new CompatError(400, "job_name is required: the name of the image to run");
        }
        if (image.length() > JobRequest.MAX_NAME_LENGTH) {
            throw new CompatError(400, "job_name must be at most " + JobRequest.MAX_NAME_LENGTH + " characters");
        }
        if (relative == null && date == null) {
            throw new CompatError(400, "give either time (a relative time like 30s, 2m, 1h or 4d) or date"
                    + " (like 20-06-2021 20:00:00)");
        }
        if (relative != null && date != null) {
            throw new CompatError(400, "give either time or date, not both");
        }
        JobRequest.Builder request = JobRequest.of(ContainerTask.NAME).kwargs(kwargs(image));
        String when;
        if (relative != null) {
            Duration delay = time.parseRelative(relative);
            request.delay(delay);
            when = relative;
        } else {
            Instant at = time.parseDate(date);
            request.at(at);
            when = time.format(at);
        }
        EnqueueResult result = client.enqueue(request.build());
        ctx.status(200).json(new Message("job " + image + " with id " + result.jobId()
                + " will be scheduled to run in " + when));
    }

    private void deschedule(Context ctx) {
        Job job = find(ctx.pathParam("id"));
        CancelResult result = client.cancel(job.id());
        switch (result) {
            case CANCELLED, CANCELLATION_REQUESTED ->
                    ctx.json(new Message("job " + job.id() + " was de-scheduled"));
            case ALREADY_FINISHED -> throw new CompatError(404, "job " + job.id()
                    + " is not scheduled: it already finished (" + job.state().wireName() + ")");
            case NOT_FOUND -> throw notFound(ctx.pathParam("id"));
        }
    }

    private Job find(String rawId) {
        Optional<Job> job;
        try {
            job = client.job(Long.parseLong(rawId));
        } catch (NumberFormatException e) {
            job = Optional.empty();
        }
        return job.filter(j -> ContainerTask.NAME.equals(j.task())).orElseThrow(() -> notFound(rawId));
    }

    private static CompatError notFound(String rawId) {
        return new CompatError(404, "job " + rawId + " not found");
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
