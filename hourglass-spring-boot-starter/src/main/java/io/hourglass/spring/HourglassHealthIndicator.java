package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.store.Store;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code hourglass} in the application's health: UP while the store answers a read of the cluster's nodes, DOWN
 * with the store's error when it does not. How long a check may wait is the data source's connection timeout
 * (HikariCP's {@code connection-timeout}; the embedded store's pool waits 5 s). Details: the node's name, whether
 * it runs, the store, and how many nodes the store lists.
 */
public class HourglassHealthIndicator extends AbstractHealthIndicator {
    private final Hourglass hourglass;
    private final Store store;

    public HourglassHealthIndicator(Hourglass hourglass, Store store) {
        super("Hourglass health check failed");
        this.hourglass = hourglass;
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        int nodes = hourglass.nodes().size();
        builder.up().withDetail("node", hourglass.nodeName()).withDetail("running", hourglass.isRunning())
                .withDetail("store", store.describe()).withDetail("nodes", nodes);
    }
}
