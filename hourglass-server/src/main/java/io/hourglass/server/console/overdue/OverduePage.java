package io.hourglass.server.console.overdue;

import io.hourglass.HourglassClient;
import io.hourglass.job.OverdueJob;
import io.hourglass.server.auth.Access;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Jobs that are due but that nobody has claimed, oldest due first, with how late each is and why it waits (its
 * queue is paused or at its limit, no live node runs its task), as {@code HourglassClient.overdue} explains them.
 */
public final class OverduePage {
    static final int SHOWN = 200;

    /** One overdue job with how late it is now. */
    public record Row(OverdueJob overdue, Duration late) {
    }

    private final HourglassClient client;
    private final Pages pages;
    private final Clock clock;

    private OverduePage(HourglassClient client, Pages pages, Clock clock) {
        this.client = client;
        this.pages = pages;
        this.clock = clock;
    }

    public static void register(Routes routes, HourglassClient client, Pages pages, Clock clock) {
        OverduePage p = new OverduePage(client, pages, clock);
        routes.get(pages.base() + "/overdue", Access.CONSOLE_READ, p::show).anyQuery()
                .summary("Console: overdue jobs").undocumented();
    }

    private void show(Context ctx) {
        java.time.Instant now = clock.instant();
        List<Row> rows = client.overdue(SHOWN).stream()
                .map(o -> new Row(o, Duration.between(o.job().dueAt(), now))).toList();
        pages.render(ctx, "overdue.jte", Map.of("chrome", pages.chrome(ctx, "Overdue", "overdue"), "rows", rows,
                "shown", SHOWN));
    }
}
