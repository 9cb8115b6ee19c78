package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.data.Dataset;
import dev.kiso.data.FashionMnist;
import dev.kiso.data.TrainTest;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Adam;
import dev.kiso.tensor.GemmWarmup;
import dev.kiso.tensor.Tensor;
import dev.kiso.tensor.kernel.CpuLoad;
import dev.kiso.tensor.kernel.Parallel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times one workload of {@code WORKLOADS.md} in this JVM, on Kiso's shared worker pool (whose size
 * is fixed for the life of a JVM by {@code -Dkiso.threads=N}; {@link #runInChildJvm} starts one JVM
 * per thread count). What it measures, exactly as the PyTorch script does:
 *
 * <ul>
 *   <li>{@code train_steps_per_s}: forward, loss, backward and Adam update of one batch of 100; after
 *       {@value #WARMUP_STEPS} warm-up steps (and at least 5 seconds), the median over {@code runs} runs of {@code steps}
 *       steps;</li>
 *   <li>{@code epoch_s}: one timed pass of 600 steps over the 60,000 training images;</li>
 *   <li>{@code infer_img_per_s}: evaluation mode, batches of 1000, over the 10,000 test images, the
 *       median of 3 passes after warm-up passes (at least one, and at least 2 seconds of them:
 *       the evaluation-mode code is not the training step's, and the JIT compiles it only once it
 *       has run a while);</li>
 *   <li>{@code first_step_s}: from the launch of the JVM ({@link LaunchClock}) to the end of the
 *       first training step, without the time spent reading the data files ({@code load_s},
 *       reported beside it); {@code first_step_wall_s} is the same with the data loading counted.
 *       The GEMM kernel is warmed up on a background thread ({@link GemmWarmup}) while the data
 *       loads, as {@code ./kiso train} does too; {@code first_step_s} therefore credits the
 *       warm-up with the loading time, and {@code first_step_wall_s} is the honest end-to-end
 *       figure;</li>
 *   <li>{@code foreign}: cores other processes kept busy during the timed runs (a run is retried up to
 *       twice when that exceeds {@code maxForeign}).</li>
 * </ul>
 *
 * <p>Data loading is excluded: the training set is shuffled in place (the rest of a pass's shuffle
 * is done before each timed run or epoch starts), and every batch is a view of 100 consecutive
 * rows, so a step reads its batch without copying it.
 */
public final class WorkloadBench {
    /** Training batch size. */
    public static final int BATCH = 100;
    /** Evaluation batch size for the inference figure. */
    public static final int EVAL_BATCH = 1000;
    /** Steps run before any timing (at least). */
    public static final int WARMUP_STEPS = 50;
    /** Warm-up lasts at least this long too, so that the JIT has compiled the kernels even for W1's short steps. */
    private static final double WARMUP_SECONDS = 5;
    private static final int INFERENCE_PASSES = 3;
    /**
     * Inference warm-up lasts at least this long. One pass was not enough for W1 (about 16 ms a
     * pass): the passes after it still ran partly uncompiled, 250k–440k images/s against 600k–690k
     * from the tenth pass on.
     */
    private static final double INFERENCE_WARMUP_SECONDS = 2;
    /** The child JVM's first argument for {@link #layers}. */
    private static final String LAYERS = "--layers";

    private final Workload workload;
    private final Sequential model;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private final Adam adam = new Adam(1e-3);
    private final List<Parameter> params;
    private final float[] xs;         // training images, shuffled in place
    private final float[] ts;         // their labels (class indices as floats), shuffled alongside
    private final Tensor[] xBatches;  // views of 100 consecutive rows each
    private final Tensor[] tBatches;
    private final Tensor xTest;
    private final Random rng = new Random(0);
    private final float[] row;        // one example, for the swaps of the shuffle
    private int next;                 // next batch of the current pass
    private int shuffled;             // rows of the current pass already in their shuffled place

    /**
     * Builds the workload's model, optimizer and batches over {@code data}, ready to step (for JMH
     * and profilers; {@link #run} does the whole measurement). The training images are shuffled in
     * place as the steps use them, so {@code data}'s training set is reordered.
     *
     * @param workload the workload
     * @param data     Fashion-MNIST
     * @return the prepared benchmark
     */
    public static WorkloadBench prepare(Workload workload, TrainTest data) {
        return new WorkloadBench(workload, data);
    }

    private WorkloadBench(Workload workload, TrainTest data) {
        this.workload = workload;
        this.model = workload.create();
        this.params = model.parameters();
        Dataset train = data.train();
        Tensor x = exact(train.inputs());
        Tensor t = exact(train.targets());
        this.xs = x.data();
        this.ts = t.data();
        int steps = train.size() / BATCH;
        int[] shape = x.shape();
        int example = x.size() / shape[0];
        this.row = new float[example];
        xBatches = new Tensor[steps];
        tBatches = new Tensor[steps];
        Tensor xAll = Tensor.of(xs, shape[0] * example).reshape(shape);
        Tensor tAll = Tensor.of(ts, ts.length);
        for (int b = 0; b < steps; b++) {
            xBatches[b] = xAll.slice(0, b * BATCH, (b + 1) * BATCH);
            tBatches[b] = tAll.slice(0, b * BATCH, (b + 1) * BATCH);
        }
        this.xTest = data.test().inputs().contiguous();
    }

    /** {@code t} if it fills its array from index 0, else a copy that does. */
    private static Tensor exact(Tensor t) {
        return t.isContiguous() && t.offset() == 0 && t.data().length == t.size() ? t : t.copy();
    }

    /**
     * One line of results, as {@code ./kiso bench} prints it.
     *
     * @param workload        the workload
     * @param threads         Kiso's thread count
     * @param stepsPerSecond  median training steps per second
     * @param epochSeconds    seconds for one epoch of 600 steps (NaN if not measured)
     * @param imagesPerSecond inference images per second
     * @param firstStepSeconds JVM start to the end of the first step, without data loading
     * @param firstStepWallSeconds JVM start to the end of the first step, data loading included
     * @param loadSeconds     time spent reading the data files
     * @param foreign         cores used by other processes during the timed runs
     */
    public record Result(Workload workload, int threads, double stepsPerSecond, double epochSeconds,
                         double imagesPerSecond, double firstStepSeconds, double firstStepWallSeconds,
                         double loadSeconds, double foreign) {
        /** @return {@code bench W2 simplecnn threads=2 train_steps_per_s=... epoch_s=... infer_img_per_s=...} */
        public String line() {
            return String.format(Locale.ROOT,
                    "bench %s %s threads=%d train_steps_per_s=%.1f epoch_s=%.2f infer_img_per_s=%.0f"
                            + " first_step_s=%.2f first_step_wall_s=%.2f load_s=%.2f foreign=%.2f",
                    workload, workload.model(), threads, stepsPerSecond, epochSeconds, imagesPerSecond,
                    firstStepSeconds, firstStepWallSeconds, loadSeconds, foreign);
        }
    }

    /**
     * Runs a workload in this JVM with {@link Parallel#threads()} threads.
     *
     * @param workload   the workload
     * @param steps      steps per timed run (at least 1)
     * @param runs       timed runs (the median is reported)
     * @param epoch      whether to time a full epoch as well
     * @param maxForeign retry a timed run when other processes used more cores than this
     * @return the figures
     */
    public static Result run(Workload workload, int steps, int runs, boolean epoch, double maxForeign) {
        GemmWarmup.start();   // compiles the kernel while the data loads; results do not depend on it
        long loadStart = System.nanoTime();
        TrainTest data = FashionMnist.load();
        double loadSeconds = (System.nanoTime() - loadStart) * 1e-9;
        WorkloadBench bench = prepare(workload, data);
        bench.step();
        double sinceStart = LaunchClock.secondsSinceLaunch();
        double firstStep = sinceStart - loadSeconds;
        bench.warmUp(1);
        List<Double> foreign = new ArrayList<>();
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            rates[r] = steps / bench.timed(steps, maxForeign, foreign);
        }
        double epochSeconds = Double.NaN;
        if (epoch) {
            epochSeconds = bench.timed(bench.xBatches.length, maxForeign, foreign);
        }
        double[] ips = new double[INFERENCE_PASSES];
        double warm = 0;
        do {
            warm += bench.inferencePass();
        } while (warm < INFERENCE_WARMUP_SECONDS);
        for (int p = 0; p < INFERENCE_PASSES; p++) {
            CpuLoad load = CpuLoad.start();
            ips[p] = bench.xTest.shape(0) / bench.inferencePass();
            foreign.add(load.foreignCores());
        }
        double meanForeign = foreign.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return new Result(workload, Parallel.threads(), median(rates), epochSeconds, median(ips),
                firstStep, sinceStart, loadSeconds, meanForeign);
    }

    /**
     * Times {@code steps} training steps (a fresh shuffle first if the pass would run out of
     * batches), retrying up to twice while other processes use more than {@code maxForeign} cores.
     */
    private double timed(int steps, double maxForeign, List<Double> foreign) {
        double seconds = 0;
        double used = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (next + steps > xBatches.length) {
                newPass();
            }
            shuffleUpTo(ts.length);   // the rest of the pass's shuffle, before the clock starts
            CpuLoad load = CpuLoad.start();
            long t0 = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                step();
            }
            seconds = (System.nanoTime() - t0) * 1e-9;
            used = load.foreignCores();
            if (used <= maxForeign) {
                break;
            }
        }
        foreign.add(used);
        return seconds;
    }

    /**
     * Steps until {@value #WARMUP_STEPS} steps and {@value #WARMUP_SECONDS} seconds have passed,
     * counting {@code done} steps already taken.
     */
    private void warmUp(int done) {
        long start = System.nanoTime();
        for (int i = done; i < WARMUP_STEPS || System.nanoTime() - start < WARMUP_SECONDS * 1e9; i++) {
            step();
        }
    }

    /** One training step on the next batch: forward, loss, backward, Adam update. */
    public void step() {
        int b = nextBatch();
        Tensor y = model.forward(xBatches[b], true);
        loss.forward(y, tBatches[b]);
        model.backwardParameters(loss.backward());
        adam.step(params);
    }

    /**
     * {@link #step()} with a clock around each layer's call, added to {@code times}.
     *
     * @param times where the times go (made for this bench's {@link #model()})
     */
    public void step(LayerTimes times) {
        int b = nextBatch();
        times.step(xBatches[b], tBatches[b], loss, adam, params);
    }

    /** @return the model being trained */
    public Sequential model() {
        return model;
    }

    /** The number of the next batch, shuffled into place (a new pass when the last one is used up). */
    private int nextBatch() {
        if (next >= xBatches.length) {
            newPass();
        }
        shuffleUpTo((next + 1) * BATCH);
        return next++;
    }

    /**
     * Times each layer of a workload's training step in this JVM: the same warm-up as {@link #run},
     * then {@code steps} timed steps.
     *
     * @param workload the workload
     * @param steps    timed steps (at least 1)
     * @return the table of milliseconds per step ({@link LayerTimes#table})
     */
    public static List<String> layers(Workload workload, int steps) {
        GemmWarmup.start();
        WorkloadBench bench = prepare(workload, FashionMnist.load());
        bench.warmUp(0);
        LayerTimes times = new LayerTimes(bench.model);
        for (int s = 0; s < steps; s++) {
            bench.step(times);
        }
        return times.table(String.format(Locale.ROOT,
                "layers %s %s threads=%d: milliseconds per step, mean of %d steps after the warm-up,"
                        + " in the order the step runs them", workload, workload.model(), Parallel.threads(), steps));
    }

    /**
     * One evaluation-mode pass over the test set in batches of 1000.
     *
     * @return its duration in seconds
     */
    public double inferencePass() {
        long t0 = System.nanoTime();
        int n = xTest.shape(0);
        for (int from = 0; from < n; from += EVAL_BATCH) {
            model.forward(xTest.slice(0, from, Math.min(n, from + EVAL_BATCH)), false);
        }
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** Starts a new pass over the training set: back to the first batch, nothing shuffled yet. */
    private void newPass() {
        next = 0;
        shuffled = 0;
    }

    /**
     * Shuffles the training set in place, as far as row {@code rows}: the swaps of a Fisher–Yates
     * shuffle that runs forwards (row {@code i} swapped with a random row {@code j >= i}). Rows
     * before {@code i} are final once row {@code i} is done, so a pass can shuffle just the rows of
     * the batch it is about to use: the first step does not wait for the whole shuffle, and each
     * pass is still a uniformly random permutation. Timed runs finish the shuffle before the clock
     * starts, as the PyTorch script does.
     */
    private void shuffleUpTo(int rows) {
        int n = ts.length;
        int example = row.length;
        for (int i = shuffled; i < Math.min(rows, n - 1); i++) {
            int j = i + rng.nextInt(n - i);
            System.arraycopy(xs, i * example, row, 0, example);
            System.arraycopy(xs, j * example, xs, i * example, example);
            System.arraycopy(row, 0, xs, j * example, example);
            float label = ts[i];
            ts[i] = ts[j];
            ts[j] = label;
        }
        shuffled = Math.max(shuffled, rows);
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Runs a workload in a new JVM started with {@code -Dkiso.threads=threads} (and the Vector API
     * module when this JVM has it) and copies its result line to {@code out}.
     *
     * @param workload   the workload
     * @param threads    the child's thread count
     * @param steps      steps per timed run
     * @param runs       timed runs
     * @param epoch      whether to time a full epoch
     * @param maxForeign retry threshold, in cores
     * @param out        where the child's output goes
     * @return the lines the child printed (its result line), as copied to {@code out}
     * @throws IOException          if the child cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     * @throws KisoException        if the child fails
     */
    public static List<String> runInChildJvm(Workload workload, int threads, int steps, int runs, boolean epoch,
                                             double maxForeign, PrintStream out) throws IOException, InterruptedException {
        return child(workload, threads, List.of(workload.name(), Integer.toString(steps), Integer.toString(runs),
                Boolean.toString(epoch), Double.toString(maxForeign)), out);
    }

    /**
     * Runs {@link #layers} in a new JVM with {@code -Dkiso.threads=threads} and copies its table to
     * {@code out}.
     *
     * @param workload the workload
     * @param threads  the child's thread count
     * @param steps    timed steps
     * @param out      where the child's output goes
     * @throws IOException          if the child cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     * @throws KisoException        if the child fails
     */
    public static void layersInChildJvm(Workload workload, int threads, int steps, PrintStream out)
            throws IOException, InterruptedException {
        child(workload, threads, List.of(LAYERS, workload.name(), Integer.toString(steps)), out);
    }

    /** Starts this class's {@link #main} in a JVM with {@code threads} threads, copies its output and returns it. */
    private static List<String> child(Workload workload, int threads, List<String> arguments, PrintStream out)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules");
            command.add("jdk.incubator.vector");
        }
        // the parent's -X options (heap, huge pages...), so that the child runs as the parent does
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-X")) {
                command.add(option);
            }
        }
        command.add("-Dkiso.threads=" + threads);
        command.add("-D" + LaunchClock.PROPERTY + "=" + LaunchClock.now());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WorkloadBench.class.getName());
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> printed = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
                printed.add(line);
            }
        }
        int status = child.waitFor();
        if (status != 0) {
            throw new KisoException("bench " + workload + ": the benchmark JVM with " + threads
                    + " threads exited with status " + status);
        }
        return printed;
    }

    /**
     * The child JVM's entry point: {@code WORKLOAD STEPS RUNS EPOCH MAX_FOREIGN} prints one result
     * line, {@code --layers WORKLOAD STEPS} the table of {@link #layers}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (args.length == 3 && args[0].equals(LAYERS)) {
            layers(Workload.of(args[1]), Integer.parseInt(args[2])).forEach(System.out::println);
            return;
        }
        if (args.length != 5) {
            throw new KisoException("WorkloadBench: expected WORKLOAD STEPS RUNS EPOCH MAX_FOREIGN, got "
                    + Arrays.toString(args));
        }
        Result result = run(Workload.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Boolean.parseBoolean(args[3]), Double.parseDouble(args[4]));
        System.out.println(result.line());
    }
}
