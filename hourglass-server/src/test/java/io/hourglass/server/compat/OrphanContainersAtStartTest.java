package io.hourglass.server.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.hourglass.docker.ContainerExecutor;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At start the server removes the containers a previous run of the same node left behind (a crash skips the
 * executor's own removal), and leaves other nodes' containers alone.
 */
class OrphanContainersAtStartTest {
    @Test
    void serverStartRemovesContainersThisNodeLeftBehindAndKeepsOtherNodes(@TempDir Path dir) throws IOException {
        TestContainerEngine.require();
        String node = "orphans-" + UUID.randomUUID().toString().substring(0, 8);
        String otherNode = node + "-other";
        try (DockerClient docker = TestContainerEngine.client()) {
            String leftBehind = createLabelled(docker, node, 41);
            String othersContainer = createLabelled(docker, otherNode, 42);
            try {
                ServerConfig config = ServerConfig.forTests(dir)
                        .withContainerEngine(TestContainerEngine.ENDPOINT, List.of("localhost/*"))
                        .withNodeName(node);
                try (TestServer server = TestServer.start(config)) {
                    assertThat(TestContainerEngine.containersOf(docker, node, 41)).isEmpty();
                    assertThat(TestContainerEngine.containersOf(docker, otherNode, 42))
                            .extracting(c -> c.getId()).containsExactly(othersContainer);
                }
            } finally {
                for (String id : List.of(leftBehind, othersContainer)) {
                    if (!docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().isEmpty()) {
                        docker.removeContainerCmd(id).withForce(true).exec();
                    }
                }
            }
        }
    }

    /** A created (never started) container labelled as the executor labels its own. */
    private static String createLabelled(DockerClient docker, String node, long jobId) {
        return docker.createContainerCmd(TestContainerEngine.IMAGE)
                .withCmd("sleep", "300")
                .withLabels(Map.of(ContainerExecutor.LABEL_MANAGED, "true", ContainerExecutor.LABEL_NODE, node,
                        ContainerExecutor.LABEL_JOB_ID, Long.toString(jobId), ContainerExecutor.LABEL_ATTEMPT, "1"))
                .exec().getId();
    }
}
