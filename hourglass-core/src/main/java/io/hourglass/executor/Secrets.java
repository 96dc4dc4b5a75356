package io.hourglass.executor;

import java.util.Map;
import java.util.Optional;

/**
 * Where a node finds the secrets that task definitions refer to as {@code ${secret:NAME}} inside a setting's
 * text, such as {@code "Bearer ${secret:HOOK_TOKEN}"} or {@code "amqp://app:${secret:RABBIT_PASSWORD}@rabbit//"}.
 * Definitions are stored, listed over the API and shared by the cluster; the secrets stay with each node (the
 * server reads them from {@code HOURGLASS_SECRET_<NAME>} environment variables) and are put in only when the node
 * builds the executor.
 */
@FunctionalInterface
public interface Secrets {

    /** No secrets: a definition that refers to one is refused, naming it. */
    Secrets NONE = name -> Optional.empty();

    /** The secret's value, if this node has it. */
    Optional<String> find(String name);

    static Secrets of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
