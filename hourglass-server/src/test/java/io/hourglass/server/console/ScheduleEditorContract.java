package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The console's schedule editor, schedule page, preview, deletion and change history over HTTP without
 * JavaScript, on a real server; run on H2 ({@link ScheduleEditorOnH2Test}) and PostgreSQL
 * ({@link ScheduleEditorOnPostgresTest}). Forms are filled the way a browser fills them: every field of the form
 * as served, with the ones under test changed.
 */
abstract class ScheduleEditorContract extends ServerWithRoles {
    private static ConsoleBrowser loggedIn(String token) {
        return ConsoleTasksTest.loggedIn(server, token);
    }

    /** Every field of the page's schedule form as a browser would send it. */
    static Map<String, String> formOf(Page page) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element e : page.doc().select("#schedule-form input, #schedule-form textarea, #schedule-form select")) {
            String type = e.attr("type");
            if (e.tagName().equals("textarea")) {
                fields.put(e.attr("name"), e.wholeText());
            } else if (e.tagName().equals("select")) {
                fields.put(e.attr("name"), e.select("option[selected]").attr("value"));
            } else if ((type.equals("checkbox") || type.equals("radio"))) {
                if (e.hasAttr("checked")) {
                    fields.put(e.attr("name"), e.attr("value"));
                }
            } else {
                fields.put(e.attr("name"), e.attr("value"));
            }
        }
        return fields;
    }

    private Page submitNew(ConsoleBrowser browser, Map<String, String> changes) {
        Map<String, String> form = formOf(browser.get("/console/new/schedule"));
        changes.forEach((k, v) -> {
            if (v == null) {
                form.remove(k);
            } else {
                form.put(k, v);
            }
        });
        return browser.post("/console/new/schedule", form);
    }

    private static Map<String, String> nightly(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("task", "console-remote");
        m.put("cron", "0 2 * * *");
        m.put("zone", "Europe/Amsterdam");
        m.put("args", "[\"eu\", 2]");
        m.put("kwargs", "{\"format\": \"pdf\"}");
        m.put("queue", "reports");
        m.put("priority", "5");
        m.put("allowUnknownTask", "true");
        return m;
    }

    private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void aWriterCreatesACronScheduleThroughTheFormAndSeesItsPage() {
        ConsoleBrowser browser = loggedIn(writer);
        assertThat(browser.get("/console/schedules").doc().select("#new-schedule").attr("href"))
                .isEqualTo("/console/new/schedule");

        Page saved = submitNew(browser, nightly("form-nightly"));

        assertThat(saved.status()).as(saved.doc().text()).isEqualTo(303);
        assertThat(saved.location()).startsWith("/console/schedules/form-nightly?notice=");
        JsonNode stored = server.withToken(reader).get("/api/v1/schedules/form-nightly").json();
        assertThat(stored.get("cron").asText()).isEqualTo("0 2 * * *");
        assertThat(stored.get("zone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(stored.get("args").toString()).isEqualTo("[\"eu\",2]");
        assertThat(stored.get("kwargs").toString()).isEqualTo("{\"format\":\"pdf\"}");
        assertThat(stored.get("priority").asInt()).isEqualTo(5);
        assertThat(stored.get("enabled").asBoolean()).isTrue();
        Page detail = browser.get(saved.location());
        assertThat(detail.doc().select("#notice").text()).contains("Created schedule form-nightly");
        assertThat(detail.doc().select("#timing").text()).contains("02:00").contains("Europe/Amsterdam");
        assertThat(detail.doc().select("#definition tr[data-field=queue] td").text()).isEqualTo("reports");
        assertThat(detail.doc().select("#next-fires li")).hasSize(5);
        assertThat(detail.doc().select("#no-schedule-jobs")).isNotEmpty();
        assertThat(detail.doc().select("#history tr[data-action=created] .actor").text()).isEqualTo("writer");
    }

    static Stream<Arguments> badInput() {
        String past = Instant.now().minusSeconds(3600).toString();
        return Stream.of(
                Arguments.of("name", Map.of("name", " "), "is required"),
                Arguments.of("task", Map.of("task", ""), "is required"),
                Arguments.of("cron", Map.of("cron", "every day"), "cron"),
                Arguments.of("cron", Map.of("cron", "0 0 30 2 *"), "never fires"),
                Arguments.of("zone", Map.of("zone", "Mars/Olympus"), "IANA time zone"),
                Arguments.of("every", Map.of("kind", "every", "every", "soon"), "soon"),
                Arguments.of("once", Map.of("kind", "once", "once", "yesterday"), "ISO-8601 instant"),
                Arguments.of("once", Map.of("kind", "once", "once", past), "in the future"),
                Arguments.of("args", Map.of("args", "{\"a\": 1}"), "JSON array"),
                Arguments.of("args", Map.of("args", "[1,"), "not valid JSON"),
                Arguments.of("kwargs", Map.of("kwargs", "[1]"), "JSON object"),
                Arguments.of("priority", Map.of("priority", "high"), "whole number"),
                Arguments.of("startAt", Map.of("startAt", "tomorrow"), "ISO-8601 instant"),
                Arguments.of("endAt", Map.of("startAt", "2030-01-02T00:00:00Z", "endAt", "2030-01-01T00:00:00Z"),
                        "endAt must be after startAt"),
                Arguments.of("misfirePolicy", Map.of("misfirePolicy", "sometimes"), "unknown misfire policy"),
                Arguments.of("misfireCap", Map.of("misfireCap", "0"), "misfireCap must be >= 1"),
                Arguments.of("task", Map.of("task", "nobody-runs-this", "allowUnknownTask", ""), "unknown"),
                Arguments.of("kind", Map.of("kind", "sometimes"), "choose cron, every or once"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badInput")
    void badInputIsShownNextToItsFieldTheFormKeepsWhatWasTypedAndNothingIsSaved(String field,
                                                                                Map<String, String> bad,
                                                                                String message) {
        String name = "bad-" + Math.abs((field + bad).hashCode());
        Map<String, String> typed = new LinkedHashMap<>(nightly(name));
        bad.forEach((k, v) -> {
            if (k.equals("allowUnknownTask")) {
                typed.remove(k); // an unticked checkbox is not sent
            } else {
                typed.put(k, v);
            }
        });
        Page refused = submitNew(loggedIn(writer), typed);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.doc().select("#" + field + "-error").text()).contains(message);
        assertThat(refused.doc().select(".field-error")).hasSize(1);
        Map<String, String> kept = formOf(refused);
        typed.forEach((k, v) -> {
            // a select shows only its own options, and a refused choice goes back to the first
            if (!k.equals("kind") && !k.equals("allowUnknownTask") && !k.equals("misfirePolicy")) {
                assertThat(kept.get(k)).as(k).isEqualTo(v);
            }
        });
        String lookup = bad.containsKey("name") ? "/api/v1/schedules" : "/api/v1/schedules/" + name;
        Response stored = server.withToken(reader).get(lookup);
        if (bad.containsKey("name")) {
            assertThat(stored.json().get("items").toString()).doesNotContain(name);
        } else {
            assertThat(stored.status()).isEqualTo(404);
        }
    }

    @Test
    void theFormShowsTheSameMessageTheApiGivesForTheSameValue() {
        Response api = server.withToken(writer).postJson("/api/v1/schedules", map("name", "same-rule", "task",
                "console-remote", "allowUnknownTask", true, "cron", "61 * * * *"));
        assertThat(api.status()).isEqualTo(400);
        Page form = submitNew(loggedIn(writer), with(nightly("same-rule"), "cron", "61 * * * *", "zone", "UTC"));
        assertThat(form.doc().select("#cron-error").text()).isEqualTo(api.json().get("message").asText());
        assertThat(api.json().get("field").asText()).isEqualTo("cron");
    }

    @Test
    void aTakenNameIsShownNextToTheNameField() {
        ConsoleBrowser browser = loggedIn(writer);
        assertThat(submitNew(browser, nightly("taken")).status()).isEqualTo(303);
        Page again = submitNew(browser, with(nightly("taken"), "cron", "0 4 * * *"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.doc().select("#name-error").text()).contains("already exists");
        assertThat(server.withToken(reader).get("/api/v1/schedules/taken").json().get("cron").asText())
                .isEqualTo("0 2 * * *");
    }

    @Test
    void editingChangesTheDefinitionAndTheHistoryShowsWhoChangedWhichField() {
        Response created = server.withToken(admin).postJson("/api/v1/schedules", map("name", "edited", "task",
                "console-remote", "allowUnknownTask", true, "every", "5m", "kwargs", map("v", 1)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConsoleBrowser browser = loggedIn(writer);
        Page edit = browser.get("/console/schedules/edited/edit");
        assertThat(edit.doc().select("#schedule-name").text()).isEqualTo("edited");
        Map<String, String> form = formOf(edit);
        assertThat(form).containsEntry("kind", "every").containsEntry("every", "PT5M")
                .containsEntry("kwargs", "{\"v\":1}").doesNotContainKey("name");

        form.put("every", "10m");
        form.put("kwargs", "{\"v\": 2}");
        Page saved = browser.post("/console/schedules/edited/edit", form);
        assertThat(saved.status()).as(saved.doc().text()).isEqualTo(303);
        Page detail = browser.get(saved.location());
        Page disabled = browser.post("/console/schedules/edited/disable", Map.of("csrf",
                ConsoleBrowser.csrf(detail), "back", "detail"));
        assertThat(disabled.location()).startsWith("/console/schedules/edited?notice=");
        detail = browser.get(disabled.location());

        assertThat(detail.doc().select("#schedule-state").text()).isEqualTo("disabled");
        assertThat(detail.doc().select("#history tbody tr").eachAttr("data-action"))
                .containsExactly("disabled", "updated", "created");
        assertThat(detail.doc().select("#history tbody tr .actor").eachText())
                .containsExactly("writer", "writer", "admin");
        Element updated = detail.doc().selectFirst("#history tr[data-action=updated]");
        assertThat(updated.select("li").eachAttr("data-field")).containsExactly("every", "kwargs");
        assertThat(updated.select("li[data-field=every]").text()).isEqualTo("every: PT5M → PT10M");
        assertThat(detail.doc().select("#history tr[data-action=disabled] li").text())
                .isEqualTo("enabled: true → false");

        JsonNode history = server.withToken(reader).get("/api/v1/schedules/edited/history").json().get("items");
        assertThat(history).hasSize(3);
        assertThat(history.get(1).get("actor").asText()).isEqualTo("writer");
        assertThat(history.get(1).get("changes").toString()).contains("\"field\":\"every\"")
                .contains("\"before\":\"PT5M\"");
        assertThat(history.get(2).get("actor").asText()).isEqualTo("admin");
        assertThat(history.get(2).get("before").isNull()).isTrue();
    }

    @Test
    void thePreviewShowsTheNextFireTimesInWordsOrTheReasonTheTimingIsInvalid() {
        ConsoleBrowser browser = loggedIn(writer);
        Page form = browser.get("/console/new/schedule");
        Map<String, String> fields = with(formOf(form), "cron", "30 6 * * 1", "zone", "Europe/Amsterdam");

        Page fragment = browser.post("/console/schedules/preview", fields);
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.doc().select("#preview-times li")).hasSize(5);
        assertThat(fragment.doc().select("#preview-timing").text()).contains("06:30").contains("Europe/Amsterdam");

        Page invalid = browser.post("/console/schedules/preview", with(fields, "cron", "30 6 * *"));
        assertThat(invalid.doc().select("#preview-error").text()).startsWith("cron:");
        assertThat(invalid.doc().select("#preview-times")).isEmpty();

        Page interval = browser.post("/console/schedules/preview", with(fields, "kind", "every", "every", "90s"));
        assertThat(interval.doc().select("#preview-timing").text()).isEqualTo("every 90.0 s");

        Page noScript = browser.post("/console/new/schedule", with(fields, "name", "previewed", "action", "preview"));
        assertThat(noScript.status()).isEqualTo(200);
        assertThat(noScript.doc().select("#preview #preview-times li")).hasSize(5);
        assertThat(formOf(noScript)).containsEntry("cron", "30 6 * * 1").containsEntry("name", "previewed");
        assertThat(server.withToken(reader).get("/api/v1/schedules/previewed").status()).isEqualTo(404);
    }

    @Test
    void deletionIsConfirmedFirstSaysWhatBecomesOfItsJobsAndKeepsThem() {
        ConsoleBrowser browser = loggedIn(writer);
        assertThat(submitNew(browser, nightly("doomed")).status()).isEqualTo(303);
        long job = server.withToken(writer).postJson("/api/v1/schedules/doomed/trigger", map()).json()
                .get("jobId").asLong();

        Page confirm = browser.get("/console/schedules/doomed/delete");
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.doc().select("#unfinished-count").text()).isEqualTo("1");
        assertThat(confirm.doc().select("#delete-consequences").text()).contains("run as planned")
                .contains("finished jobs stay");
        assertThat(server.withToken(reader).get("/api/v1/schedules/doomed").status()).isEqualTo(200);

        Page deleted = browser.post("/console/schedules/doomed/delete", Map.of("csrf", ConsoleBrowser.csrf(confirm)));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(browser.get(deleted.location()).doc().select("#notice").text())
                .contains("Deleted schedule doomed");
        assertThat(server.withToken(reader).get("/api/v1/schedules/doomed").status()).isEqualTo(404);
        assertThat(server.withToken(reader).get("/api/v1/jobs/" + job).json().get("state").asText())
                .isEqualTo("scheduled");
        JsonNode history = server.withToken(reader).get("/api/v1/schedules/doomed/history").json().get("items");
        assertThat(history.findValuesAsText("action")).containsExactly("deleted", "triggered", "created");
        assertThat(history.get(1).get("after").get("jobId").asLong()).isEqualTo(job);
        assertThat(browser.get("/console/schedules/doomed").status()).isEqualTo(404);
    }

    @Test
    void aReadTokenGetsNoFormsAndTheServerRefusesItsForgedPosts() {
        assertThat(submitNew(loggedIn(writer), nightly("guarded")).status()).isEqualTo(303);
        ConsoleBrowser reading = loggedIn(reader);
        Page list = reading.get("/console/schedules");
        assertThat(list.doc().select("#new-schedule")).isEmpty();
        Page detail = reading.get("/console/schedules/guarded");
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.doc().select("#schedule-actions, form[action$=/delete]")).isEmpty();
        assertThat(reading.get("/console/new/schedule").status()).isEqualTo(403);
        assertThat(reading.get("/console/schedules/guarded/edit").status()).isEqualTo(403);
        assertThat(reading.get("/console/schedules/guarded/delete").status()).isEqualTo(403);

        String csrf = ConsoleBrowser.csrf(list);
        Map<String, String> forged = with(nightly("forged"), "csrf", csrf);
        assertThat(reading.post("/console/new/schedule", forged).status()).isEqualTo(403);
        assertThat(reading.post("/console/schedules/guarded/edit", with(forged, "cron", "0 5 * * *")).status())
                .isEqualTo(403);
        assertThat(reading.post("/console/schedules/guarded/delete", Map.of("csrf", csrf)).status())
                .isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/schedules/forged").status()).isEqualTo(404);
        assertThat(server.withToken(reader).get("/api/v1/schedules/guarded").json().get("cron").asText())
                .isEqualTo("0 2 * * *");
    }

    @Test
    void aPostWithoutTheCsrfTokenOrFromAnotherSiteIsRefused() {
        ConsoleBrowser browser = loggedIn(writer);
        Map<String, String> form = formOf(browser.get("/console/new/schedule"));
        form.putAll(nightly("no-csrf"));
        Map<String, String> withoutToken = new LinkedHashMap<>(form);
        withoutToken.remove("csrf");

        assertThat(browser.post("/console/new/schedule", withoutToken).status()).isEqualTo(403);
        assertThat(browser.post("/console/new/schedule", form, "https://evil.example", "cross-site").status())
                .isEqualTo(403);
        assertThat(browser.post("/console/schedules/preview", withoutToken).status()).isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/schedules/no-csrf").status()).isEqualTo(404);
    }

    @Test
    void theHistoryEndpointNamesAnUnknownScheduleAndABadLimit() {
        Response unknown = server.withToken(reader).get("/api/v1/schedules/never-was/history");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(submitNew(loggedIn(writer), nightly("limited")).status()).isEqualTo(303);
        Response bad = server.withToken(reader).get("/api/v1/schedules/limited/history?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("limit");
        assertThat(server.withToken(reader).get("/api/v1/schedules/limited/history?limit=1").json().get("items"))
                .hasSize(1);
        assertThat(server.get("/openapi.json").json().get("paths").has("/api/v1/schedules/{name}/history")).isTrue();
    }
}
