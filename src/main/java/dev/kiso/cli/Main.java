package dev.kiso.cli;

import dev.kiso.KisoException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code kiso} command. Dispatches to a subcommand; every user mistake ends as
 * one clear line on standard error and a non-zero exit code, never a stack trace (set
 * {@code KISO_DEBUG=1} to see one).
 */
public final class Main {

    /** Exit code for a user's mistake: bad arguments, missing file, model that does not fit. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for an unexpected failure. */
    public static final int EXIT_FAILURE = 1;

    private Main() {
    }

    /**
     * Runs {@code ./kiso} with the given arguments and exits with its status.
     *
     * @param argv the command line
     */
    public static void main(String[] argv) {
        int status = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs {@code ./kiso} without exiting: the testable core of {@link #main}.
     *
     * @param argv the command line
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        List<Command> commands = Commands.all();
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            out.println(usage(commands));
            return argv.length == 0 ? EXIT_USAGE : 0;
        }
        Command command = commands.stream().filter(c -> c.name().equals(argv[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("kiso: unknown command '" + argv[0] + "'\n\n" + usage(commands));
            return EXIT_USAGE;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println(command.help());
            return 0;
        }
        try {
            return command.run(rest, out);
        } catch (KisoException e) {
            return fail(err, command, e.getMessage(), e, EXIT_USAGE);
        } catch (NoSuchFileException e) {
            return fail(err, command, "no such file: " + e.getFile(), e, EXIT_USAGE);
        } catch (IOException | UncheckedIOException e) {
            return fail(err, command, "I/O error: " + e.getMessage(), e, EXIT_FAILURE);
        } catch (Exception | OutOfMemoryError e) {
            return fail(err, command, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (run with KISO_DEBUG=1 for the stack trace)", e, EXIT_FAILURE);
        }
    }

    private static int fail(PrintStream err, Command command, String message, Throwable e, int status) {
        String prefix = "kiso " + command.name() + ": ";
        err.println(message.startsWith(command.name() + ":") ? "kiso " + message : prefix + message);
        if (System.getenv("KISO_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return status;
    }

    private static String usage(List<Command> commands) {
        StringBuilder sb = new StringBuilder("usage: ./kiso <command> [options]   (./kiso <command> --help for details)\n\ncommands:\n");
        for (Command c : commands) {
            sb.append(String.format("  %-12s %s%n", c.name(), c.summary()));
        }
        return sb.toString().stripTrailing();
    }
}
