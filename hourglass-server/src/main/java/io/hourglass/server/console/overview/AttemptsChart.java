package io.hourglass.server.console.overview;

import io.hourglass.HourglassClient;
import io.hourglass.Stats;
import io.hourglass.attempt.Outcome;
import io.hourglass.server.auth.ConsoleRefusal;
import io.hourglass.store.OutcomeCount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The overview's attempts chart: attempts by outcome per bucket over the last hour (per minute) or the last day
 * (per 5 minutes: a day of minutes is more buckets than {@code HourglassClient.stats} allows), read through
 * {@link HourglassClient#stats}. The last bucket is the current, partial one. Every open overview asks for the
 * same figures, so a read is kept for {@link #KEPT_FOR} and shared: many consoles cost one store read per window
 * per ten seconds.
 */
public final class AttemptsChart {
    /** How long one read of a window's figures is served before the store is asked again. */
    static final Duration KEPT_FOR = Duration.ofSeconds(10);

    /** The chart's two ranges, as the {@code window} query parameter names them. */
    public enum Window {
        HOUR(Duration.ofHours(1), Duration.ofMinutes(1), "the last hour, per minute"),
        DAY(Duration.ofDays(1), Duration.ofMinutes(5), "the last day, per 5 minutes");

        final Duration span;
        final Duration bucket;
        final String words;

        Window(Duration span, Duration bucket, String words) {
            this.span = span;
            this.bucket = bucket;
            this.words = words;
        }

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public String words() {
            return words;
        }

        /** The window a query parameter names; absent means the hour; anything else is refused with 400. */
        public static Window of(String value) {
            if (value == null || value.isBlank()) {
                return HOUR;
            }
            for (Window w : values()) {
                if (w.wireName().equals(value)) {
                    return w;
                }
            }
            throw new ConsoleRefusal(400, "window: must be 'hour' or 'day', was '" + value + "'");
        }
    }

    /**
     * Every bucket of a window, oldest first, with the count of each outcome that occurs in it (outcomes no
     * attempt ended with in the window are left out).
     */
    public record Series(Window window, List<Instant> starts, Map<Outcome, long[]> counts) {
        /** One table row: a bucket that had attempts, with its count per outcome (in {@link #outcomes()} order). */
        public record Row(Instant start, List<Long> counts) {
        }

        public List<Outcome> outcomes() {
            return List.copyOf(counts.keySet());
        }

        /** The buckets with attempts, newest first: the no-JavaScript table. */
        public List<Row> rows() {
            List<Row> rows = new ArrayList<>();
            for (int i = starts.size() - 1; i >= 0; i--) {
                int at = i;
                List<Long> values = counts.values().stream().map(c -> c[at]).toList();
                if (values.stream().anyMatch(v -> v > 0)) {
                    rows.add(new Row(starts.get(i), values));
                }
            }
            return rows;
        }

        /** The figures as the chart's script reads them: epoch seconds and one array per outcome. */
        public Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("window", window.wireName());
            out.put("bucketSeconds", window.bucket.getSeconds());
            out.put("times", starts.stream().map(Instant::getEpochSecond).toList());
            Map<String, long[]> byOutcome = new LinkedHashMap<>();
            counts.forEach((outcome, values) -> byOutcome.put(outcome.wireName(), values));
            out.put("outcomes", byOutcome);
            return out;
        }
    }

    private record Kept(Instant readAt, Series series) {
    }

    private final HourglassClient client;
    private final Clock clock;
    private final Map<Window, Kept> kept = new ConcurrentHashMap<>();

    AttemptsChart(HourglassClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public Series read(Window window) {
        Instant now = clock.instant();
        return kept.compute(window, (w, k) -> k != null && k.readAt.plus(KEPT_FOR).isAfter(now) ? k
                : new Kept(now, readNow(w, now))).series;
    }

    private Series readNow(Window window, Instant now) {
        long size = window.bucket.getSeconds();
        Instant to = Instant.ofEpochSecond((Math.floorDiv(now.getEpochSecond(), size) + 1) * size);
        Instant from = to.minus(window.span);
        Stats stats = client.stats(from, to, window.bucket);
        int buckets = (int) (window.span.getSeconds() / size);
        List<Instant> starts = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            starts.add(from.plusSeconds(i * size));
        }
        Map<Outcome, long[]> counts = new EnumMap<>(Outcome.class);
        for (OutcomeCount c : stats.attempts()) {
            int index = (int) ((c.bucketStart().getEpochSecond() - from.getEpochSecond()) / size);
            if (index >= 0 && index < buckets) {
                counts.computeIfAbsent(c.outcome(), o -> new long[buckets])[index] += c.count();
            }
        }
        return new Series(window, starts, counts);
    }
}
