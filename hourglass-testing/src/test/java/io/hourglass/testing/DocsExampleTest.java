package io.hourglass.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/embedding.md shows example/InvoiceRemindersTest.java, a test that runs with the others: the guide's code
 * is the test's code, from its marker comment to its end, so the guide's example compiles and passes.
 */
class DocsExampleTest {
    private static final String MARKER = "// docs/embedding.md \"Testing your tasks\" shows this file from here on";

    @Test
    void embeddingGuideShowsTheExampleTestAsItIs() throws IOException {
        String example = Files.readString(
                Path.of("src/test/java/io/hourglass/testing/example/InvoiceRemindersTest.java"), StandardCharsets.UTF_8);
        int marker = example.indexOf(MARKER);
        assertThat(marker).as("marker comment in the example").isNotNegative();
        String shown = example.substring(example.indexOf('\n', marker) + 1);

        String guide = Files.readString(Path.of("../docs/embedding.md"), StandardCharsets.UTF_8);

        assertThat(guide).as("docs/embedding.md's example, copied from the example test")
                .contains("```java\n" + shown + "```\n");
    }
}
