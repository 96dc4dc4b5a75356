package io.hourglass.server.compat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.hourglass.docker.ContainerExecutor;
import io.hourglass.testsupport.Requirements;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real container engine the server's container tests run against: podman's Docker API as set up by
 * {@code .ci/setup-podman.sh}, at {@code unix:///run/hourglass-podman.sock} unless {@code HOURGLASS_DOCKER_HOST}
 * says otherwise, with the local test image (static busybox). The tests look at containers through their own
 * Docker client, by the labels the executor puts on every container.
 */
final class TestContainerEngine {
    static final String ENDPOINT = System.getenv().getOrDefault("HOURGLASS_DOCKER_HOST",
            "unix:///run/hourglass-podman.sock");
    static final String IMAGE = "localhost/hourglass-test:latest";

    private TestContainerEngine() {
    }

    /** Skips (or, when CI requires docker, fails) the calling test unless the engine and the test image answer. */
    static void require() {
        String problem = null;
        try (DockerClient docker = client()) {
            docker.pingCmd().exec();
            docker.inspectImageCmd(IMAGE).exec();
        } catch (Exception e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Requirements.require("docker", problem == null, "no container engine with image " + IMAGE
                + " answering at " + ENDPOINT + " (" + problem + "); run .ci/setup-podman.sh");
    }

    static DockerClient client() {
        URI endpoint = URI.create(ENDPOINT);
        return DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(ENDPOINT)
                        .withApiVersion("1.41").withDockerTlsVerify(false).build(),
                new ApacheDockerHttpClient.Builder().dockerHost(endpoint)
                        .connectionTimeout(Duration.ofSeconds(5)).build());
    }

    /** Containers, running or not, that Hourglass labelled for this node and job. */
    static List<Container> containersOf(DockerClient docker, String nodeName, long jobId) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(
                ContainerExecutor.LABEL_NODE, nodeName,
                ContainerExecutor.LABEL_JOB_ID, Long.toString(jobId))).exec();
    }
}
