package io.hourglass.store;

import java.util.Objects;
import java.util.UUID;

/**
 * One start of a node: its name (what operators see) and a start id unique to this process's start. Leases are
 * fenced on the incarnation, not the name: the jobs a node claims carry {@link #owner()}, and its heartbeats and
 * completions only touch jobs of that owner. A process that restarts under the same name (a pinned
 * {@code --node-name}, or host + pid in a container) is a new incarnation, so it never renews the leases of the
 * process that died, and that process's late completions are refused.
 *
 * <p>The owner string is {@code name + "#" + startId}, with a start id of exactly {@link #START_ID_LENGTH} hex
 * digits, so {@link #isPrevious} can tell another incarnation of this name from a different name that happens to
 * contain '#'.
 *
 * @param name    the node name, for display
 * @param startId this start's id, {@link #START_ID_LENGTH} lower-case hex digits
 */
public record Incarnation(String name, String startId) {
    public static final int START_ID_LENGTH = 8;
    public static final char SEPARATOR = '#';

    public Incarnation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startId, "startId");
        if (startId.length() != START_ID_LENGTH || !startId.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("start id must be " + START_ID_LENGTH + " hex digits, was '"
                    + startId + "'");
        }
    }

    /** A new incarnation of the named node, with a random start id. */
    public static Incarnation start(String name) {
        return new Incarnation(name, UUID.randomUUID().toString().substring(0, START_ID_LENGTH));
    }

    /** What the jobs this incarnation claims carry as their owner, and what its attempts record. */
    public String owner() {
        return name + SEPARATOR + startId;
    }

    /** The owner prefix every incarnation of this name shares. */
    public String ownerPrefix() {
        return name + SEPARATOR;
    }

    /** True when {@code owner} is another incarnation of this node's name (not this one, not another name). */
    public boolean isPrevious(String owner) {
        return owner != null && owner.length() == owner().length() && owner.startsWith(ownerPrefix())
                && !owner.equals(owner())
                && owner.substring(ownerPrefix().length()).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    @Override
    public String toString() {
        return owner();
    }
}
