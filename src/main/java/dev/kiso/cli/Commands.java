package dev.kiso.cli;

import java.util.List;

/** The list of subcommands, in the order {@code ./kiso --help} shows them. */
final class Commands {
    private Commands() {
    }

    /** @return every subcommand */
    static List<Command> all() {
        return List.of(new TrainCommand(), new EvaluateCommand(), new PredictCommand(), new ExperimentCommand(),
                new DemoCommand());
    }
}
