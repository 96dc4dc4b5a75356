package io.hourglass.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Memory of this JVM as the OS and the collector see it: resident set size now and at its peak ({@code VmRSS},
 * {@code VmHWM} of {@code /proc/self/status}, Linux only; -1 elsewhere), and heap used right after a full GC.
 */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Resident set size now, in MB. */
    static long rssMegabytes() {
        return statusKilobytes("VmRSS:") / 1024;
    }

    /** The peak resident set size since the process started, in MB. */
    static long peakRssMegabytes() {
        return statusKilobytes("VmHWM:") / 1024;
    }

    /** Heap used after {@code System.gc()} (a full collection with the default collector), in MB. */
    static long heapAfterGcMegabytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static long statusKilobytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return -1024;
        } catch (IOException | RuntimeException e) {
            return -1024;
        }
    }
}
