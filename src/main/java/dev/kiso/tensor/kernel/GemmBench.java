package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A quick GEMM benchmark (the future {@code kiso bench gemm}): for each shape, transpose
 * combination and thread count it warms up (at least two seconds, until the timing settles), fixes a batch size so that a
 * batch lasts at least 25 ms, times {@code reps} batches and prints the median, one line per case:
 * <pre>bench gemm n=512 op=NN threads=1 kernel=vector gflops=95.2 best=99.0 foreign=0.02</pre>
 * ({@code gflops} is the median, {@code best} the fastest batch: on a shared machine the best batch
 * shows what the code can do, the median what it did).
 * {@code foreign} is the average number of cores that other processes used meanwhile (Linux only);
 * a case is measured up to three times until it is below {@code --max-foreign}.
 * GFLOP/s is {@code 2·m·n·k / seconds} for {@code C = op(A)·op(B)}. Not JMH: much faster to run,
 * and within JMH's spread on this code (see {@code docs/benchmarks.md}).
 *
 * <p>Options: {@code --sizes 64,128,512,conv,fc4320,fc784,convdw,convdw1} (a number is a square
 * size, {@code MxNxK} any shape; the names are the training shapes, {@code convdw} and {@code convdw1} the per-image weight
 * gradients of W2 and W3's first layer, to run with {@code --ops NT}), {@code --ops NN,TN,NT,TT},
 * {@code --threads 1,2},
 * {@code --kernel selected|plain|vector}, {@code --reps 21}, {@code --max-foreign 0.25} (retry
 * threshold in cores).
 */
public final class GemmBench {
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final long BATCH_NANOS = 25_000_000L;
    /** A case is measured again (up to 3 times) when other processes used more cores than this. */
    private static final double MAX_FOREIGN_CORES = 0.25;

    private GemmBench() {
    }

    /**
     * Runs the benchmark with command-line options and prints to standard output.
     *
     * @param args options, see the class comment
     */
    public static void main(String[] args) {
        run(Arrays.asList(args), System.out);
    }

    /**
     * Runs the benchmark.
     *
     * @param args options, see the class comment
     * @param out  where the result lines go
     */
    public static void run(List<String> args, PrintStream out) {
        List<String> sizes = List.of("64", "128", "256", "512", "1024", "conv", "fc4320", "fc784");
        List<String> ops = List.of("NN");
        List<String> threads = List.of("1");
        String kernelName = "selected";
        int reps = 21;
        double maxForeign = MAX_FOREIGN_CORES;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new KisoException("bench gemm: option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--sizes": sizes = List.of(value.split(",")); break;
                case "--ops": ops = List.of(value.split(",")); break;
                case "--threads": threads = List.of(value.split(",")); break;
                case "--kernel": kernelName = value; break;
                case "--reps": reps = Integer.parseInt(value); break;
                case "--max-foreign": maxForeign = Double.parseDouble(value); break;
                default: throw new KisoException("bench gemm: unknown option " + option
                        + " (expected --sizes, --ops, --threads, --kernel, --reps or --max-foreign)");
            }
        }
        GemmKernel kernel = kernel(kernelName);
        String shortName = kernel == GemmKernels.plain() ? "plain" : "vector";
        for (String t : threads) {
            WorkerPool pool = new WorkerPool(Integer.parseInt(t));
            for (String size : sizes) {
                int[] mnk = shape(size);
                for (String op : ops) {
                    double[] gflops = null;
                    double foreign = 0;
                    for (int attempt = 0; attempt < 3; attempt++) {
                        CpuLoad load = CpuLoad.start();
                        gflops = measure(kernel, pool, op, mnk[0], mnk[1], mnk[2], reps);
                        foreign = load.foreignCores();
                        if (foreign <= maxForeign) {
                            break;
                        }
                    }
                    String label = size.matches("\\d+") ? "n=" + size : "shape=" + size;
                    out.printf("bench gemm %s op=%s threads=%s kernel=%s gflops=%.1f best=%.1f foreign=%.2f%n",
                            label, op, t, shortName, gflops[0], gflops[1], foreign);
                }
            }
        }
    }

    private static GemmKernel kernel(String name) {
        switch (name) {
            case "selected": return GemmKernels.selected();
            case "plain": return GemmKernels.plain();
            case "vector": return GemmKernels.vector();
            default: throw new KisoException("bench gemm: --kernel must be selected, plain or vector, not " + name);
        }
    }

    /** {m, n, k} for a size name: a square size, or one of the training shapes. */
    static int[] shape(String size) {
        switch (size) {
            case "conv": return new int[] {57600, 30, 25};     // (57600x25)·(25x30): im2col
            case "fc4320": return new int[] {100, 100, 4320};  // (100x4320)·(4320x100)
            case "fc784": return new int[] {100, 100, 784};    // (100x784)·(784x100)
            case "convdw": return new int[] {25, 30, 576};     // W2's dWᵀ = cols·doutᵀ per image (op NT)
            case "convdw1": return new int[] {9, 16, 784};     // the same for W3's first layer (op NT)
            default:
                String[] parts = size.split("x", -1);   // n, or MxNxK
                if (parts.length != 1 && parts.length != 3) {
                    throw new KisoException("bench gemm: a size is n, MxNxK (like 16x145x784) or a name"
                            + " (conv, fc4320, fc784, convdw, convdw1), not '" + size + "'");
                }
                int[] dims = new int[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        dims[i] = Integer.parseInt(parts[i].trim());
                    } catch (NumberFormatException e) {
                        dims[i] = 0;
                    }
                    if (dims[i] < 1) {
                        throw new KisoException("bench gemm: sizes must be positive integers, got '" + parts[i]
                                + "' in '" + size + "'");
                    }
                }
                return dims.length == 3 ? dims : new int[] {dims[0], dims[0], dims[0]};
        }
    }

    /** {median, best} GFLOP/s of {@code reps} timed batches, after warm-up. */
    static double[] measure(GemmKernel kernel, WorkerPool pool, String op, int m, int n, int k, int reps) {
        boolean transA = op.charAt(0) == 'T';
        boolean transB = op.charAt(1) == 'T';
        Random rng = new Random(1);
        float[] a = randomArray(rng, m * k);
        float[] b = randomArray(rng, k * n);
        float[] c = new float[m * n];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Runnable call = () -> Gemm.multiply(kernel, pool, transA, transB, m, n, k,
                a, 0, lda, b, 0, ldb, c, 0, n, false);
        int batch = warmUp(call);
        double[] gflops = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                call.run();
            }
            long elapsed = System.nanoTime() - t0;
            gflops[r] = 2.0 * m * n * k * batch / elapsed;
        }
        Arrays.sort(gflops);
        return new double[] {gflops[reps / 2], gflops[reps - 1]};
    }

    /**
     * Runs {@code call} in rounds of about 100 ms until at least {@link #WARMUP_NANOS} have passed
     * and the last three rounds ran within 5% of each other (the JIT has settled), at most 15 s;
     * returns the number of calls that makes a batch of about {@link #BATCH_NANOS}.
     */
    private static int warmUp(Runnable call) {
        long start = System.nanoTime();
        double[] last = new double[3];
        int round = 0;
        int callsPerRound = 1;
        while (true) {
            long t0 = System.nanoTime();
            for (int i = 0; i < callsPerRound; i++) {
                call.run();
            }
            long elapsed = Math.max(1, System.nanoTime() - t0);
            double nanosPerCall = (double) elapsed / callsPerRound;
            last[round++ % 3] = nanosPerCall;
            callsPerRound = (int) Math.max(1, Math.min(1 << 20, 100_000_000L / nanosPerCall));
            long total = System.nanoTime() - start;
            double lo = Math.min(last[0], Math.min(last[1], last[2]));
            double hi = Math.max(last[0], Math.max(last[1], last[2]));
            boolean settled = round >= 3 && hi <= 1.05 * lo;
            if ((total >= WARMUP_NANOS && settled) || total >= 15 * WARMUP_NANOS) {
                return (int) Math.max(1, BATCH_NANOS / lo);
            }
        }
    }

    private static float[] randomArray(Random rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextFloat() - 0.5f;
        }
        return x;
    }
}
