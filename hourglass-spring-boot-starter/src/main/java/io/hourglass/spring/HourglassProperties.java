package io.hourglass.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code hourglass.*} settings: one per {@link io.hourglass.HourglassBuilder} setting, with the builder's
 * defaults (a test holds them equal), plus what the starter itself decides (start, stop, the embedded database,
 * declared schedules). The builder checks the values when the node is built and names the setting it refuses.
 */
@ConfigurationProperties(prefix = "hourglass")
public class HourglassProperties {
    /** Whether the starter builds a Hourglass node at all. */
    private boolean enabled = true;
    /** This node's name in leases, attempts and the node list (default host-pid-random); unique per process. */
    private String nodeName;
    /** How many attempts run at once on this node; 0 makes a node that only enqueues and reads. */
    private int workerThreads = 8;
    /** At most this many jobs claimed in one statement. */
    private int claimBatchSize = 256;
    /** At most this many claimed jobs wait in this node for a free worker thread; 0 turns prefetching off. */
    private int prefetch = 256;
    /** Jobs are claimed this long before their due time, held under lease and started on time; 0 claims only due jobs. */
    private Duration claimAhead = Duration.ofMillis(100);
    /** How long a claimed job stays this node's without a heartbeat (at least 300 ms). */
    private Duration leaseDuration = Duration.ofSeconds(30);
    /** How often this node renews its leases (default a third of the lease duration). */
    private Duration heartbeatInterval;
    /** The fallback poll for due jobs and schedules when no event wakes the node. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /** A fire time older than this when its schedule is fired counts as missed. */
    private Duration misfireGrace = Duration.ofSeconds(60);
    /** Captured output is cut at this many characters and flagged as truncated. */
    private int maxOutputChars = 65_536;
    /** Finished jobs older than this are deleted with their attempts. */
    private Duration historyRetention = Duration.ofDays(30);
    /** At most this many attempt completions are written in one transaction. */
    private int completionBatchSize = 512;
    /** Start the node when the application context starts; false leaves starting it to the application. */
    private boolean autoStart = true;
    /** When the application stops: how long running attempts may finish before they are stopped and released. */
    private Duration stopGrace = Duration.ofSeconds(10);
    /** Where the embedded H2 database lives when the application has no DataSource. */
    private Path dataDir = Path.of("data");
    /** Schedules saved (created, or updated to match) when the node starts, by name. */
    private Map<String, ScheduleProperties> schedules = new LinkedHashMap<>();

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean value) { this.enabled = value; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String value) { this.nodeName = value; }
    public int getWorkerThreads() { return workerThreads; }
    public void setWorkerThreads(int value) { this.workerThreads = value; }
    public int getClaimBatchSize() { return claimBatchSize; }
    public void setClaimBatchSize(int value) { this.claimBatchSize = value; }
    public int getPrefetch() { return prefetch; }
    public void setPrefetch(int value) { this.prefetch = value; }
    public Duration getClaimAhead() { return claimAhead; }
    public void setClaimAhead(Duration value) { this.claimAhead = value; }
    public Duration getLeaseDuration() { return leaseDuration; }
    public void setLeaseDuration(Duration value) { this.leaseDuration = value; }
    public Duration getHeartbeatInterval() { return heartbeatInterval; }
    public void setHeartbeatInterval(Duration value) { this.heartbeatInterval = value; }
    public Duration getPollInterval() { return pollInterval; }
    public void setPollInterval(Duration value) { this.pollInterval = value; }
    public Duration getMisfireGrace() { return misfireGrace; }
    public void setMisfireGrace(Duration value) { this.misfireGrace = value; }
    public int getMaxOutputChars() { return maxOutputChars; }
    public void setMaxOutputChars(int value) { this.maxOutputChars = value; }
    public Duration getHistoryRetention() { return historyRetention; }
    public void setHistoryRetention(Duration value) { this.historyRetention = value; }
    public int getCompletionBatchSize() { return completionBatchSize; }
    public void setCompletionBatchSize(int value) { this.completionBatchSize = value; }
    public boolean isAutoStart() { return autoStart; }
    public void setAutoStart(boolean value) { this.autoStart = value; }
    public Duration getStopGrace() { return stopGrace; }
    public void setStopGrace(Duration value) { this.stopGrace = value; }
    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path value) { this.dataDir = value; }
    public Map<String, ScheduleProperties> getSchedules() { return schedules; }
    public void setSchedules(Map<String, ScheduleProperties> value) { this.schedules = value; }
}
