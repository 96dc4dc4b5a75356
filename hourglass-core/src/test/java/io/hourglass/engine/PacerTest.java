package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacerTest {
    private final Clock clock = Clock.systemUTC();
    private final Pacer pacer = new Pacer(clock);
    private final AtomicInteger wakeUps = new AtomicInteger();
    private Thread waiter;

    @AfterEach
    void closePacer() throws InterruptedException {
        pacer.close();
        if (waiter != null) {
            waiter.join(5_000);
        }
    }

    private void startWaiter() {
        waiter = new Thread(() -> {
            try {
                while (pacer.await()) {
                    wakeUps.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pacer-test-waiter");
        waiter.start();
    }

    @Test
    void earlierWakeUpReplacesLaterOne() {
        Instant later = clock.instant().plus(Duration.ofHours(1));
        Instant sooner = clock.instant().plus(Duration.ofMinutes(1));
        pacer.wakeAt(later);
        pacer.wakeAt(sooner);
        assertThat(pacer.pending()).isEqualTo(sooner);
    }

    @Test
    void laterWakeUpNeverPostponesPendingOne() {
        Instant sooner = clock.instant().plus(Duration.ofMinutes(1));
        pacer.wakeAt(sooner);
        pacer.wakeAt(sooner.plus(Duration.ofMinutes(5)));
        assertThat(pacer.pending()).isEqualTo(sooner);
    }

    @Test
    void wakeNowWakesParkedThreadOnce() {
        startWaiter();
        pacer.wakeAt(clock.instant().plus(Duration.ofHours(1)));
        pacer.wakeNow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(wakeUps).hasValue(1));
        assertThat(pacer.pending()).isNull();
    }

    @Test
    void threadWakesWhenPendingTimeArrives() {
        startWaiter();
        pacer.wakeAt(clock.instant().plusMillis(50));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(wakeUps).hasValue(1));
    }

    @Test
    void pastWakeUpTimeWakesAtOnce() {
        startWaiter();
        pacer.wakeAt(clock.instant().minusSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(wakeUps).hasValue(1));
    }

    @Test
    void closedPacerReturnsFalse() throws InterruptedException {
        pacer.close();
        assertThat(pacer.await()).isFalse();
    }
}
