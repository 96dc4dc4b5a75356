package io.hourglass.server.console.schedules;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.hourglass.schedule.CronSpec;
import io.hourglass.schedule.IntervalSpec;
import io.hourglass.schedule.OnceSpec;
import io.hourglass.schedule.ScheduleSpec;
import io.hourglass.server.console.web.Fmt;
import java.util.Locale;

/**
 * A schedule's timing in words: cron through cron-utils' descriptor ("every day at 02:00", with its zone), an
 * interval as a duration, a one-off as its instant. The expression itself is shown next to it, so a description
 * cron-utils words loosely never hides what will run.
 */
final class ScheduleTiming {
    private ScheduleTiming() {
    }

    static String describe(ScheduleSpec spec) {
        if (spec instanceof CronSpec cron) {
            return cron(cron);
        }
        if (spec instanceof IntervalSpec interval) {
            return "every " + Fmt.duration(interval.every());
        }
        return "once, at " + Fmt.instant(((OnceSpec) spec).at());
    }

    static String expression(ScheduleSpec spec) {
        if (spec instanceof CronSpec cron) {
            return cron.expression();
        }
        if (spec instanceof IntervalSpec interval) {
            return interval.every().toString();
        }
        return ((OnceSpec) spec).at().toString();
    }

    private static String cron(CronSpec cron) {
        String words;
        try {
            CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(cron.style()));
            words = CronDescriptor.instance(Locale.UK).describe(parser.parse(cron.expression()));
        } catch (RuntimeException e) { // a form the descriptor cannot word (a macro): the expression says it
            words = cron.expression();
        }
        return words + " " + cron.zone().getId();
    }
}
