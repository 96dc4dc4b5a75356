package io.hourglass.spring;

import io.hourglass.HourglassBuilder;

/** Puts the {@code hourglass.*} engine settings on a builder; the builder checks them when the node is built. */
final class PropertiesToBuilder {
    private PropertiesToBuilder() {
    }

    static void apply(HourglassProperties p, HourglassBuilder builder) {
        if (p.getNodeName() != null) {
            builder.nodeName(p.getNodeName());
        }
        if (p.getHeartbeatInterval() != null) {
            builder.heartbeatInterval(p.getHeartbeatInterval());
        }
        builder.workerThreads(p.getWorkerThreads())
                .claimBatchSize(p.getClaimBatchSize())
                .prefetch(p.getPrefetch())
                .claimAhead(p.getClaimAhead())
                .leaseDuration(p.getLeaseDuration())
                .pollInterval(p.getPollInterval())
                .misfireGrace(p.getMisfireGrace())
                .maxOutputChars(p.getMaxOutputChars())
                .historyRetention(p.getHistoryRetention())
                .completionBatchSize(p.getCompletionBatchSize());
    }
}
