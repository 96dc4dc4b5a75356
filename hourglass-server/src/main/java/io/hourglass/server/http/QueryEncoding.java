package io.hourglass.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a query string whose %-escapes do not decode as UTF-8 ({@code ?task=%ff}, or {@code %ed%a0%80}, a
 * surrogate written as bytes). The servlet container decodes query parameters leniently, each broken sequence
 * replaced with U+FFFD, so a filter with broken bytes would quietly match nothing; bodies are refused for the same
 * bytes ({@link JsonBodies}), and so are query parameters, with a 400 naming the parameter.
 */
final class QueryEncoding {
    private QueryEncoding() {
    }

    static void requireUtf8(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String nameProblem = problem(name);
            if (nameProblem != null) {
                throw ApiException.badRequest(null, "a query parameter's name " + nameProblem + ": '" + name + "'");
            }
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            String valueProblem = problem(value);
            if (valueProblem != null) {
                throw ApiException.badRequest(decoded(name), valueProblem + ": '" + value + "' (write each character"
                        + " as the %-escapes of its UTF-8 bytes, a % itself as %25)");
            }
        }
    }

    /** What is wrong with a raw name or value, or null when it decodes. */
    private static String problem(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return "has a % that is not followed by two hex digits";
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] literal = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return null;
        } catch (CharacterCodingException e) {
            return "is not UTF-8 once %-decoded";
        }
    }

    /** A name known to decode, decoded. */
    private static String decoded(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
