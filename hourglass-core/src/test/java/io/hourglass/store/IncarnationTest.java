package io.hourglass.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IncarnationTest {
    private final Incarnation current = new Incarnation("node-a", "0123abcd");

    @Test
    void ownerIsNameHashStartId() {
        assertThat(current.owner()).isEqualTo("node-a#0123abcd");
        assertThat(current.name()).isEqualTo("node-a");
    }

    @Test
    void eachStartIsANewIncarnationOfTheSameName() {
        Incarnation first = Incarnation.start("node-a");
        Incarnation second = Incarnation.start("node-a");
        assertThat(first.name()).isEqualTo(second.name());
        assertThat(first.owner()).isNotEqualTo(second.owner());
        assertThat(first.startId()).hasSize(Incarnation.START_ID_LENGTH);
    }

    @Test
    void previousIncarnationIsTheSameNameWithAnotherStartId() {
        assertThat(current.isPrevious("node-a#ffff0000")).isTrue();
        assertThat(current.isPrevious("node-a#0123abcd")).as("itself").isFalse();
        assertThat(current.isPrevious("node-a")).as("a remote worker of that name").isFalse();
        assertThat(current.isPrevious("node-ab#ffff0000")).as("another node").isFalse();
        assertThat(current.isPrevious("node-a#zzzz0000")).as("not a start id").isFalse();
        assertThat(current.isPrevious("node-a#ffff00001")).as("too long").isFalse();
        assertThat(current.isPrevious(null)).isFalse();
    }

    @Test
    void nameWithHashIsToldApartFromAnotherNodesIncarnation() {
        Incarnation hashed = new Incarnation("a#b", "0000beef");
        assertThat(hashed.isPrevious("a#b#0000cafe")).isTrue();
        assertThat(new Incarnation("a", "0000beef").isPrevious("a#b#0000cafe")).isFalse();
    }

    @Test
    void startIdMustBeEightHexDigits() {
        assertThatThrownBy(() -> new Incarnation("n", "xyz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 hex digits");
    }
}
