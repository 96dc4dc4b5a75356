package io.hourglass.server.console;

import io.hourglass.server.console.ConsoleBrowser.Page;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Submits a form of a console page as a browser would: every input and textarea with its value as the page
 * rendered it (hidden CSRF token and pinned cursor included), with some fields changed as a user types them.
 */
final class ConsoleForms {
    private ConsoleForms() {
    }

    static Page submit(ConsoleBrowser browser, Page page, String formSelector, Map<String, String> typed) {
        Element form = page.doc().selectFirst(formSelector);
        if (form == null) {
            throw new AssertionError("no form " + formSelector + " on the page: " + page.doc().text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], textarea[name]")) {
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.wholeText() : input.val());
        }
        fields.putAll(typed);
        return browser.post(form.attr("action"), fields);
    }
}
