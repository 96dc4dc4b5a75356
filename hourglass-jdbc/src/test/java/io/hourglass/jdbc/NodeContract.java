package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.store.Incarnation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Nodes, their heartbeats, and leases fenced per incarnation (a process restarted under the same name). */
abstract class NodeContract extends TaskDefinitionContract {
    static final Incarnation FIRST = new Incarnation("node-1", "0000000a");
    static final Incarnation SECOND = new Incarnation("node-1", "0000000b");

    @Test
    void heartbeatExtendsLeasesAndReportsCancelRequests() {
        insertMany(3, "t", T0);
        List<Job> mine = store.claim(FIRST.owner(), T0, T0.plusSeconds(30), 2, null, null);
        Job theirs = claimOne("node-2#0000000c", T0);
        store.cancel(mine.get(1).id(), T0);

        Set<Long> cancel = store.heartbeat(FIRST, Set.of("t"), T0.plusSeconds(10), T0.plusSeconds(40));

        assertThat(cancel).containsExactly(mine.get(1).id());
        assertThat(reload(mine.get(0).id()).leaseUntil()).isEqualTo(T0.plusSeconds(40));
        assertThat(reload(theirs.id()).leaseUntil()).isEqualTo(T0.plusSeconds(30));
        store.heartbeat(FIRST, Set.of("t", "u"), T0.plusSeconds(20), T0.plusSeconds(50));
        assertThat(store.findNodes()).singleElement().satisfies(node -> {
            assertThat(node.name()).isEqualTo("node-1");
            assertThat(node.incarnation()).isEqualTo(FIRST.owner());
            assertThat(node.startedAt()).isEqualTo(T0.plusSeconds(10));
            assertThat(node.lastHeartbeatAt()).isEqualTo(T0.plusSeconds(20));
            assertThat(node.tasks()).containsExactlyInAnyOrder("t", "u");
        });
        store.removeNode(FIRST);
        assertThat(store.findNodes()).isEmpty();
    }

    @Test
    void heartbeatRenewsEveryRunningJobAcrossItsChunks() {
        int running = NodeRepository.LEASE_CHUNK * 2 + 3;
        insertMany(running, "t", T0);
        List<Job> mine = store.claim(FIRST.owner(), T0, T0.plusSeconds(30), running, null, null);
        long lastChunksJob = mine.stream().mapToLong(Job::id).max().orElseThrow();
        store.cancel(lastChunksJob, T0);

        Set<Long> cancel = store.heartbeat(FIRST, Set.of("t"), T0.plusSeconds(10), T0.plusSeconds(40));

        assertThat(mine).hasSize(running);
        assertThat(cancel).containsExactly(lastChunksJob);
        assertThat(mine).allSatisfy(job -> assertThat(reload(job.id()).leaseUntil()).isEqualTo(T0.plusSeconds(40)));
    }

    @Test
    void heartbeatRenewsTheJobsNobodyHoldsWithoutWaitingAndLeavesAHeldOneToTheNextBeat() throws Exception {
        insertMany(3, "t", T0);
        List<Job> mine = store.claim(FIRST.owner(), T0, T0.plusSeconds(30), 3, null, null);
        long held = mine.get(1).id();
        CompletableFuture<Set<Long>> beat;
        try (Connection other = openConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.executeUpdate("UPDATE jobs SET cancel_requested = TRUE WHERE id = " + held);
            }
            beat = CompletableFuture.supplyAsync(
                    () -> store.heartbeat(FIRST, Set.of("t"), T0.plusSeconds(10), T0.plusSeconds(40)));
            // A beat that waited for the held row would still be waiting here (on H2, until its lock timeout fails it).
            assertThat(beat).succeedsWithin(Duration.ofSeconds(20));
            other.rollback();
        }

        assertThat(beat.get()).isEmpty();
        assertThat(reload(mine.get(0).id()).leaseUntil()).isEqualTo(T0.plusSeconds(40));
        assertThat(reload(held).leaseUntil()).isEqualTo(T0.plusSeconds(30));
        assertThat(reload(mine.get(2).id()).leaseUntil()).isEqualTo(T0.plusSeconds(40));
        store.heartbeat(FIRST, Set.of("t"), T0.plusSeconds(20), T0.plusSeconds(50));
        assertThat(mine).allSatisfy(job -> assertThat(reload(job.id()).leaseUntil()).isEqualTo(T0.plusSeconds(50)));
    }

    @Test
    void heartbeatOfNewIncarnationDoesNotRenewPreviousIncarnationsLeases() {
        insert(job("t", T0));
        Job held = claimOne(FIRST.owner(), T0);

        store.heartbeat(SECOND, Set.of("t"), T0.plusSeconds(10), T0.plusSeconds(40));

        assertThat(reload(held.id()).leaseUntil()).isEqualTo(held.leaseUntil());
        assertThat(store.findExpiredLeases(held.leaseUntil().plusMillis(1), 10)).extracting(Job::id)
                .containsExactly(held.id());
    }

    @Test
    void restartUnderSameNameResetsStartedAtAndIncarnation() {
        store.heartbeat(FIRST, Set.of("t"), T0, T0.plusSeconds(30));
        store.heartbeat(FIRST, Set.of("t"), T0.plusSeconds(5), T0.plusSeconds(35));

        store.heartbeat(SECOND, Set.of(), T0.plusSeconds(60), T0.plusSeconds(90));

        assertThat(store.findNodes()).singleElement().satisfies(node -> {
            assertThat(node.incarnation()).isEqualTo(SECOND.owner());
            assertThat(node.startedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(node.tasks()).isEmpty();
        });
    }

    @Test
    void removeNodeLeavesNewerIncarnationOfSameName() {
        store.heartbeat(SECOND, Set.of("t"), T0, T0.plusSeconds(30));

        store.removeNode(FIRST);

        assertThat(store.findNodes()).extracting(io.hourglass.store.Node::incarnation)
                .containsExactly(SECOND.owner());
    }

    @Test
    void runningJobsOfPreviousIncarnationsAreFoundNotOthers() {
        insertMany(5, "t", T0);
        Job previous = claimOne(FIRST.owner(), T0);
        claimOne(SECOND.owner(), T0);
        claimOne("node-1", T0); // a remote worker named like the node: not an incarnation of it
        claimOne("node-10#0000000a", T0); // another node whose name starts with this one's
        Job finished = claimOne(new Incarnation("node-1", "0000000d").owner(), T0);
        assertThat(store.complete(List.of(success(finished, T0.plusSeconds(1))))).containsExactly(true);

        assertThat(store.findRunningOfPreviousIncarnations(SECOND, 10)).extracting(Job::id)
                .containsExactly(previous.id());
    }

    @Test
    void likeWildcardsInNodeNameMatchOnlyThemselves() {
        insertMany(2, "t", T0);
        Job other = claimOne(new Incarnation("node-x", "0000000a").owner(), T0);
        Job same = claimOne(new Incarnation("node_", "0000000a").owner(), T0);

        assertThat(store.findRunningOfPreviousIncarnations(new Incarnation("node_", "0000000b"), 10))
                .extracting(Job::id).containsExactly(same.id());
        assertThat(other.owner()).isEqualTo("node-x#0000000a");
    }

    @Test
    void completionOfPreviousIncarnationIsRefusedOnceReleased() {
        insert(job("t", T0));
        Job held = claimOne(FIRST.owner(), T0);
        Job released = store.findRunningOfPreviousIncarnations(SECOND, 10).get(0);
        assertThat(store.complete(List.of(outcome(released, Outcome.INFRA_ERROR, T0.plusSeconds(1), held.dueAt()))))
                .containsExactly(true);
        Job rerun = claimOne(SECOND.owner(), T0.plusSeconds(2));

        assertThat(store.complete(List.of(success(held, T0.plusSeconds(3))))).containsExactly(false);
        assertThat(reload(rerun.id()).owner()).isEqualTo(SECOND.owner());
        assertThat(reload(rerun.id()).attempts()).isEqualTo(2);
    }
}
