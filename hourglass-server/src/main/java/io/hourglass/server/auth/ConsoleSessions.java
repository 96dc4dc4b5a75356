package io.hourglass.server.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, in this node's memory: a login trades an API token for a random session id (the
 * cookie) and a random CSRF token (in every form). A session keeps the token it was opened with and asks the
 * {@link TokenStore} for its role on each request, so revoking the token ends the session at once. Sessions are
 * lost when the node restarts and are not shared with other nodes (behind a load balancer, use sticky sessions).
 * An "open" session carries no token: the server runs open on loopback, and it lasts only while that is so. Where
 * the console is mounted in an application that authenticates its users ({@link ApplicationRoles}), a session
 * carries the user's name instead, only for its CSRF token: the role is the application's, read per request.
 */
public final class ConsoleSessions {
    /** A session unused this long is forgotten. */
    public static final Duration IDLE = Duration.ofHours(8);
    public static final String COOKIE = "hourglass_session";

    /**
     * One logged-in browser; {@code token} is null for an open session and an application user's, {@code user}
     * is the application user's name (null otherwise).
     */
    public record Session(String id, String csrf, String token, String user, Instant lastUsed) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String path;

    /** @param path the console's path: the cookie is sent there only */
    public ConsoleSessions(Clock clock, String path) {
        this.clock = clock;
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** Opens a session for a token the caller has checked (null: an open session). */
    public Session open(String token) {
        return open(token, null);
    }

    /** Opens a session for a user the application authenticated. */
    public Session openFor(String user) {
        return open(null, user);
    }

    private Session open(String token, String user) {
        forgetIdle();
        Session session = new Session(random(), random(), token, user, clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session of this cookie value, marked as used now. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session found = sessions.get(id);
        if (found == null || found.lastUsed().plus(IDLE).isBefore(clock.instant())) {
            if (found != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        Session used = new Session(found.id(), found.csrf(), found.token(), found.user(), clock.instant());
        sessions.put(id, used);
        return Optional.of(used);
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Compares a form's CSRF token with the session's in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private void forgetIdle() {
        Instant cutoff = clock.instant().minus(IDLE);
        sessions.values().removeIf(s -> s.lastUsed().isBefore(cutoff));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
