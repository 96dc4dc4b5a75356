package io.hourglass.server.console.overview;

import io.hourglass.HourglassClient;
import io.hourglass.server.auth.Access;
import io.hourglass.server.console.overview.AttemptsChart.Window;
import io.hourglass.server.console.web.Chrome;
import io.hourglass.server.console.web.Pages;
import io.hourglass.server.http.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's front page: jobs by state now, the overdue count, this node's start latency, the attempts chart
 * (last hour or day, with the same figures as a table for browsers without JavaScript), the queues with their
 * depth, running count and oldest due job, the nodes alive or lost, and the latest failures with their error.
 * Everything comes from {@link HourglassClient} through {@link OverviewModel}. The parts that change are two
 * fragments ({@link #FRAGMENTS}) the live updates re-render and push as they are.
 */
public final class OverviewPage {
    /** The live events of the overview, each the name of the fragment template it carries. */
    public static final Map<String, String> FRAGMENTS = Map.of("overview-summary", "overview/summary.jte",
            "overview-tables", "overview/tables.jte");

    private final OverviewModel.Source source;
    private final AttemptsChart chart;
    private final Pages pages;

    public OverviewPage(OverviewModel.Source source, Pages pages) {
        this.source = source;
        this.chart = new AttemptsChart(source.client(), source.clock());
        this.pages = pages;
    }

    public void register(Routes routes) {
        routes.get(pages.base(), Access.CONSOLE_READ, this::show).anyQuery()
                .summary("Console: overview").undocumented();
        routes.get(pages.base() + "/overview/attempts", Access.CONSOLE_READ, this::attempts).anyQuery()
                .summary("Console: the overview's attempts per bucket by outcome, for its chart").undocumented();
    }

    private void show(Context ctx) {
        Window window = Window.of(ctx.queryParam("window"));
        pages.render(ctx, "overview.jte", Map.of("chrome", pages.chrome(ctx, "Overview", "overview"),
                "view", source.read(), "series", chart.read(window)));
    }

    private void attempts(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(chart.read(Window.of(ctx.queryParam("window"))).json());
    }

    /** The overview's live fragments now, by event name: one read of the model, rendered once for every viewer. */
    public Map<String, String> fragments() {
        OverviewModel view = source.read();
        Chrome chrome = new Chrome(pages.root(), "", "overview", null);
        Map<String, String> html = new LinkedHashMap<>();
        FRAGMENTS.forEach((event, template) -> html.put(event, pages.html(template,
                Map.of("chrome", chrome, "view", view))));
        return html;
    }
}
