package io.hourglass.docker;

import io.hourglass.InvalidRequestException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the {@link ContainerExecutor} reaches the engine and what it lets jobs do. Built with {@link #builder()};
 * every value is checked in {@link Builder#build()}, and the defaults are the {@code DEFAULT_*} constants.
 *
 * <p>Safe by default: no image is allowed until {@link Builder#allowedImages(List)} names some, no host path can
 * be mounted until {@link Builder#allowedHostPaths(List)} names some, and containers never run privileged.
 *
 * @param endpoint          the engine's Docker API endpoint, {@code unix:///path} or {@code tcp://host:port}
 * @param apiVersion        the Docker API version spoken (fixed, so no negotiation with Docker-compatible engines)
 * @param nodeName          this node's name, written on every container so orphans can be found after a crash
 * @param allowedImages     glob patterns of the images jobs may run (see {@link ImageAllowList})
 * @param image             the image every job of this executor runs, or null when each job names its own
 * @param memoryBytes       the default memory limit, or null for none
 * @param cpus              the default CPU limit (1.5 = one and a half cores), or null for none
 * @param network           the default network mode
 * @param allowedNetworks   network modes a job may ask for
 * @param pullPolicy        what to do when an image is missing
 * @param labels            extra labels put on every container
 * @param allowedHostPaths  host directories a job may mount (it may mount them or anything below them)
 * @param connectTimeout    how long to wait for a connection to the engine
 * @param maxConnections    connections kept to the engine; each running container holds one while it is awaited
 * @param maxOutputChars    captured output kept per attempt (the engine cuts it further at its own limit)
 * @param errorTailChars    how much of the output's end goes into a failed attempt's error
 */
public record ContainerSettings(
        URI endpoint,
        String apiVersion,
        String nodeName,
        List<String> allowedImages,
        String image,
        Long memoryBytes,
        Double cpus,
        String network,
        Set<String> allowedNetworks,
        PullPolicy pullPolicy,
        Map<String, String> labels,
        List<Path> allowedHostPaths,
        Duration connectTimeout,
        int maxConnections,
        int maxOutputChars,
        int errorTailChars) {

    public static final String DEFAULT_ENDPOINT = "unix:///var/run/docker.sock";
    public static final String DEFAULT_API_VERSION = "1.41";
    public static final String DEFAULT_NODE_NAME = "hourglass";
    public static final String DEFAULT_NETWORK = "bridge";
    public static final Set<String> DEFAULT_ALLOWED_NETWORKS = Set.of("none", "bridge");
    public static final PullPolicy DEFAULT_PULL_POLICY = PullPolicy.IF_MISSING;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    public static final int DEFAULT_MAX_OUTPUT_CHARS = 1_000_000;
    public static final int DEFAULT_ERROR_TAIL_CHARS = 2_000;
    /** Labels under this prefix are the executor's own; settings may not set them. */
    public static final String LABEL_PREFIX = "io.hourglass.";

    public ContainerSettings {
        allowedImages = List.copyOf(allowedImages);
        allowedNetworks = Set.copyOf(allowedNetworks);
        labels = Map.copyOf(labels);
        allowedHostPaths = List.copyOf(allowedHostPaths);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ContainerSettings}; {@link #build()} checks every value and names the one at fault. */
    public static final class Builder {
        private String endpoint = DEFAULT_ENDPOINT;
        private String apiVersion = DEFAULT_API_VERSION;
        private String nodeName = DEFAULT_NODE_NAME;
        private final List<String> allowedImages = new ArrayList<>();
        private String image;
        private Long memoryBytes;
        private Double cpus;
        private String network = DEFAULT_NETWORK;
        private final Set<String> allowedNetworks = new LinkedHashSet<>(DEFAULT_ALLOWED_NETWORKS);
        private PullPolicy pullPolicy = DEFAULT_PULL_POLICY;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<Path> allowedHostPaths = new ArrayList<>();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS;
        private int errorTailChars = DEFAULT_ERROR_TAIL_CHARS;

        private Builder() {
        }

        /** The engine's endpoint, e.g. {@code unix:///run/podman/podman.sock} or {@code tcp://127.0.0.1:2375}. */
        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        public Builder apiVersion(String value) {
            this.apiVersion = value;
            return this;
        }

        public Builder nodeName(String value) {
            this.nodeName = value;
            return this;
        }

        /** Replaces the allowed image patterns, e.g. {@code List.of("localhost/*", "myorg/*:*")}. */
        public Builder allowedImages(List<String> patterns) {
            allowedImages.clear();
            allowedImages.addAll(Objects.requireNonNull(patterns, "allowedImages"));
            return this;
        }

        /** Fixes the image every job runs; a job may then leave {@code image} out or repeat this one. */
        public Builder image(String value) {
            this.image = value;
            return this;
        }

        /** The default memory limit, e.g. {@code "256m"}; null for none. */
        public Builder memory(String value) {
            this.memoryBytes = value == null ? null : MemorySize.parse("memory", value);
            return this;
        }

        public Builder cpus(Double value) {
            this.cpus = value;
            return this;
        }

        public Builder network(String value) {
            this.network = value;
            return this;
        }

        /** Replaces the network modes a job may ask for (the default network must be one of them). */
        public Builder allowedNetworks(Set<String> values) {
            allowedNetworks.clear();
            allowedNetworks.addAll(Objects.requireNonNull(values, "allowedNetworks"));
            return this;
        }

        public Builder pullPolicy(PullPolicy value) {
            this.pullPolicy = value;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** Replaces the host directories that jobs may mount; empty (the default) means no mounts at all. */
        public Builder allowedHostPaths(List<Path> paths) {
            allowedHostPaths.clear();
            allowedHostPaths.addAll(Objects.requireNonNull(paths, "allowedHostPaths"));
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder maxOutputChars(int value) {
            this.maxOutputChars = value;
            return this;
        }

        public Builder errorTailChars(int value) {
            this.errorTailChars = value;
            return this;
        }

        public ContainerSettings build() {
            URI uri = endpointUri(endpoint);
            InvalidRequestException.require(apiVersion != null && apiVersion.matches("\\d+\\.\\d+"), "apiVersion",
                    "must look like 1.41, was " + apiVersion);
            InvalidRequestException.require(nodeName != null && !nodeName.isBlank(), "nodeName",
                    "must not be blank");
            for (String pattern : allowedImages) {
                InvalidRequestException.require(pattern != null && !pattern.isBlank() && !pattern.contains(" "),
                        "allowedImages", "patterns must be non-blank and without spaces, was '" + pattern + "'");
            }
            InvalidRequestException.require(image == null || ContainerSpec.isImageName(image), "image",
                    "must be an image name like localhost/app:1.0, was '" + image + "'");
            InvalidRequestException.require(cpus == null || (cpus > 0 && cpus <= 1024), "cpus",
                    "must be in (0, 1024], was " + cpus);
            InvalidRequestException.require(!allowedNetworks.isEmpty() && !allowedNetworks.contains(null),
                    "allowedNetworks", "must name at least one network mode, was " + allowedNetworks);
            InvalidRequestException.require(network != null && allowedNetworks.contains(network), "network",
                    "must be one of the allowed networks " + allowedNetworks + ", was " + network);
            InvalidRequestException.require(pullPolicy != null, "pullPolicy", "must not be null");
            labels.forEach((key, value) -> InvalidRequestException.require(
                    key != null && !key.isBlank() && value != null && !key.startsWith(LABEL_PREFIX), "labels",
                    "keys must be non-blank, values non-null, and keys must not start with " + LABEL_PREFIX
                            + " (the executor's own), was " + key + "=" + value));
            for (Path path : allowedHostPaths) {
                InvalidRequestException.require(path != null && path.isAbsolute(), "allowedHostPaths",
                        "must be absolute paths, was " + path);
            }
            InvalidRequestException.require(connectTimeout != null && connectTimeout.toMillis() > 0,
                    "connectTimeout", "must be positive, was " + connectTimeout);
            InvalidRequestException.require(maxConnections >= 1, "maxConnections",
                    "must be at least 1, was " + maxConnections);
            InvalidRequestException.require(maxOutputChars >= 0, "maxOutputChars",
                    "must not be negative, was " + maxOutputChars);
            InvalidRequestException.require(errorTailChars >= 0, "errorTailChars",
                    "must not be negative, was " + errorTailChars);
            return new ContainerSettings(uri, apiVersion, nodeName, allowedImages, image, memoryBytes, cpus, network,
                    allowedNetworks, pullPolicy, labels,
                    allowedHostPaths.stream().map(Path::normalize).toList(), connectTimeout, maxConnections,
                    maxOutputChars, errorTailChars);
        }

        private static URI endpointUri(String value) {
            InvalidRequestException.require(value != null && !value.isBlank(), "endpoint", "must not be blank");
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("endpoint", "is not a URI: " + value);
            }
            String scheme = uri.getScheme();
            InvalidRequestException.require("unix".equals(scheme) || "tcp".equals(scheme), "endpoint",
                    "must be unix:///path/to/socket or tcp://host:port, was " + value);
            return uri;
        }
    }
}
