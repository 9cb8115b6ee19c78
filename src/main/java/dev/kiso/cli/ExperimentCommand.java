package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.experiments.Experiment;
import dev.kiso.experiments.ExperimentContext;
import dev.kiso.experiments.ExperimentResult;
import dev.kiso.experiments.Experiments;
import dev.kiso.experiments.Profile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code ./kiso experiment}: runs the course's experiments and writes their charts and data. */
final class ExperimentCommand implements Command {
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
                       ./kiso experiment <id> [--seed N] [--profile quick|full] [--out DIR]
                       ./kiso experiment all [--profile quick|full] [--seed N] [--out DIR]

                Runs one experiment of the course (or all of them), writes <id>.png and <id>.csv into
                the output folder and prints one line saying what the chart shows.

                options:
                  --profile P   quick (seconds, reduced budget) or full (the original's budget; default)
                  --seed N      the run's seed (default 1)
                  --out DIR     output folder (default runs/experiments)""";
    }

    @Override
    public int run(String[] argv, PrintStream out) throws IOException {
        Args args = Args.parse(name(), argv, Set.of("seed", "profile", "out"), Set.of());
        List<String> pos = args.positional();
        if (pos.size() != 1) {
            throw new KisoException("experiment: expected one of 'list', 'all' or an experiment id, got "
                    + (pos.isEmpty() ? "nothing" : String.join(" ", pos)));
        }
        if (pos.get(0).equals("list")) {
            for (Experiment e : Experiments.all()) {
                out.printf("%-28s %s%n", e.id(), e.description());
            }
            return 0;
        }
        Profile profile = Profile.parse(args.get("profile", "full"));
        Path outDir = Path.of(args.get("out", "runs/experiments"));
        Files.createDirectories(outDir);
        ExperimentContext context = new ExperimentContext(args.getLong("seed", 1), profile, outDir, System.err);
        List<Experiment> chosen = pos.get(0).equals("all") ? Experiments.all() : List.of(Experiments.find(pos.get(0)));
        for (Experiment e : chosen) {
            long start = System.nanoTime();
            ExperimentResult result = e.run(context);
            out.printf("%s: %s  [%.1f s, %s]%n", result.id(), result.summary(),
                    (System.nanoTime() - start) / 1e9, outDir.resolve(result.id() + ".png"));
        }
        return 0;
    }
}
