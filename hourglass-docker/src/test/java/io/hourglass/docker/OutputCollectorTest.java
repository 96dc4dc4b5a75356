package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.hourglass.testing.RecordingJobContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputCollectorTest {
    private final RecordingJobContext context = RecordingJobContext.of("container", Map.of());

    private static Frame frame(StreamType stream, String text) {
        return new Frame(stream, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stdoutAndStderrArriveInTheOrderWritten() {
        OutputCollector collector = new OutputCollector(context, 1000, 100);

        collector.onNext(frame(StreamType.STDOUT, "fetching\n"));
        collector.onNext(frame(StreamType.STDERR, "login refused\n"));

        assertThat(context.output()).isEqualTo("fetching\nlogin refused\n");
        assertThat(collector.tail()).isEqualTo("fetching\nlogin refused\n");
    }

    @Test
    void outputPastTheLimitIsCutOnceAndSaysSo() {
        OutputCollector collector = new OutputCollector(context, 10, 100);

        collector.onNext(frame(StreamType.STDOUT, "0123456"));
        collector.onNext(frame(StreamType.STDOUT, "789abc"));
        collector.onNext(frame(StreamType.STDOUT, "more"));

        assertThat(context.output()).isEqualTo("0123456789\n[hourglass: container output cut at 10 characters]\n");
    }

    @Test
    void tailKeepsTheEndEvenPastTheOutputLimit() {
        OutputCollector collector = new OutputCollector(context, 5, 8);

        for (int i = 0; i < 50; i++) {
            collector.onNext(frame(StreamType.STDOUT, "line" + i + "\n"));
        }

        assertThat(collector.tail()).isEqualTo("\nline49\n");
    }
}
