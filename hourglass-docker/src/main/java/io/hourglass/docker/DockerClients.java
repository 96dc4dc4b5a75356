package io.hourglass.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

/**
 * Builds the docker-java client for {@link ContainerSettings}. Why it is built this way:
 * <ul>
 *   <li>The Apache httpclient5 transport speaks over unix sockets as well as TCP.</li>
 *   <li>The API version is fixed (1.41 by default) rather than negotiated, which Docker-compatible engines such as
 *       podman answer exactly as Docker does.</li>
 *   <li>There is no response timeout: waiting for a container holds a request open for as long as the job runs.
 *       Jobs end through their own timeout, which kills the container and so ends the request.</li>
 *   <li>The endpoint comes from the settings only; the process environment ({@code DOCKER_HOST}) is the server's
 *       business when it builds those settings.</li>
 * </ul>
 */
final class DockerClients {
    private DockerClients() {
    }

    static DockerClient create(ContainerSettings settings) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.endpoint().toString())
                .withApiVersion(settings.apiVersion())
                .withDockerTlsVerify(false)
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(settings.endpoint())
                .maxConnections(settings.maxConnections())
                .connectionTimeout(settings.connectTimeout())
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
