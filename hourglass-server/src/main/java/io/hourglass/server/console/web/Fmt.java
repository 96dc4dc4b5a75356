package io.hourglass.server.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How the console writes values: instants in UTC to the second (the API's own form, so what an operator copies
 * works as a filter), durations in the largest fitting units, arguments as indented JSON. Templates call these.
 */
public final class Fmt {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Fmt() {
    }

    public static String instant(Instant value) {
        return value == null ? "—" : INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS));
    }

    public static String duration(Duration value) {
        if (value == null) {
            return "—";
        }
        long millis = value.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = value.toSeconds();
        if (seconds < 120) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (seconds < 7200) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    public static String json(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bug: job arguments that are not JSON: " + e.getMessage(), e);
        }
    }

    public static String orDash(Object value) {
        return value == null ? "—" : value.toString();
    }

    public static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
