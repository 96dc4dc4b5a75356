package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing schedules over HTTP on a real server: PUT replaces the definition but keeps {@code enabled} unless
 * given; PATCH edits part of it (JSON merge patch) and validates the result as a whole; a definition that would
 * never fire is refused with the reason.
 */
class ScheduleEditApiTest {
    private static final String TASK = "edit-task";

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
        Response defined = server.putJson("/api/v1/tasks/" + TASK,
                map("executor", "webhook", "settings", map("url", "http://127.0.0.1:1/")));
        assertThat(defined.status()).as(defined.body()).isBetween(200, 201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode create(String name, Object... fields) {
        Object[] all = new Object[fields.length + 4];
        all[0] = "name";
        all[1] = name;
        all[2] = "task";
        all[3] = TASK;
        System.arraycopy(fields, 0, all, 4, fields.length);
        Response created = server.postJson("/api/v1/schedules", map(all));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static Response patch(String name, String body) {
        return server.sendJson("/api/v1/schedules/" + name, "PATCH", body);
    }

    @Test
    void putKeepsADisabledScheduleDisabledUnlessEnabledIsGiven() {
        create("put-disabled", "cron", "0 3 * * *");
        server.postJson("/api/v1/schedules/put-disabled/disable", "{}");
        Response replaced = server.putJson("/api/v1/schedules/put-disabled", map("task", TASK, "cron", "0 4 * * *"));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("enabled").asBoolean()).isFalse();
        assertThat(replaced.json().get("nextFireAt").isNull()).isTrue();
        Response enabled = server.putJson("/api/v1/schedules/put-disabled",
                map("task", TASK, "cron", "0 4 * * *", "enabled", true));
        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndKeepsTheRest() {
        create("patched", "cron", "0 3 * * *", "zone", "Europe/Amsterdam", "queue", "reports", "priority", 7,
                "kwargs", map("account", 42, "region", "eu"), "misfirePolicy", "skip");
        server.postJson("/api/v1/schedules/patched/disable", "{}");
        Response r = patch("patched", "{\"priority\":9,\"kwargs\":{\"region\":\"us\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("priority").asInt()).isEqualTo(9);
        assertThat(s.get("kwargs")).isEqualTo(server.JSON.valueToTree(map("account", 42, "region", "us")));
        assertThat(s.get("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(s.get("zone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(s.get("queue").asText()).isEqualTo("reports");
        assertThat(s.get("misfirePolicy").asText()).isEqualTo("skip");
        assertThat(s.get("enabled").asBoolean()).isFalse();
        assertThat(server.get("/api/v1/schedules/patched").json()).isEqualTo(s);
    }

    @Test
    void patchNullClearsAFieldAndANewKindReplacesTheOldOne() {
        create("reshaped", "cron", "0 3 * * *", "zone", "Europe/Amsterdam", "queue", "reports",
                "kwargs", map("a", 1, "b", 2));
        Response r = patch("reshaped", "{\"every\":\"5m\",\"queue\":null,\"kwargs\":{\"a\":null}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("every").asText()).isEqualTo("PT5M");
        assertThat(r.json().get("cron").isNull()).isTrue();
        assertThat(r.json().get("zone").isNull()).isTrue();
        assertThat(r.json().get("queue").isNull()).isTrue();
        assertThat(r.json().get("kwargs")).isEqualTo(server.JSON.valueToTree(map("b", 2)));
    }

    @Test
    void patchIsValidatedAsAWholeAndChangesNothingWhenRefused() {
        JsonNode before = create("guarded", "every", "10m", "startAt", "2030-01-01T00:00:00Z");
        assertRefused(patch("guarded", "{\"endAt\":\"2029-01-01T00:00:00Z\"}"), 400, "endAt");
        assertRefused(patch("guarded", "{\"task\":null}"), 400, "task");
        assertRefused(patch("guarded", "{\"enabled\":null}"), 400, "enabled");
        assertRefused(patch("guarded", "{\"zone\":\"Europe/Amsterdam\"}"), 400, "zone");
        assertRefused(patch("guarded", "{\"colour\":\"red\"}"), 400, "colour");
        assertRefused(patch("guarded", "{\"cron\":\"0 0 30 2 *\"}"), 400, "cron");
        assertRefused(patch("guarded", "[1]"), 400, null);
        assertRefused(patch("guarded", "{\"every\":\"5m\",\"every\":\"6m\"}"), 400, "every");
        assertThat(server.get("/api/v1/schedules/guarded").json()).isEqualTo(before);
    }

    @Test
    void scheduleWhoseCronNeverFiresIsRefusedAtSaveWithTheReason() {
        Response r = server.postJson("/api/v1/schedules", map("name", "february-30", "task", TASK,
                "cron", "0 0 30 2 *"));
        assertRefused(r, 400, "cron");
        assertThat(r.json().get("message").asText()).contains("never fires");
        Response ended = server.postJson("/api/v1/schedules", map("name", "ended", "task", TASK, "every", "5m",
                "startAt", "2001-01-01T00:00:00Z", "endAt", "2002-01-01T00:00:00Z"));
        assertRefused(ended, 400, "endAt");
        assertThat(ended.json().get("message").asText()).contains("no fire time");
        assertThat(server.get("/api/v1/schedules").json().get("items").findValuesAsText("name"))
                .doesNotContainAnyElementsOf(List.of("february-30", "ended"));
    }

    private static void assertRefused(Response r, int status, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).isNotBlank();
        if (field != null) {
            assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
        }
    }
}
