package dev.kiso.experiments;

import java.io.IOException;
import java.util.List;

/**
 * One figure of the course, reproduced: it trains what the specification says, writes
 * {@code <id>.png} and {@code <id>.csv} into the output folder and returns what it measured.
 * Experiments use only Kiso's public API, so each doubles as an example of using the library.
 */
public interface Experiment {

    /** @return the id used on the command line, e.g. {@code opt-compare-loss} */
    String id();

    /** @return one line saying what the experiment shows */
    String description();

    /**
     * Runs the experiment.
     *
     * @param context seed, profile, output folder and log
     * @return the summary, metrics and files
     * @throws IOException if the chart or the data cannot be written
     */
    ExperimentResult run(ExperimentContext context) throws IOException;

    /**
     * The options this experiment accepts beyond the seed and the profile (e.g. {@code --course}
     * for the course's form of a figure); the command line rejects any other. The experiment
     * reads them through {@link ExperimentContext}'s typed getters.
     *
     * @return its options, none by default
     */
    default List<ExperimentOption> options() {
        return List.of();
    }
}
