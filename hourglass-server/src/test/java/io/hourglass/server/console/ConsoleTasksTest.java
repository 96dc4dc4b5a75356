package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.console.ConsoleBrowser.Page;
import io.hourglass.task.TaskDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's Tasks page on H2: code and defined tasks, an admin's define / edit / delete forms with the API's
 * rules and messages, secrets never in the HTML and kept when left masked, and the roles and CSRF checks.
 */
class ConsoleTasksTest extends ServerWithRoles {
    static final String TOKEN = "Bearer s3cret-partner-token";
    static final String HMAC = "0123456789abcdef-hmac";

    static ConsoleBrowser loggedIn(TestServer server, String token) {
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        browser.login("/console", token);
        return browser;
    }

    /** Defines a webhook task with two secret settings through the console's form. */
    static Page defineThroughTheForm(TestServer server, ConsoleBrowser browser, String name) {
        Page form = browser.get("/console/tasks/_new");
        assertThat(form.status()).isEqualTo(200);
        return ConsoleForms.submit(browser, form, "#task-form", Map.of("name", name, "executor", "webhook",
                "settings", "{\"url\": \"http://127.0.0.1:9/hook\", \"headers\": {\"Authorization\": \"" + TOKEN
                        + "\"}, \"hmacSecret\": \"" + HMAC + "\"}", "queue", "hooks", "timeout", "30s",
                "maxAttempts", "4", "retryOn", "failed, timed_out"));
    }

    static void assertNoSecretIn(Page page) {
        assertThat(page.raw().body()).doesNotContain("s3cret-partner-token").doesNotContain(HMAC);
    }

    @Test
    void anAdminDefinesATaskThroughTheFormAndItIsShownWithItsSecretsMasked() {
        ConsoleBrowser browser = loggedIn(server, admin);
        Page saved = defineThroughTheForm(server, browser, "console-hook");
        assertThat(saved.status()).as(saved.doc().text()).isEqualTo(303);

        Page detail = browser.get(saved.location());
        assertThat(detail.doc().select("#notice").text()).contains("Defined task console-hook (version 1)");
        assertThat(detail.doc().select("#facts").text()).contains("webhook").contains("hooks").contains("30s")
                .contains("at most 4 attempts").contains("failed, timed_out");
        assertThat(detail.doc().select("#settings").text()).contains("\"hmacSecret\" : \"***\"")
                .contains("\"Authorization\" : \"***\"").contains("http://127.0.0.1:9/hook");
        assertNoSecretIn(detail);

        Page list = browser.get("/console/tasks");
        assertThat(list.doc().select("tr[data-task=console-hook] .task-kind").text()).isEqualTo("defined");
        assertThat(list.doc().select("tr[data-task=container] .task-kind").text()).isEqualTo("code");
        assertNoSecretIn(list);
        assertNoSecretIn(browser.get("/console/tasks/console-hook/edit"));
        assertThat(server.withToken(admin).get("/api/v1/tasks/console-hook").json().get("settings").get("hmacSecret")
                .asText()).isEqualTo("***");
    }

    @Test
    void editingATaskKeepsTheSecretsLeftMaskedAndTakesWhatWasChanged() {
        ConsoleBrowser browser = loggedIn(server, admin);
        defineThroughTheForm(server, browser, "edited-hook");
        Page edit = browser.get("/console/tasks/edited-hook/edit");
        assertThat(edit.doc().select("#field-settings").val()).contains("***");

        Page saved = ConsoleForms.submit(browser, edit, "#task-form", Map.of("queue", "other-hooks"));
        assertThat(saved.status()).as(saved.doc().text()).isEqualTo(303);

        TaskDefinition stored = server.server.hourglass().taskDefinition("edited-hook").orElseThrow();
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.queue()).isEqualTo("other-hooks");
        assertThat(stored.settings()).containsEntry("hmacSecret", HMAC)
                .containsEntry("headers", Map.of("Authorization", TOKEN));
        assertThat(stored.retryPolicy().maxAttempts()).isEqualTo(4);
    }

    @Test
    void theApiTooKeepsASecretSentBackMasked() {
        TestServer api = server.withToken(admin);
        api.putJson("/api/v1/tasks/api-hook", map("executor", "webhook", "settings", map("url",
                "http://127.0.0.1:9/a", "hmacSecret", HMAC)));
        var shown = api.get("/api/v1/tasks/api-hook").json();

        Response replaced = api.putJson("/api/v1/tasks/api-hook", map("executor", "webhook", "settings", map("url",
                "http://127.0.0.1:9/b", "hmacSecret", shown.get("settings").get("hmacSecret").asText())));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(server.server.hourglass().taskDefinition("api-hook").orElseThrow().settings())
                .containsEntry("hmacSecret", HMAC).containsEntry("url", "http://127.0.0.1:9/b");
    }

    @Test
    void badInputIsShownNextToItsFieldWithTheApisMessageAndNothingIsSaved() {
        ConsoleBrowser browser = loggedIn(server, admin);
        Page form = browser.get("/console/tasks/_new");
        Map<String, String> good = Map.of("name", "bad-hook", "executor", "webhook",
                "settings", "{\"url\": \"http://127.0.0.1:9/hook\"}");
        String apiTimeout = server.withToken(admin).putJson("/api/v1/tasks/bad-hook", map("executor", "webhook",
                "settings", map("url", "http://127.0.0.1:9/hook"), "timeout", "soon")).json().get("message").asText();
        String apiSetting = server.withToken(admin).putJson("/api/v1/tasks/bad-hook", map("executor", "webhook",
                "settings", map("url", "http://127.0.0.1:9/hook", "colour", "red"))).json().get("message").asText();

        Page timeout = ConsoleForms.submit(browser, form, "#task-form", with(good, "timeout", "soon"));
        Page setting = ConsoleForms.submit(browser, form, "#task-form", with(good, "settings",
                "{\"url\": \"http://127.0.0.1:9/hook\", \"colour\": \"red\"}"));
        Page notJson = ConsoleForms.submit(browser, form, "#task-form", with(good, "settings", "{url:"));
        Page attempts = ConsoleForms.submit(browser, form, "#task-form", with(good, "maxAttempts", "0"));
        Page name = ConsoleForms.submit(browser, form, "#task-form", with(good, "name", "no spaces"));

        assertThat(timeout.status()).isEqualTo(400);
        assertThat(timeout.doc().select("#timeout-error").text()).isEqualTo(apiTimeout);
        assertThat(timeout.doc().select("#field-timeout").val()).isEqualTo("soon");
        assertThat(setting.doc().select("#settings-error").text()).isEqualTo(apiSetting);
        assertThat(notJson.doc().select("#settings-error").text()).contains("must be a JSON object");
        assertThat(attempts.doc().select("#maxAttempts-error").text()).contains("retry.maxAttempts");
        assertThat(name.doc().select("#name-error").text()).contains("letters, digits");
        assertThat(server.withToken(admin).get("/api/v1/tasks/bad-hook").status()).isEqualTo(404);
    }

    @Test
    void deletingAsksFirstAndShowsTheApisRefusalWhileJobsUseTheTask() {
        ConsoleBrowser browser = loggedIn(server, admin);
        defineThroughTheForm(server, browser, "doomed-hook");
        long job = server.withToken(admin).postJson("/api/v1/jobs", map("task", "doomed-hook", "delay", "PT1H"))
                .json().get("jobId").asLong();

        Page confirm = browser.get("/console/tasks/doomed-hook/delete");
        assertThat(confirm.doc().select("#delete-confirm").text()).isEqualTo("Delete doomed-hook");
        Page refused = ConsoleForms.submit(browser, confirm, "#delete-form", Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.doc().select("#delete-error").text()).contains("scheduled or running jobs");

        server.withToken(admin).postJson("/api/v1/jobs/" + job + "/cancel", Map.of());
        Page deleted = ConsoleForms.submit(browser, confirm, "#delete-form", Map.of());
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(browser.get(deleted.location()).doc().select("#notice").text()).contains("Deleted task doomed-hook");
        assertThat(server.withToken(admin).get("/api/v1/tasks/doomed-hook").status()).isEqualTo(404);
    }

    @Test
    void readAndWriteUsersSeeNoTaskFormsAndTheServerRefusesTheirPosts() {
        ConsoleBrowser owner = loggedIn(server, admin);
        defineThroughTheForm(server, owner, "guarded-hook");
        for (String token : new String[] {reader, writer}) {
            ConsoleBrowser browser = loggedIn(server, token);
            Page list = browser.get("/console/tasks");
            Page detail = browser.get("/console/tasks/guarded-hook");
            assertThat(list.doc().select("#define-task")).isEmpty();
            assertThat(detail.doc().select("#task-actions")).isEmpty();
            assertNoSecretIn(detail);
            assertThat(browser.get("/console/tasks/_new").status()).isEqualTo(403);
            String csrf = ConsoleBrowser.csrf(list);
            assertThat(browser.post("/console/tasks/_new", Map.of("csrf", csrf, "name", "forged", "executor",
                    "webhook", "settings", "{\"url\": \"http://127.0.0.1:9/x\"}")).status()).isEqualTo(403);
            assertThat(browser.post("/console/tasks/guarded-hook/delete", Map.of("csrf", csrf)).status())
                    .isEqualTo(403);
        }
        Page page = owner.get("/console/tasks/guarded-hook/delete");
        assertThat(owner.post("/console/tasks/guarded-hook/delete", Map.of()).status()).isEqualTo(403);
        assertThat(owner.post("/console/tasks/guarded-hook/delete", Map.of("csrf", ConsoleBrowser.csrf(page)),
                "https://evil.example", "cross-site").status()).isEqualTo(403);
        assertThat(server.withToken(admin).get("/api/v1/tasks/guarded-hook").status()).isEqualTo(200);
        assertThat(server.withToken(admin).get("/api/v1/tasks/forged").status()).isEqualTo(404);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
