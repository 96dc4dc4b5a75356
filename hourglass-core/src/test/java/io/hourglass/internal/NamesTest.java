package io.hourglass.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobRequest;
import io.hourglass.schedule.Schedule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void nulAndControlCharactersInNamesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> JobRequest.of("scr\u0000ape").build()).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThatField(e, "task", "U+0000"));
        assertThatThrownBy(() -> JobRequest.of("scrape").dedupKey("a\u0000").build()).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThatField(e, "dedupKey", "U+0000"));
        assertThatThrownBy(() -> JobRequest.of("scrape").queue("q\n").build()).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThatField(e, "queue", "U+000A"));
    }

    @Test
    void unpairedSurrogatesInNamesAreRefusedAsInvalidUnicode() {
        assertThatThrownBy(() -> JobRequest.of("bad\uD800").build()).isInstanceOfSatisfying(
                InvalidRequestException.class, e -> assertThatField(e, "task", "unpaired surrogate U+D800"));
        assertThatCode(() -> JobRequest.of("emoji-\uD83D\uDE00").build()).doesNotThrowAnyException();
    }

    @Test
    void scheduleTaskLongerThanANameIsRefused() {
        assertThatThrownBy(() -> Schedule.builder("s").task("t".repeat(201)).every(Duration.ofMinutes(1)).build())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThatField(e, "task", "1 to 200"));
    }

    private static void assertThatField(InvalidRequestException e, String field, String text) {
        org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field);
        org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(text);
    }
}
