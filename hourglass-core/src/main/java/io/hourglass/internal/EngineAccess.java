package io.hourglass.internal;

import io.hourglass.Hourglass;
import io.hourglass.engine.Engine;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The engine behind a node, for Hourglass's own modules that must reach past the facade: hourglass-testing's
 * {@code HourglassTestKit} drives a node that is not started with {@link Engine#runDue}. {@link Hourglass}
 * installs the accessor when its class is initialised, so applications see no engine method on the node itself.
 * Not API: {@code internal} is not for applications.
 */
public final class EngineAccess {
    private static final AtomicReference<Function<Hourglass, Engine>> ACCESS = new AtomicReference<>();

    private EngineAccess() {
    }

    /** Called once, by {@link Hourglass}'s static initialiser. */
    public static void install(Function<Hourglass, Engine> access) {
        if (!ACCESS.compareAndSet(null, Objects.requireNonNull(access, "access"))) {
            throw new IllegalStateException("bug: the engine accessor was installed twice");
        }
    }

    /** The engine of {@code node}. */
    public static Engine engine(Hourglass node) {
        Objects.requireNonNull(node, "node");
        return ACCESS.get().apply(node); // installed: Hourglass is initialised once a node exists
    }
}
