package io.hourglass.spring;

import io.hourglass.InvalidRequestException;
import io.hourglass.schedule.MisfirePolicy;
import io.hourglass.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One schedule declared under {@code hourglass.schedules.<name>}: exactly one of {@code cron}, {@code every} or
 * {@code once}, the task, and the optional rest of a {@link Schedule}'s definition.
 */
public class ScheduleProperties {
    /** The task its jobs run (required). */
    private String task;
    /** A cron expression (Unix five fields, or Quartz/Spring six or seven), evaluated in {@code zone}. */
    private String cron;
    /** The IANA zone the cron expression is read in. */
    private ZoneId zone = ZoneOffset.UTC;
    /** A fixed interval between fires, e.g. 30s or 5m. */
    private Duration every;
    /** One fire at this instant (ISO-8601, e.g. 2030-01-01T00:00:00Z). */
    private Instant once;
    /** Positional arguments of its jobs. */
    private List<Object> args = new ArrayList<>();
    /** Keyword arguments of its jobs. */
    private Map<String, Object> kwargs = new LinkedHashMap<>();
    /** The queue its jobs go to (default: the task's). */
    private String queue;
    /** Its jobs' priority, higher first (default: the task's ranker). */
    private Integer priority;
    /** A disabled schedule is saved but does not fire. */
    private boolean enabled = true;
    /** No fire before this instant. */
    private Instant startAt;
    /** No fire at or after this instant. */
    private Instant endAt;
    /** What happens to fire times missed while no node ran: skip, run-once or run-all. */
    private MisfirePolicy misfirePolicy = MisfirePolicy.RUN_ONCE;
    /** With run-all: at most this many missed fire times run. */
    private int misfireCap = Schedule.DEFAULT_MISFIRE_CAP;
    /** A fire whose previous job is still scheduled or running creates nothing. */
    private boolean skipIfPending;

    /** The schedule this declares, named {@code name}; a clear error naming the property when it is incomplete. */
    Schedule toSchedule(String name) {
        String where = "hourglass.schedules." + name;
        long specs = Stream.of(cron, every, once).filter(v -> v != null).count();
        InvalidRequestException.require(specs == 1, where,
                "set exactly one of cron, every or once, " + (specs == 0 ? "none was set" : specs + " were set"));
        InvalidRequestException.require(task != null && !task.isBlank(), where + ".task", "is required");
        Schedule.Builder builder = Schedule.builder(name).task(task).args(args).kwargs(kwargs).queue(queue)
                .priority(priority).enabled(enabled).startAt(startAt).endAt(endAt).misfirePolicy(misfirePolicy)
                .misfireCap(misfireCap).skipIfPending(skipIfPending);
        if (cron != null) {
            builder.cron(cron, zone);
        } else if (every != null) {
            builder.every(every);
        } else {
            builder.once(once);
        }
        return builder.build();
    }

    public String getTask() { return task; }
    public void setTask(String value) { this.task = value; }
    public String getCron() { return cron; }
    public void setCron(String value) { this.cron = value; }
    public ZoneId getZone() { return zone; }
    public void setZone(ZoneId value) { this.zone = value; }
    public Duration getEvery() { return every; }
    public void setEvery(Duration value) { this.every = value; }
    public Instant getOnce() { return once; }
    public void setOnce(Instant value) { this.once = value; }
    public List<Object> getArgs() { return args; }
    public void setArgs(List<Object> value) { this.args = value; }
    public Map<String, Object> getKwargs() { return kwargs; }
    public void setKwargs(Map<String, Object> value) { this.kwargs = value; }
    public String getQueue() { return queue; }
    public void setQueue(String value) { this.queue = value; }
    public Integer getPriority() { return priority; }
    public void setPriority(Integer value) { this.priority = value; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean value) { this.enabled = value; }
    public Instant getStartAt() { return startAt; }
    public void setStartAt(Instant value) { this.startAt = value; }
    public Instant getEndAt() { return endAt; }
    public void setEndAt(Instant value) { this.endAt = value; }
    public MisfirePolicy getMisfirePolicy() { return misfirePolicy; }
    public void setMisfirePolicy(MisfirePolicy value) { this.misfirePolicy = value; }
    public int getMisfireCap() { return misfireCap; }
    public void setMisfireCap(int value) { this.misfireCap = value; }
    public boolean isSkipIfPending() { return skipIfPending; }
    public void setSkipIfPending(boolean value) { this.skipIfPending = value; }
}
