package io.hourglass.server.cli;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the command tree a command line needs, and no more. Picocli reads every command's options by reflection
 * when it builds a tree, and the whole tree costs a CLI call about 0.4 s (docs/benchmarks.md); a call runs one
 * command. So along the path the arguments name ({@code jobs}, then {@code list}), each group is built without
 * inspecting its annotation's {@code subcommands}: the named one is built for real and the others are stand-ins
 * that carry only their name and description, for help listings and "did you mean" suggestions.
 *
 * <p>Invariants: the annotations stay the one description of the tree (the full tree, as {@code new
 * CommandLine(new HourglassCommand())} builds it, is what {@code help} and the tests use); a group with state of
 * its own (options, or children reading it through {@code @ParentCommand}) is always built whole; a stand-in is
 * never run, because a command the arguments name is never a stand-in.
 */
final class CommandTree {
    private CommandTree() {
    }

    /** The command line for {@code args}: built lazily, or whole when they ask for {@code help}. */
    static CommandLine forArguments(HourglassCommand root, String[] args) {
        if (args.length > 0 && args[0].equals("help")) {
            return new CommandLine(root);
        }
        return build(root, Arrays.asList(args));
    }

    private static CommandLine build(Object command, List<String> args) {
        Command annotation = command.getClass().getAnnotation(Command.class);
        if (annotation.subcommands().length == 0 || hasState(command.getClass())) {
            return new CommandLine(command);
        }
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(annotation.name())
                .mixinStandardHelpOptions(annotation.mixinStandardHelpOptions());
        spec.usageMessage().header(annotation.header()).description(annotation.description());
        if (annotation.versionProvider().getEnclosingClass() != CommandLine.class) { // picocli's own: none given
            spec.versionProvider((CommandLine.IVersionProvider) instantiate(annotation.versionProvider()));
        }
        injectSpec(command, spec);
        CommandLine line = new CommandLine(spec);
        String named = args.isEmpty() ? null : args.get(0);
        for (Class<?> type : annotation.subcommands()) {
            Command sub = type.getAnnotation(Command.class);
            if (sub.name().equals(named)) {
                line.addSubcommand(sub.name(), build(instantiate(type), args.subList(1, args.size())));
            } else {
                CommandSpec standIn = CommandSpec.create().name(sub.name());
                standIn.usageMessage().header(sub.header()).description(sub.description());
                line.addSubcommand(sub.name(), new CommandLine(standIn));
            }
        }
        return line;
    }

    /** Whether the command has instance fields other than its spec (options, parameters): then picocli must. */
    private static boolean hasState(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isAnnotationPresent(CommandLine.Spec.class)) {
                return true;
            }
        }
        return false;
    }

    /** What picocli does for a {@code @Spec} field of a command it inspects. */
    private static void injectSpec(Object command, CommandSpec spec) {
        for (Field field : command.getClass().getDeclaredFields()) {
            if (field.isAnnotationPresent(CommandLine.Spec.class)) {
                try {
                    field.setAccessible(true);
                    field.set(command, spec);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("bug: cannot set the spec of " + command.getClass(), e);
                }
            }
        }
    }

    private static Object instantiate(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new IllegalStateException("bug: command " + type.getName() + " cannot be created", e);
        }
    }
}
