package io.hourglass.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API tokens, kept as SHA-256 hashes in {@code tokens.json} under the data directory; the token itself is shown
 * once, when created, and never stored. The file is replaced atomically (write a temporary file, then move), so a
 * server reading it never sees half a file, and the server re-reads it when it changes, so a token created with
 * {@code hourglass token create} works without a restart. Tokens are random 32-byte values, so one unsalted hash
 * is enough: there is nothing to guess.
 */
public final class TokenStore {
    public static final String FILE_NAME = "tokens.json";
    private static final String PREFIX = "hg_";

    /** One token as stored: never the token itself. */
    public record Entry(String name, String role, String sha256, Instant createdAt) {
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private final SecureRandom random = new SecureRandom();
    private volatile Snapshot snapshot = new Snapshot(null, List.of());

    /**
     * The entries as read, and the file they were read from: its modification time, identity and size. The time
     * alone could miss a change: file times tick coarsely (a few ms on Linux), and a token created and revoked
     * within one tick would leave the same time; each write is a new file (moved over the old one), and a
     * create or revoke changes the size.
     */
    private record Snapshot(Version version, List<Entry> entries) {
    }

    private record Version(FileTime modified, Object fileKey, long size) {
        static Version of(BasicFileAttributes attributes) {
            return new Version(attributes.lastModifiedTime(), attributes.fileKey(), attributes.size());
        }
    }

    public TokenStore(Path dataDir, Clock clock) {
        this.file = dataDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Creates a token; returns the token itself, which the caller shows once. */
    public synchronized String create(String name, Role role) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("token name must be 1 to 100 letters, digits, '.', '_' or '-', was '"
                    + name + "'");
        }
        List<Entry> entries = new ArrayList<>(entries());
        if (entries.stream().anyMatch(e -> e.name().equals(name))) {
            throw new IllegalArgumentException("a token named '" + name + "' already exists; revoke it first");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        entries.add(new Entry(name, role.wireName(), sha256(token), clock.instant()));
        write(entries);
        return token;
    }

    /** Removes a token by name; false when there was none. */
    public synchronized boolean revoke(String name) {
        List<Entry> entries = new ArrayList<>(entries());
        boolean removed = entries.removeIf(e -> e.name().equals(name));
        if (removed) {
            write(entries);
        }
        return removed;
    }

    public List<Entry> entries() {
        refresh();
        return snapshot.entries();
    }

    public boolean isEmpty() {
        return entries().isEmpty();
    }

    /** The role of a presented token, or empty when it is not one of ours. Constant time per stored token. */
    public Optional<Role> roleOf(String token) {
        return entryOf(token).map(e -> Role.fromWireName(e.role()));
    }

    /** The stored entry (name, role) of a presented token, or empty when it is not one of ours. */
    public Optional<Entry> entryOf(String token) {
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        Entry match = null;
        for (Entry entry : entries()) {
            if (MessageDigest.isEqual(presented, entry.sha256().getBytes(StandardCharsets.US_ASCII))) {
                match = entry;
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * Re-reads the file when it changed ({@link Snapshot}). Every request's token check comes here, so a token
     * revoked or created by another process counts from the next request: one {@code stat} of the file, not two
     * (an existence check and then the time measured 5% of a REST enqueue's request thread, see
     * docs/benchmarks.md). While there is no file (no token made yet), the one {@code stat} is {@link
     * java.io.File#exists}: {@code Files.readAttributes} would build a {@code NoSuchFileException}, stack trace and
     * all, on every request (2% of a soak's CPU).
     */
    private void refresh() {
        if (snapshot.version() == null && !file.toFile().exists()) {
            return;
        }
        try {
            Version version;
            try {
                version = Version.of(Files.readAttributes(file, BasicFileAttributes.class));
            } catch (NoSuchFileException gone) {
                snapshot = new Snapshot(null, List.of());
                return;
            }
            if (version.equals(snapshot.version())) {
                return;
            }
            List<Entry> entries = mapper.readValue(file.toFile(), new TypeReference<List<Entry>>() { });
            snapshot = new Snapshot(version, List.copyOf(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<Entry> entries) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            mapper.writeValue(temp.toFile(), entries);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            snapshot = new Snapshot(null, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("bug: every JVM has SHA-256", e);
        }
    }
}
