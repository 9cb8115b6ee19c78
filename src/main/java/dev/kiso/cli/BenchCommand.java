package dev.kiso.cli;

import dev.kiso.KisoException;
import dev.kiso.bench.NeighbourProbe;
import dev.kiso.bench.Scaling;
import dev.kiso.bench.Workload;
import dev.kiso.bench.WorkloadBench;
import dev.kiso.tensor.kernel.GemmBench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./kiso bench}: times the benchmark workloads (W1, W2, W3 of {@code WORKLOADS.md}) and the
 * GEMM kernel, one result line per workload and thread count. Each workload and thread count runs
 * in its own JVM started with {@code -Dkiso.threads=N}, since the worker pool's size is fixed per JVM.
 */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time the W1/W2/W3 workloads and GEMM (steps/s, epoch s, images/s, GFLOP/s)";
    }

    @Override
    public String help() {
        return """
                usage: ./kiso bench [W1|W2|W3|gemm|all] [--threads N[,M...]] [--steps N] [--runs N]
                                    [--no-epoch] [--max-foreign CORES]
                       ./kiso bench W1|W2|W3 --layers [--threads N[,M...]] [--steps N]
                       ./kiso bench probe

                Trains the workload on Fashion-MNIST (batch 100, Adam 1e-3, He-normal init, float32) and
                prints, per thread count, one line:
                  bench W2 simplecnn threads=2 train_steps_per_s=.. epoch_s=.. infer_img_per_s=.. first_step_s=..
                train_steps_per_s is the median over --runs runs of --steps steps after 50 warm-up steps;
                epoch_s times one pass of 600 steps; infer_img_per_s is evaluation mode, batches of 1000,
                over the 10,000 test images. Data loading is excluded. first_step_s is JVM start to the end
                of the first step without the data loading (the GEMM kernel warms up on a background thread
                meanwhile), first_step_wall_s the same with it. With one thread and more among the
                thread counts, a last line per workload gives the speed-up over one thread:
                  bench W2 simplecnn scaling threads=2/1 train=1.83x infer=1.90x
                'gemm' prints GFLOP/s of
                C = A·B at n = 512 and 1024 and on the training shapes. Run timings one at a time:
                on a shared machine wrap the command in 'flock /tmp/cpu-bench.lock'.
                --layers times each layer's forward and backward instead, in the order the training
                step runs them (milliseconds per step, mean of --steps steps after the warm-up).
                'probe' prints how much the machine slows two threads that write next to each other
                right now (neighbour_penalty: about 1 when calm, 1.5-2 in a slow phase), to label a
                sitting's figures; it uses all cores (or -Dkiso.threads) and takes a few seconds.

                options:
                  --threads LIST     thread counts, comma-separated (default 1 and the number of cores)
                  --steps N          steps per timed run (default 200)
                  --runs N           timed runs, the median is reported (default 5)
                  --no-epoch         skip the timed epoch
                  --layers           a table of each layer's time instead of the result line
                  --max-foreign C    retry a run when other processes used more than C cores (default 0.25)""";
    }

    @Override
    public int run(String[] argv, PrintStream out) throws IOException, InterruptedException {
        Args args = Args.parse(name(), argv, Set.of("threads", "steps", "runs", "max-foreign"), Set.of("no-epoch", "layers"));
        List<String> pos = args.positional();
        if (pos.size() > 1) {
            throw new KisoException("bench: expected one of W1, W2, W3, gemm, probe or all, got " + String.join(" ", pos));
        }
        String what = pos.isEmpty() ? "all" : pos.get(0);
        List<Integer> threads = threads(args.get("threads", defaultThreads()));
        int steps = args.getInt("steps", 200, 1, 1_000_000);
        int runs = args.getInt("runs", 5, 1, 1000);
        double maxForeign = args.getDouble("max-foreign", 0.25);
        boolean epoch = !args.has("no-epoch");
        if (what.equalsIgnoreCase("probe")) {
            out.println(NeighbourProbe.run(5, 100).line());
            return 0;
        }
        if (args.has("layers")) {
            if (what.equalsIgnoreCase("gemm") || what.equalsIgnoreCase("all")) {
                throw new KisoException("bench --layers: name one workload (W1, W2 or W3), not " + what);
            }
            Workload workload = Workload.of(what);
            for (int t : threads) {
                WorkloadBench.layersInChildJvm(workload, t, steps, out);
            }
            return 0;
        }
        if (what.equalsIgnoreCase("gemm") || what.equalsIgnoreCase("all")) {
            GemmBench.run(List.of("--sizes", "512,1024,conv,fc4320,fc784", "--threads", join(threads),
                    "--max-foreign", Double.toString(maxForeign)), out);
        }
        List<Workload> workloads = what.equalsIgnoreCase("all") ? List.of(Workload.values())
                : what.equalsIgnoreCase("gemm") ? List.of() : List.of(Workload.of(what));
        for (Workload w : workloads) {
            List<String> results = new ArrayList<>();
            for (int t : threads) {
                results.addAll(WorkloadBench.runInChildJvm(w, t, steps, runs, epoch, maxForeign, out));
            }
            Scaling.lines(results).forEach(out::println);
        }
        return 0;
    }

    private static String defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cores == 1 ? "1" : "1," + cores;
    }

    private static List<Integer> threads(String list) {
        List<Integer> result = new ArrayList<>();
        for (String item : list.split(",")) {
            try {
                int t = Integer.parseInt(item.trim());
                if (t < 1) {
                    throw new NumberFormatException();
                }
                result.add(t);
            } catch (NumberFormatException e) {
                throw new KisoException("bench: --threads expects positive whole numbers separated by commas, got '"
                        + list + "'");
            }
        }
        return result;
    }

    private static String join(List<Integer> threads) {
        StringBuilder s = new StringBuilder();
        for (int t : threads) {
            s.append(s.length() == 0 ? "" : ",").append(t);
        }
        return s.toString();
    }
}
