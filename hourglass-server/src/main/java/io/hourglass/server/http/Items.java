package io.hourglass.server.http;

import java.util.List;

/** A list answer, {@code {"items": [...]}}: one shape for every list the API returns whole. */
public record Items<T>(List<T> items) {
}
