package io.hourglass.http;

/**
 * Shortens URLs before they reach logs and error messages: query strings often carry API keys and tokens, and an
 * attempt's error is shown to every operator.
 */
final class Redaction {
    private Redaction() {
    }

    /** The URL without its query string and without user:password before the host. */
    static String withoutQuery(String url) {
        int cut = url.indexOf('?');
        String shown = cut < 0 ? url : url.substring(0, cut) + "?...";
        return shown.replaceFirst("//[^/@]*@", "//");
    }
}
