package dev.kiso.experiments;

import dev.kiso.KisoException;
import dev.kiso.plot.SeriesCsv;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * What one run of an experiment is given: the seed, the profile, where to write its chart and CSV,
 * where to print progress, and the experiment's own options ({@code --course}, {@code --hidden
 * 100,100}, {@code --set key=value}) as checked by {@link #forExperiment}.
 *
 * <p>An experiment reads its options through the typed getters ({@link #flag}, {@link #intOption},
 * {@link #numberOption}, {@link #intsOption}, {@link #textOption}), each with the default used
 * when the option was not given, and starts its CSV with {@link #csv(String)}, which records the
 * options given as {@code # key=value} lines.
 *
 * @param seed       the run's seed: same seed, same results
 * @param profile    quick or full
 * @param outDir     the folder for {@code <id>.png} and {@code <id>.csv}
 * @param log        progress messages (the one-line summary is printed by the caller)
 * @param experiment the id of the experiment the options were checked for ("" when there are none)
 * @param options    the options given, by name, as written (checked against the experiment's
 *                   declarations)
 */
public record ExperimentContext(long seed, Profile profile, Path outDir, PrintStream log,
                                String experiment, Map<String, String> options) {

    /**
     * Copies the options (keeping their order).
     *
     * @throws KisoException if the experiment id or the options are null
     */
    public ExperimentContext {
        if (experiment == null || options == null) {
            throw new KisoException("ExperimentContext: experiment id and options must not be null");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /**
     * A context without options.
     *
     * @param seed    the run's seed
     * @param profile quick or full
     * @param outDir  the output folder
     * @param log     progress messages
     */
    public ExperimentContext(long seed, Profile profile, Path outDir, PrintStream log) {
        this(seed, profile, outDir, log, "", Map.of());
    }

    /**
     * This context with options for one experiment, after checking each against the options the
     * experiment declares: its name must be declared and its value must have the declared form.
     *
     * @param e     the experiment to run
     * @param given the options by name, values as written ({@code "true"} for a bare switch)
     * @return the context to run {@code e} with
     * @throws KisoException naming the experiment and the option if one is unknown or malformed
     */
    public ExperimentContext forExperiment(Experiment e, Map<String, String> given) {
        checkOptions(e, given);
        return new ExperimentContext(seed, profile, outDir, log, e.id(), given);
    }

    /**
     * Checks options against the ones an experiment declares: each name must be declared and each
     * value must have the declared form.
     *
     * @param e     the experiment
     * @param given the options by name, values as written
     * @throws KisoException naming the experiment and the option if one is unknown or malformed
     */
    public static void checkOptions(Experiment e, Map<String, String> given) {
        List<ExperimentOption> declared = e.options();
        for (Map.Entry<String, String> option : given.entrySet()) {
            declared.stream().filter(o -> o.name().equals(option.getKey())).findFirst()
                    .orElseThrow(() -> new KisoException("experiment " + e.id() + ": unknown option --"
                            + option.getKey() + "; " + accepted(declared)))
                    .parse(e.id(), option.getValue());
        }
    }

    private static String accepted(List<ExperimentOption> declared) {
        return declared.isEmpty() ? "it takes no options of its own"
                : "it takes " + declared.stream().map(ExperimentOption::usage).collect(Collectors.joining(", "));
    }

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

    /**
     * A CSV whose first settings are the experiment, the seed, the profile and then every option
     * given ({@code # hidden=100,100}); add the experiment's other settings and its series next.
     *
     * @param id the experiment's id
     * @return the CSV
     */
    public SeriesCsv csv(String id) {
        SeriesCsv csv = new SeriesCsv().setting("experiment", id).setting("seed", seed)
                .setting("profile", profile.name().toLowerCase(Locale.ROOT));
        options.forEach(csv::setting);
        return csv;
    }

    /**
     * A switch.
     *
     * @param name the option's name, e.g. {@code course}
     * @return whether it was given (and not set to false)
     */
    public boolean flag(String name) {
        return (Boolean) value(name, ExperimentOption.Type.FLAG, Boolean.FALSE);
    }

    /**
     * A whole-number option.
     *
     * @param name     its name
     * @param fallback the value when it was not given
     * @return its value
     */
    public int intOption(String name, int fallback) {
        return (Integer) value(name, ExperimentOption.Type.INT, fallback);
    }

    /**
     * A number option.
     *
     * @param name     its name
     * @param fallback the value when it was not given
     * @return its value
     */
    public double numberOption(String name, double fallback) {
        return (Double) value(name, ExperimentOption.Type.NUMBER, fallback);
    }

    /**
     * A list of whole numbers, e.g. hidden sizes {@code 100,100}.
     *
     * @param name     its name
     * @param fallback the values when it was not given
     * @return a fresh array of its values
     */
    public int[] intsOption(String name, int... fallback) {
        return ((int[]) value(name, ExperimentOption.Type.INTS, fallback)).clone();
    }

    /**
     * A text option.
     *
     * @param name     its name
     * @param fallback the value when it was not given
     * @return its value
     */
    public String textOption(String name, String fallback) {
        return (String) value(name, ExperimentOption.Type.TEXT, fallback);
    }

    private Object value(String name, ExperimentOption.Type type, Object fallback) {
        String v = options.get(name);
        return v == null ? fallback : new ExperimentOption(name, type, "").parse(experiment, v);
    }
}
