package io.hourglass.server.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code hourglass queues list|pause|resume|configure}. */
@Command(name = "queues", mixinStandardHelpOptions = true, description = "List, pause, resume and configure queues.",
        subcommands = {QueuesCommand.ListQueues.class, QueuesCommand.Pause.class, QueuesCommand.Resume.class,
                QueueConfigureCommand.class})
final class QueuesCommand {
    static final List<String> COLUMNS = List.of("name", "paused", "concurrency", "maxSize", "bypassPriority",
            "scheduled", "running");

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List queues with their sizes.")
    static final class ListQueues extends ListItems {
        ListQueues() {
            super("queues", COLUMNS);
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a queue.")
    static final class Pause extends NamedAction {
        Pause() {
            super("queues", "queue", "pause", "paused");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a queue.")
    static final class Resume extends NamedAction {
        Resume() {
            super("queues", "queue", "resume", "resumed");
        }
    }
}
