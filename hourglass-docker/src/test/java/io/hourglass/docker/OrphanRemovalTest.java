package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Containers left behind by a crashed node are found by their labels and removed when the node starts again. */
class OrphanRemovalTest {
    private final String node = "orphans-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerClient docker;
    private ContainerExecutor executor;

    @BeforeAll
    static void requireEngine() {
        TestEngine.require();
    }

    @BeforeEach
    void setUp() {
        docker = TestEngine.client();
        executor = new ContainerExecutor(TestEngine.settings(node).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.removeOrphans(node, id -> false);
        executor.close();
        docker.close();
    }

    private String leftover(String nodeName, long jobId) {
        String id = docker.createContainerCmd(TestEngine.IMAGE)
                .withCmd("sleep", "300")
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("none"))
                .withLabels(Map.of(ContainerExecutor.LABEL_MANAGED, "true", ContainerExecutor.LABEL_NODE, nodeName,
                        ContainerExecutor.LABEL_JOB_ID, Long.toString(jobId), ContainerExecutor.LABEL_ATTEMPT, "1"))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    @Test
    void removesLabelledLeftoversWhoseJobNoLongerRunsHere() {
        String orphan = leftover(node, 101);
        String stillRunning = leftover(node, 102);
        String otherNodes = leftover(node + "-other", 103);
        try {
            int removed = executor.removeOrphans(node, jobId -> jobId == 102);

            assertThat(removed).isEqualTo(1);
            assertThat(TestEngine.containers(docker, node, null)).extracting(Container::getId)
                    .containsExactly(stillRunning);
            assertThat(TestEngine.containers(docker, node + "-other", null)).extracting(Container::getId)
                    .containsExactly(otherNodes);
            assertThat(TestEngine.containers(docker, node, 101L)).isEmpty();
            assertThat(orphan).isNotIn(stillRunning, otherNodes);
        } finally {
            docker.removeContainerCmd(otherNodes).withForce(true).exec();
        }
    }
}
