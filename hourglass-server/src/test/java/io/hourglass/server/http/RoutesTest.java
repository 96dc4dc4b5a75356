package io.hourglass.server.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.server.auth.Access;
import io.hourglass.server.auth.AccessControl;
import io.hourglass.server.auth.CompatAccess;
import io.hourglass.server.auth.ConsoleSessions;
import io.hourglass.server.auth.TokenStore;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry refuses to install a route that does not say who may call it, or one registered around it. */
class RoutesTest {
    @TempDir
    Path dataDir;

    private Routes routes() {
        return new Routes(Javalin.create(), new AccessControl(new TokenStore(dataDir, Clock.systemUTC()), true,
                CompatAccess.OPEN, new ConsoleSessions(Clock.systemUTC(), "/console")));
    }

    @Test
    void routeThatDeclaresNoAccessDoesNotInstall() {
        Routes routes = routes();
        routes.get("/x", null, ctx -> ctx.result("x")).summary("x").response(String.class);
        assertThatThrownBy(routes::install).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /x declares no access");
    }

    @Test
    void routeRegisteredOnJavalinDirectlyDoesNotInstall() {
        Routes routes = routes();
        routes.app().post("/old-style", ctx -> ctx.result("x"));
        routes.get("/x", Access.READ, ctx -> ctx.result("x")).summary("x").response(String.class);
        assertThatThrownBy(routes::install).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /old-style").hasMessageContaining("without a declared access");
    }

    @Test
    void documentedRouteWithoutSummaryOrResponseDoesNotInstall() {
        Routes noSummary = routes();
        noSummary.get("/x", Access.READ, ctx -> ctx.result("x")).response(String.class);
        assertThatThrownBy(noSummary::install).hasMessageContaining("GET /x has no summary");
        Routes noResponse = routes();
        noResponse.get("/x", Access.READ, ctx -> ctx.result("x")).summary("x");
        assertThatThrownBy(noResponse::install).hasMessageContaining("GET /x declares no response");
    }
}
