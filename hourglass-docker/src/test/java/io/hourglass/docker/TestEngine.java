package io.hourglass.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.hourglass.testsupport.Requirements;
import java.util.List;
import java.util.Map;

/**
 * The real container engine the tests run against: podman's Docker API as set up by {@code .ci/setup-podman.sh},
 * at {@code unix:///run/hourglass-podman.sock} unless {@code HOURGLASS_DOCKER_HOST} says otherwise.
 */
final class TestEngine {
    static final String ENDPOINT = System.getenv().getOrDefault("HOURGLASS_DOCKER_HOST",
            "unix:///run/hourglass-podman.sock");
    static final String IMAGE = "localhost/hourglass-test:latest";

    private TestEngine() {
    }

    /** Skips (or, when CI requires docker, fails) the calling test class unless the engine and test image answer. */
    static void require() {
        String problem;
        try (DockerClient docker = client()) {
            docker.pingCmd().exec();
            docker.inspectImageCmd(IMAGE).exec();
            problem = null;
        } catch (Exception e) {
            problem = ContainerEngine.describe(e);
        }
        Requirements.require("docker", problem == null, "no container engine with image " + IMAGE
                + " answering at " + ENDPOINT + " (" + problem + "); run .ci/setup-podman.sh");
    }

    static ContainerSettings.Builder settings(String nodeName) {
        return ContainerSettings.builder()
                .endpoint(ENDPOINT)
                .nodeName(nodeName)
                .allowedImages(List.of("localhost/*"))
                .network("none");
    }

    static DockerClient client() {
        return DockerClients.create(ContainerSettings.builder().endpoint(ENDPOINT).build());
    }

    /** Containers, running or not, that Hourglass labelled for this node (and job, when not null). */
    static List<Container> containers(DockerClient docker, String nodeName, Long jobId) {
        Map<String, String> labels = jobId == null
                ? Map.of(ContainerExecutor.LABEL_NODE, nodeName)
                : Map.of(ContainerExecutor.LABEL_NODE, nodeName, ContainerExecutor.LABEL_JOB_ID, jobId.toString());
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
    }

    static boolean running(DockerClient docker, String nodeName, long jobId) {
        return containers(docker, nodeName, jobId).stream().anyMatch(c -> "running".equals(c.getState()));
    }
}
