package io.hourglass.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code HOURGLASS_*} variable the deploy docs and files name is one the server reads: a {@link Setting}'s,
 * a secret's prefix or the config file's, the launcher's JVM options while {@code ./hourglass} reads them, or one of
 * the few the CLI client and the deploy files use themselves. A renamed or removed setting then fails here instead
 * of leaving an operator a variable nothing reads.
 */
class DeployDocsTest {
    private static final Path ROOT = Path.of("..");
    private static final List<String> FILES = List.of("docs/deploy.md", "docs/deploy/aws-elastic-beanstalk.md",
            "deploy/elastic-beanstalk/.ebextensions/hourglass.config", "deploy/compose.yaml",
            "hourglass-server/README.md");
    /** Not server settings: the CLI client's server and token, and the compose file's image. */
    private static final Set<String> OTHERS = Set.of("HOURGLASS_URL", "HOURGLASS_TOKEN", "HOURGLASS_IMAGE");
    /** Read by the {@code ./hourglass} launcher itself: the JVM's options. */
    private static final String LAUNCHER_JAVA_OPTS = "HOURGLASS_JAVA_OPTS";
    private static final Pattern VARIABLE = Pattern.compile("HOURGLASS_[A-Z0-9_]+");

    @Test
    void everyVariableTheDeployDocsNameIsOneTheServerReads() throws IOException {
        Set<String> known = new TreeSet<>(OTHERS);
        if (Files.readString(ROOT.resolve("hourglass")).contains("${" + LAUNCHER_JAVA_OPTS + ":-}")) {
            known.add(LAUNCHER_JAVA_OPTS);
        }
        Arrays.stream(Setting.values()).map(Setting::env).forEach(known::add);
        known.add(ServerConfigLoader.CONFIG_ENV);
        Set<String> unknown = new TreeSet<>();
        for (String file : FILES) {
            Matcher m = VARIABLE.matcher(Files.readString(ROOT.resolve(file)));
            while (m.find()) {
                String name = m.group();
                if (!known.contains(name) && !name.startsWith(EnvironmentSecrets.PREFIX)) {
                    unknown.add(file + ": " + name);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }
}
