package dev.kiso.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * What one run of an experiment is given: the seed, the profile, where to write its chart and CSV,
 * and where to print progress.
 *
 * @param seed    the run's seed: same seed, same results
 * @param profile quick or full
 * @param outDir  the folder for {@code <id>.png} and {@code <id>.csv}
 * @param log     progress messages (the one-line summary is printed by the caller)
 */
public record ExperimentContext(long seed, Profile profile, Path outDir, PrintStream log) {

    /**
     * A generator for one series of a side-by-side comparison, derived from (seed, series) so that
     * adding a series does not change the others (EXPERIMENTS.md §1.2).
     *
     * @param series the series' index
     * @return a fresh generator
     */
    public Random rng(int series) {
        return new Random(seed * 1_000_003L + 7919L * (series + 1));
    }

    /**
     * A file in the output folder.
     *
     * @param name the file name, e.g. {@code act-hist-sigmoid-std1.png}
     * @return its path
     */
    public Path file(String name) {
        return outDir.resolve(name);
    }
}
