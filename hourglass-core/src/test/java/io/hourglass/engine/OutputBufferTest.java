package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputBufferTest {

    @Test
    void outputWithinLimitIsKeptWhole() {
        OutputBuffer buffer = new OutputBuffer(10);
        buffer.append("hello");
        buffer.append("world");
        assertThat(buffer.text()).isEqualTo("helloworld");
        assertThat(buffer.truncated()).isFalse();
    }

    @Test
    void outputPastLimitIsCutAndFlagged() {
        OutputBuffer buffer = new OutputBuffer(8);
        buffer.append("hello");
        buffer.append("world");
        buffer.append("again");
        assertThat(buffer.text()).isEqualTo("hellowor");
        assertThat(buffer.truncated()).isTrue();
    }

    @Test
    void noOutputIsNull() {
        OutputBuffer buffer = new OutputBuffer(8);
        buffer.append("");
        buffer.append(null);
        assertThat(buffer.text()).isNull();
        assertThat(buffer.truncated()).isFalse();
    }

    @Test
    void zeroLimitKeepsNothingButSaysSo() {
        OutputBuffer buffer = OutputBuffer.of("anything", 0);
        assertThat(buffer.text()).isNull();
        assertThat(buffer.truncated()).isTrue();
    }
}
