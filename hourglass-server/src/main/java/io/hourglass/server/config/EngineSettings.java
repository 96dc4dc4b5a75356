package io.hourglass.server.config;

import io.hourglass.HourglassBuilder;
import io.hourglass.internal.Durations;
import java.time.Duration;

/**
 * The engine's tuning as the server was given it ({@code --lease-duration}, {@code --poll-interval}, ...), read
 * by the rules {@link HourglassBuilder#build()} enforces so a bad value stops the server before it opens the
 * database, with the setting's names in the message rather than the builder's field. Defaults are the builder's.
 * {@link ServerConfig#applyTo} is where these meet the builder.
 *
 * @param heartbeatInterval null: the builder's default, a third of the lease
 */
public record EngineSettings(
        int claimBatchSize,
        int prefetch,
        int completionBatchSize,
        Duration leaseDuration,
        Duration heartbeatInterval,
        Duration pollInterval,
        Duration misfireGrace,
        int maxOutputChars,
        Duration historyRetention,
        Duration claimAhead) {

    /** The builder's defaults. */
    public static final EngineSettings DEFAULTS = new EngineSettings(HourglassBuilder.DEFAULT_CLAIM_BATCH_SIZE,
            HourglassBuilder.DEFAULT_PREFETCH, HourglassBuilder.DEFAULT_COMPLETION_BATCH_SIZE,
            HourglassBuilder.DEFAULT_LEASE_DURATION, null, HourglassBuilder.DEFAULT_POLL_INTERVAL,
            HourglassBuilder.DEFAULT_MISFIRE_GRACE, HourglassBuilder.DEFAULT_MAX_OUTPUT_CHARS,
            HourglassBuilder.DEFAULT_HISTORY_RETENTION, HourglassBuilder.DEFAULT_CLAIM_AHEAD);

    private static final Duration MIN_HEARTBEAT = Duration.ofMillis(10);
    private static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final Duration MIN_RETENTION = Duration.ofMinutes(1);
    private static final int MAX_BATCH = 10_000;

    static EngineSettings read(SettingValues v) {
        Duration lease = v.durationAtLeast(Setting.LEASE_DURATION, HourglassBuilder.MIN_LEASE_DURATION);
        Duration heartbeat = null;
        if (v.get(Setting.HEARTBEAT_INTERVAL) != null) {
            heartbeat = v.durationAtLeast(Setting.HEARTBEAT_INTERVAL, MIN_HEARTBEAT);
            Duration half = lease.dividedBy(2);
            v.require(heartbeat.compareTo(half) <= 0, Setting.HEARTBEAT_INTERVAL, v.get(Setting.HEARTBEAT_INTERVAL),
                    "must be at most half of " + Setting.LEASE_DURATION.option() + " (" + Durations.format(half)
                            + ") so one late beat does not lose leases");
        }
        Duration ahead = v.durationAtLeast(Setting.CLAIM_AHEAD, Duration.ZERO);
        v.require(ahead.compareTo(lease.dividedBy(2)) <= 0, Setting.CLAIM_AHEAD, v.get(Setting.CLAIM_AHEAD),
                "must be at most half of " + Setting.LEASE_DURATION.option() + " (" + Durations.format(lease.dividedBy(2))
                        + "): a job held ahead is leased like a running one");
        return new EngineSettings(v.intIn(Setting.CLAIM_BATCH_SIZE, 1, MAX_BATCH),
                v.intIn(Setting.PREFETCH, 0, MAX_BATCH), v.intIn(Setting.COMPLETION_BATCH_SIZE, 1, MAX_BATCH), lease,
                heartbeat, v.durationAtLeast(Setting.POLL_INTERVAL, MIN_POLL),
                v.durationAtLeast(Setting.MISFIRE_GRACE, Duration.ZERO),
                v.intIn(Setting.MAX_OUTPUT_CHARS, 0, Integer.MAX_VALUE),
                v.durationAtLeast(Setting.HISTORY_RETENTION, MIN_RETENTION), ahead);
    }
}
