package io.hourglass.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnceSpecTest {

    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");
    private final OnceSpec once = new OnceSpec(AT);

    @Test
    void firesOnlyAtItsInstant() {
        assertThat(once.nextAfter(AT.minusNanos(1), null)).contains(AT);
        assertThat(once.nextAfter(AT, null)).isEmpty();
        assertThat(once.lastBefore(AT.plusNanos(1), null)).contains(AT);
        assertThat(once.lastBefore(AT, null)).isEmpty();
    }

    @Test
    void aOneOffWithoutInstantIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new OnceSpec(null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("at"));
    }
}
