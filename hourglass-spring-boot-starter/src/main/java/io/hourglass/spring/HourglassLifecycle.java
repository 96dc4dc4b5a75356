package io.hourglass.spring;

import io.hourglass.ConflictException;
import io.hourglass.Hourglass;
import io.hourglass.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the node when the application context starts (after every other lifecycle, so the web server already
 * answers) and stops it first when the context closes: claiming stops, running attempts get
 * {@code hourglass.stop-grace} to finish, the rest are released for another node, and every result is written
 * before the data source closes.
 *
 * <p>Before starting, it saves the declared schedules ({@code hourglass.schedules.*} and {@link Schedule} beans):
 * one that does not exist is created, one that does is updated to match the declaration (its run state is kept).
 * A schedule removed from the declarations is left in the store; delete it through the client or the console.
 */
public class HourglassLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(HourglassLifecycle.class);

    private final Hourglass hourglass;
    private final HourglassProperties properties;
    private final ObjectProvider<Schedule> scheduleBeans;

    public HourglassLifecycle(Hourglass hourglass, HourglassProperties properties,
                              ObjectProvider<Schedule> scheduleBeans) {
        this.hourglass = hourglass;
        this.properties = properties;
        this.scheduleBeans = scheduleBeans;
    }

    @Override
    public void start() {
        List<Schedule> declared = new ArrayList<>();
        properties.getSchedules().forEach((name, schedule) -> declared.add(schedule.toSchedule(name)));
        scheduleBeans.orderedStream().forEach(declared::add);
        for (Schedule schedule : declared) {
            save(schedule);
        }
        if (!declared.isEmpty()) {
            log.info("Hourglass saved the declared schedules {}", declared.stream().map(Schedule::name).toList());
        }
        hourglass.start();
    }

    /** Creates or updates; a node starting beside this one may create it first, and then this one updates it. */
    private void save(Schedule schedule) {
        if (hourglass.schedule(schedule.name()).isPresent()) {
            hourglass.updateSchedule(schedule);
            return;
        }
        try {
            hourglass.createSchedule(schedule);
        } catch (ConflictException createdElsewhere) {
            hourglass.updateSchedule(schedule);
        }
    }

    @Override
    public void stop() {
        hourglass.stop(properties.getStopGrace());
    }

    @Override
    public boolean isRunning() {
        return hourglass.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return properties.isAutoStart();
    }
}
