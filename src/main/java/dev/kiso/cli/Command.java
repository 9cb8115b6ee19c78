package dev.kiso.cli;

import java.io.PrintStream;

/** One subcommand of {@code ./kiso}: a name, a one-line summary, a help text and a body. */
interface Command {

    /** @return the name typed after {@code ./kiso} */
    String name();

    /** @return one line for {@code ./kiso --help} */
    String summary();

    /** @return the full text of {@code ./kiso NAME --help} */
    String help();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @param out  where results go
     * @return the process exit code
     * @throws Exception any failure; {@link Main} turns it into one clear line
     */
    int run(String[] args, PrintStream out) throws Exception;
}
