package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.experiments.Experiment;
import dev.kiso.experiments.ExperimentContext;
import dev.kiso.experiments.ExperimentOption;
import dev.kiso.experiments.ExperimentResult;
import dev.kiso.experiments.Experiments;
import dev.kiso.experiments.Profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code ./kiso experiment}: runs the course's experiments and writes their charts and data. */
final class ExperimentCommand implements Command {
    /** The options every experiment takes; the rest are the chosen experiment's own. */
    private static final Set<String> COMMON = Set.of("seed", "profile", "out");

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "reproduce a figure of the course (chart + CSV); 'list' shows them";
    }

    @Override
    public String help() {
        return """
                usage: ./kiso experiment list
                       ./kiso experiment <id> [--seed N] [--profile quick|full] [--out DIR] [options of <id>]
                       ./kiso experiment all [--profile quick|full] [--seed N] [--out DIR]

                Runs one experiment of the course (or all of them), writes <id>.png and <id>.csv into
                the output folder and prints one line saying what the chart shows.

                options:
                  --profile P       quick (seconds, reduced budget) or full (the original's budget; default)
                  --seed N          the run's seed (default 1)
                  --out DIR         output folder (default runs/experiments)
                  --set KEY=VALUE   an option of the experiment (repeatable); the same as --KEY VALUE,
                                    or --KEY alone for a switch such as --course

                Some experiments take options of their own ('list' shows them under the experiment),
                e.g. ./kiso experiment overfit-l2 --course. Unknown options and malformed values are
                errors; the CSV records the options given as '# key=value' lines.""";
    }

    @Override
    public int run(String[] argv, PrintStream out) throws IOException {
        Experiment single = findExperiment(argv);
        Split split = split(argv, single);
        Map<String, String> own = split.own();
        if (single != null) {
            ExperimentContext.checkOptions(single, own);
        }
        Args args = Args.parse(name(), split.common(), COMMON, Set.of());
        List<String> pos = args.positional();
        if (pos.size() != 1) {
            throw new KisoException("experiment: expected one of 'list', 'all' or an experiment id, got "
                    + (pos.isEmpty() ? "nothing" : String.join(" ", pos)));
        }
        String what = pos.get(0);
        if (single == null && !what.equals("list") && !what.equals("all")) {
            Experiments.find(what); // throws: unknown id
        }
        if (single == null && !own.isEmpty()) {
            throw new KisoException("experiment " + what + ": option --" + own.keySet().iterator().next()
                    + " belongs to one experiment; name the experiment instead of '" + what + "'");
        }
        if (what.equals("list")) {
            list(out);
            return 0;
        }
        Profile profile = Profile.parse(args.get("profile", "full"));
        Path outDir = Path.of(args.get("out", "runs/experiments"));
        ExperimentContext base = new ExperimentContext(args.getLong("seed", 1), profile, outDir, System.err);
        List<Experiment> chosen = single != null ? List.of(single) : Experiments.all();
        List<ExperimentContext> contexts = new ArrayList<>();
        for (Experiment e : chosen) {
            contexts.add(base.forExperiment(e, own)); // checks the options before anything runs
        }
        Files.createDirectories(outDir);
        for (int k = 0; k < chosen.size(); k++) {
            long start = System.nanoTime();
            ExperimentResult result = chosen.get(k).run(contexts.get(k));
            out.printf("%s: %s  [%.1f s, %s]%n", result.id(), result.summary(),
                    (System.nanoTime() - start) / 1e9, outDir.resolve(result.id() + ".png"));
        }
        return 0;
    }

    /**
     * The arguments for {@link Args} (positional and common options) and the experiment's own
     * options by name ({@code --course}, {@code --hidden 100,100}, {@code --set key=value}).
     *
     * @param common the arguments for {@link Args}
     * @param own    the experiment's options, values as written ("true" for a bare switch)
     */
    record Split(String[] common, Map<String, String> own) {
    }

    /**
     * Splits the arguments: a switch of {@code single} (or any unknown name, which
     * {@link ExperimentContext#forExperiment} then rejects) takes no value, its other options take
     * the next argument unless written {@code --name=value}.
     *
     * @param argv   the arguments after {@code experiment}
     * @param single the experiment named, or null
     * @return the split
     */
    static Split split(String[] argv, Experiment single) {
        Map<String, String> own = new LinkedHashMap<>();
        List<String> common = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                common.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String key = eq < 0 ? a.substring(2) : a.substring(2, eq);
            if (COMMON.contains(key)) {
                common.add(a);
                if (eq < 0 && i + 1 < argv.length) {
                    common.add(argv[++i]);
                }
            } else if (key.equals("set")) {
                String pair = eq >= 0 ? a.substring(eq + 1) : i + 1 < argv.length ? argv[++i] : "";
                int sep = pair.indexOf('=');
                if (sep <= 0) {
                    throw new KisoException("experiment" + (single == null ? "" : " " + single.id())
                            + ": --set expects KEY=VALUE, got '" + pair + "'");
                }
                own.put(pair.substring(0, sep), pair.substring(sep + 1));
            } else {
                ExperimentOption declared = single == null ? null : single.options().stream()
                        .filter(o -> o.name().equals(key)).findFirst().orElse(null);
                if (declared == null || declared.type() == ExperimentOption.Type.FLAG) {
                    own.put(key, eq >= 0 ? a.substring(eq + 1) : "true");
                } else if (eq >= 0) {
                    own.put(key, a.substring(eq + 1));
                } else if (i + 1 < argv.length) {
                    own.put(key, argv[++i]);
                } else {
                    throw new KisoException("experiment " + single.id() + ": option --" + key + " needs a value ("
                            + declared.usage() + ")");
                }
            }
        }
        return new Split(common.toArray(String[]::new), own);
    }

    /**
     * The experiment named by the first argument that is an experiment id (values of the common
     * options skipped; values such as {@code 100,100} are no ids), or null for 'list', 'all' or
     * none: its declarations decide which of the other arguments are its options' values.
     */
    private static Experiment findExperiment(String[] argv) {
        List<Experiment> all = Experiments.all();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("--") && (COMMON.contains(a.substring(2)) || a.equals("--set"))) {
                i++; // skips the value
                continue;
            }
            if (a.equals("list") || a.equals("all")) {
                return null;
            }
            for (Experiment e : all) {
                if (e.id().equals(a)) {
                    return e;
                }
            }
        }
        return null;
    }

    private static void list(PrintStream out) {
        for (Experiment e : Experiments.all()) {
            out.printf("%-28s %s%n", e.id(), e.description());
            for (ExperimentOption o : e.options()) {
                out.printf("    %-24s %s%n", o.usage(), o.help());
            }
        }
    }
}
