package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.TestServer;
import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server open on loopback (no tokens): no login, a banner saying so; and a console under another path. */
class OpenConsoleTest {
    @TempDir
    Path dataDir;

    @Test
    void anOpenServerNeedsNoLoginAndSaysItIsOpenUntilTheFirstTokenExists() {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir))) {
            ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
            Page overview = browser.get("/console");
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.doc().select("#open-banner").text()).contains("This server is OPEN");
            assertThat(browser.get("/console/login").location()).isEqualTo("/console");
            ConsoleTest.enqueueLater(server, null, "open-queue", Map.of());
            String csrf = ConsoleBrowser.csrf(browser.get("/console/queues"));
            assertThat(csrf).isNotEmpty(); // an open session still has its CSRF token
            assertThat(browser.post("/console/queues/open-queue/pause", Map.of()).status()).isEqualTo(403);
            assertThat(browser.post("/console/queues/open-queue/pause", Map.of("csrf", csrf)).status())
                    .isEqualTo(303);

            new TokenStore(dataDir, Clock.systemUTC()).create("ops", Role.ADMIN);
            Page after = browser.get("/console");
            assertThat(after.status()).isEqualTo(303);
            assertThat(after.location()).isEqualTo("/console/login");
        }
    }

    @Test
    void theConsolePathIsConfigurable() {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir).withConsolePath("/ops/hourglass"))) {
            ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
            Page overview = browser.get("/ops/hourglass");
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.doc().select("nav a").eachAttr("href")).contains("/ops/hourglass/jobs");
            assertThat(browser.get("/").location()).isEqualTo("/ops/hourglass");
            assertThat(browser.get("/console").status()).isEqualTo(404);
        }
    }
}
