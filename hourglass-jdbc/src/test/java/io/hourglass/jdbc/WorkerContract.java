package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.job.Job;
import io.hourglass.worker.LeaseRenewal;
import io.hourglass.worker.RemoteWorker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remote workers: the lease a claim remembers for heartbeats, cancel requests seen on renewal, sightings. */
abstract class WorkerContract extends NodeContract {

    @Test
    void renewalWithoutALeaseExtendsByTheLeaseOfTheClaim() {
        insert(job("t", "remote", 0, T0));
        Job popped = store.claim("worker-1", T0, T0.plus(Duration.ofHours(1)), 1, null, "remote").get(0);

        LeaseRenewal renewed = store.renewLease(popped.id(), "worker-1", 1, T0.plusSeconds(600), null).orElseThrow();

        assertThat(renewed.lease()).isEqualTo(Duration.ofHours(1));
        assertThat(renewed.leaseUntil()).isEqualTo(T0.plusSeconds(600).plus(Duration.ofHours(1)));
        assertThat(reload(popped.id()).leaseUntil()).isEqualTo(renewed.leaseUntil());
    }

    @Test
    void renewalWithALeaseRemembersItForTheNextRenewal() {
        insert(job("t", "remote", 0, T0));
        Job popped = store.claim("worker-1", T0, T0.plusSeconds(30), 1, null, "remote").get(0);

        store.renewLease(popped.id(), "worker-1", 1, T0.plusSeconds(10), Duration.ofMinutes(20));
        LeaseRenewal next = store.renewLease(popped.id(), "worker-1", 1, T0.plusSeconds(20), null).orElseThrow();

        assertThat(next.lease()).isEqualTo(Duration.ofMinutes(20));
        assertThat(next.leaseUntil()).isEqualTo(T0.plusSeconds(20).plus(Duration.ofMinutes(20)));
    }

    @Test
    void renewalSaysWhenCancellationWasRequested() {
        insert(job("t", "remote", 0, T0));
        Job popped = store.claim("worker-1", T0, T0.plusSeconds(30), 1, null, "remote").get(0);
        assertThat(store.renewLease(popped.id(), "worker-1", 1, T0, null).orElseThrow().cancellationRequested())
                .isFalse();

        store.cancel(popped.id(), T0.plusSeconds(1));

        assertThat(store.renewLease(popped.id(), "worker-1", 1, T0.plusSeconds(2), null).orElseThrow()
                .cancellationRequested()).isTrue();
    }

    @Test
    void workersAreListedWithTheirQueuesAndTheJobsTheyHold() {
        insert(job("t", "scans", 0, T0));
        insert(job("t", "scans", 0, T0));
        store.recordWorkerSeen("worker-1", "scans", T0);
        store.recordWorkerSeen("worker-1", "empty", T0);
        store.claim("worker-1", T0, T0.plusSeconds(30), 2, null, "scans");
        store.recordWorkerSeen("worker-2", "scans", T0);
        store.recordWorkerSeen("worker-1", null, T0.plusSeconds(5)); // a heartbeat: every queue of the worker

        assertThat(store.findWorkers(T0)).containsExactly(
                new RemoteWorker("worker-1", T0.plusSeconds(5), List.of("empty", "scans"), 2),
                new RemoteWorker("worker-2", T0, List.of("scans"), 0));
    }

    @Test
    void workerNotSeenSinceTheCutoffIsListedOnlyWhileItHoldsAJob() {
        long id = insert(job("t", "scans", 0, T0));
        store.recordWorkerSeen("worker-1", "scans", T0);
        store.recordWorkerSeen("idle", "scans", T0);
        Job popped = store.claim("worker-1", T0, T0.plusSeconds(3600), 1, null, "scans").get(0);

        assertThat(store.findWorkers(T0.plusSeconds(60))).containsExactly(
                new RemoteWorker("worker-1", T0, List.of("scans"), 1));

        store.complete(List.of(success(popped, T0.plusSeconds(61))));
        assertThat(store.findWorkers(T0.plusSeconds(60))).isEmpty();
        assertThat(reload(id).owner()).isEqualTo("worker-1");
    }

    @Test
    void workersNotSeenSinceTheCutoffAreForgottenUnlessTheyHoldAJob() {
        insert(job("t", "scans", 0, T0));
        store.recordWorkerSeen("worker-1", "scans", T0);
        store.recordWorkerSeen("idle", "scans", T0);
        store.recordWorkerSeen("recent", "scans", T0.plusSeconds(100));
        store.claim("worker-1", T0, T0.plusSeconds(3600), 1, null, "scans");

        assertThat(store.forgetWorkersSeenBefore(T0.plusSeconds(50))).isEqualTo(1);
        assertThat(store.findWorkers(T0)).extracting(RemoteWorker::name).containsExactly("recent", "worker-1");
    }

    @Test
    void aSightingLessThanASecondAfterTheLastOneWritesNothing() {
        store.recordWorkerSeen("poller", "scans", T0);
        store.recordWorkerSeen("poller", "scans", T0.plusMillis(400));
        store.recordWorkerSeen("poller", null, T0.plusMillis(800));
        assertThat(store.findWorkers(T0)).extracting(RemoteWorker::lastSeenAt).containsExactly(T0);

        store.recordWorkerSeen("poller", "scans", T0.plusSeconds(1));
        assertThat(store.findWorkers(T0)).extracting(RemoteWorker::lastSeenAt).containsExactly(T0.plusSeconds(1));
        store.recordWorkerSeen("poller", null, T0.plusSeconds(3));
        store.recordWorkerSeen("poller", "scans", T0.plusSeconds(2)); // late and out of order: never backwards
        assertThat(store.findWorkers(T0)).extracting(RemoteWorker::lastSeenAt).containsExactly(T0.plusSeconds(3));
    }
}
