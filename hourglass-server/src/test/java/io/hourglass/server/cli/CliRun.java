package io.hourglass.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** One in-process run of the {@code hourglass} command line, with what it printed and its exit code. */
record CliRun(int exit, String out, String err) {
    /** Runs {@code args}, with {@code --url=url} appended when {@code url} is not null. */
    static CliRun of(String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (url != null) {
            all.add("--url=" + url);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HourglassCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new CliRun(exit, out.toString(), err.toString());
    }
}
