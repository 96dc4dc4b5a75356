package io.hourglass.docker;

import static io.hourglass.docker.MemorySize.describe;

import io.hourglass.InvalidRequestException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One job's container, read from its kwargs and completed from the executor's settings. Parsing is strict: an
 * unknown key, a wrong type or a value out of range is an {@link InvalidRequestException} naming the field, because
 * a typo ({@code comand}) silently ignored would run the wrong thing.
 *
 * <p>Kwargs: {@code image} (string; required unless the settings fix one), {@code command} (list of strings, run
 * as-is without a shell), {@code env} (map of name to string, number or boolean), {@code workdir} (absolute path),
 * {@code memory} ("64m"), {@code cpus} (number), {@code network} (one of the allowed modes), {@code mounts} (list of
 * {@code "/host/path:/container/path[:ro]"}, host paths under an allowed host path only).
 */
record ContainerSpec(
        String image,
        List<String> command,
        Map<String, String> env,
        String workdir,
        Long memoryBytes,
        Double cpus,
        String network,
        List<Mount> mounts) {

    static final Set<String> KEYS = Set.of("image", "command", "env", "workdir", "memory", "cpus", "network", "mounts");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][A-Za-z0-9._/:@+-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A host directory or file made visible in the container. */
    record Mount(String hostPath, String containerPath, boolean readOnly) {
    }

    static boolean isImageName(String value) {
        return value != null && value.length() <= 512 && IMAGE.matcher(value).matches();
    }

    static ContainerSpec parse(Map<String, Object> kwargs, ContainerSettings settings) {
        Set<String> unknown = new TreeSet<>(kwargs.keySet());
        unknown.removeAll(KEYS);
        InvalidRequestException.require(unknown.isEmpty(), "kwargs",
                "unknown key(s) " + unknown + " for a container job; known keys are " + new TreeSet<>(KEYS));
        return new ContainerSpec(
                image(kwargs.get("image"), settings.image()),
                command(kwargs.get("command")),
                env(kwargs.get("env")),
                workdir(kwargs.get("workdir")),
                kwargs.get("memory") == null ? settings.memoryBytes()
                        : Long.valueOf(MemorySize.parse("memory", kwargs.get("memory"))),
                kwargs.get("cpus") == null ? settings.cpus() : Double.valueOf(cpus(kwargs.get("cpus"))),
                network(kwargs.get("network"), settings),
                mounts(kwargs.get("mounts"), settings.allowedHostPaths()));
    }

    private static String image(Object value, String fixed) {
        if (value == null) {
            InvalidRequestException.require(fixed != null, "image",
                    "is required: name the image to run, e.g. \"localhost/app:1.0\"");
            return fixed;
        }
        InvalidRequestException.require(value instanceof String s && isImageName(s), "image",
                "must be an image name like \"localhost/app:1.0\", was " + describe(value));
        InvalidRequestException.require(fixed == null || fixed.equals(value), "image",
                "this task runs '" + fixed + "' only, was '" + value + "'");
        return (String) value;
    }

    private static List<String> command(Object value) {
        if (value == null) {
            return List.of();
        }
        InvalidRequestException.require(value instanceof List<?>, "command",
                "must be a list of strings, run as-is without a shell (e.g. [\"sh\", \"-c\", \"echo hi\"]), was "
                        + describe(value));
        List<?> items = (List<?>) value;
        List<String> command = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            InvalidRequestException.require(items.get(i) instanceof String, "command[" + i + "]",
                    "must be a string, was " + describe(items.get(i)));
            command.add((String) items.get(i));
        }
        return List.copyOf(command);
    }

    private static Map<String, String> env(Object value) {
        if (value == null) {
            return Map.of();
        }
        InvalidRequestException.require(value instanceof Map<?, ?>, "env",
                "must be a map of variable name to value, was " + describe(value));
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            Object name = entry.getKey();
            InvalidRequestException.require(name instanceof String s && ENV_NAME.matcher(s).matches(), "env",
                    "variable names must be letters, digits and _ (not starting with a digit), was " + describe(name));
            Object v = entry.getValue();
            InvalidRequestException.require(v instanceof String || v instanceof Number || v instanceof Boolean,
                    "env." + name, "must be a string, number or boolean, was " + describe(v));
            env.put((String) name, v.toString());
        }
        return env;
    }

    private static String workdir(Object value) {
        if (value == null) {
            return null;
        }
        InvalidRequestException.require(value instanceof String s && s.startsWith("/"), "workdir",
                "must be an absolute path in the container, was " + describe(value));
        return (String) value;
    }

    private static double cpus(Object value) {
        double cpus;
        try {
            cpus = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("cpus", "must be a number of CPUs like 0.5 or 2, was " + describe(value));
        }
        InvalidRequestException.require(cpus > 0 && cpus <= 1024, "cpus", "must be in (0, 1024], was " + value);
        return cpus;
    }

    private static String network(Object value, ContainerSettings settings) {
        if (value == null) {
            return settings.network();
        }
        InvalidRequestException.require(value instanceof String s && settings.allowedNetworks().contains(s), "network",
                "must be one of the allowed networks " + new TreeSet<>(settings.allowedNetworks()) + ", was "
                        + describe(value));
        return (String) value;
    }

    private static List<Mount> mounts(Object value, List<Path> allowedHostPaths) {
        if (value == null) {
            return List.of();
        }
        InvalidRequestException.require(value instanceof List<?>, "mounts",
                "must be a list of \"/host/path:/container/path[:ro]\", was " + describe(value));
        List<Mount> mounts = new ArrayList<>();
        List<?> items = (List<?>) value;
        for (int i = 0; i < items.size(); i++) {
            mounts.add(mount("mounts[" + i + "]", items.get(i), allowedHostPaths));
        }
        return List.copyOf(mounts);
    }

    private static Mount mount(String field, Object value, List<Path> allowedHostPaths) {
        String[] parts = value instanceof String s ? s.split(":", -1) : new String[0];
        boolean shaped = (parts.length == 2 || (parts.length == 3 && (parts[2].equals("ro") || parts[2].equals("rw"))))
                && parts[0].startsWith("/") && parts[1].startsWith("/");
        InvalidRequestException.require(shaped, field,
                "must be \"/host/path:/container/path\" with an optional \":ro\" or \":rw\", was " + describe(value));
        Path host;
        try {
            host = Path.of(parts[0]).normalize();
        } catch (InvalidPathException e) {
            throw new InvalidRequestException(field, "host path is not a valid path: " + parts[0]);
        }
        InvalidRequestException.require(allowedHostPaths.stream().anyMatch(host::startsWith), field,
                allowedHostPaths.isEmpty()
                        ? "host mounts are not allowed: configure allowed host paths for the container executor"
                        : "host path " + host + " is not under an allowed host path " + allowedHostPaths);
        return new Mount(host.toString(), parts[1], parts.length == 3 && parts[2].equals("ro"));
    }
}
