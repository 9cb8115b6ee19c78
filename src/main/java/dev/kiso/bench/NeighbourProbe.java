package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.tensor.kernel.Gemm;
import dev.kiso.tensor.kernel.Parallel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * How much this machine, right now, punishes two threads for writing next to each other: the same
 * batch of small GEMMs (W2's convolution, {@code C [30, 576] = A [30, 25] · B [25, 576]}, 100
 * per call), each writing its own image of one shared output, timed with the threads taking
 * neighbouring images at the same time ("in order": image 0 and 1, then 2 and 3, ...) and with each
 * thread taking its own share of the batch, as {@link Parallel#forTasks} hands tasks out ("spread").
 * The ratio of the two is the <em>neighbour penalty</em>: about 1 on a
 * calm host, 1.5–2 in the slow phases seen on the benchmark machine (docs/benchmarks.md,
 * session 7). Printed by {@code ./kiso bench probe} so that a sitting can say which phase its
 * figures come from.
 */
public final class NeighbourProbe {
    private static final int TASKS = 100;
    private static final int M = 30;
    private static final int K = 25;
    private static final int N = 576;

    private NeighbourProbe() {
    }

    /**
     * The probe's figures.
     *
     * @param threads   the pool's thread count
     * @param inOrderMs milliseconds per call with neighbouring images at the same time
     * @param spreadMs  milliseconds per call with the images spread
     */
    public record Result(int threads, double inOrderMs, double spreadMs) {
        /** @return in-order time over spread time */
        public double penalty() {
            return inOrderMs / spreadMs;
        }

        /** @return {@code bench probe threads=2 neighbour_penalty=1.71 in_order_ms=1.110 spread_ms=0.650} */
        public String line() {
            return String.format(Locale.ROOT, "bench probe threads=%d neighbour_penalty=%.2f in_order_ms=%.3f spread_ms=%.3f",
                    threads, penalty(), inOrderMs, spreadMs);
        }
    }

    /**
     * Runs the probe on Kiso's pool: {@code rounds} alternating pairs of timings, each of
     * {@code calls} calls, and reports the median of each case.
     *
     * @param rounds timing pairs (at least 1)
     * @param calls  calls per timing (at least 1)
     * @return the figures
     * @throws KisoException if the pool has a single thread (there is no neighbour)
     */
    public static Result run(int rounds, int calls) {
        if (Parallel.threads() < 2) {
            throw new KisoException("bench probe: needs at least 2 threads, the pool has " + Parallel.threads());
        }
        if (rounds < 1 || calls < 1) {
            throw new KisoException("bench probe: rounds and calls must be at least 1, got " + rounds + " and " + calls);
        }
        Random rng = new Random(1);
        float[] a = random(rng, M * K);
        float[][] b = new float[Parallel.threads()][];
        for (int s = 0; s < b.length; s++) {
            b[s] = random(rng, K * N);
        }
        float[] out = new float[TASKS * M * N];
        int[] neighbours = neighbours(TASKS, Parallel.threads());
        int[] shares = new int[TASKS];
        Arrays.setAll(shares, task -> task);
        time(a, b, out, neighbours, calls);   // warm-up
        time(a, b, out, shares, calls);
        double[] inOrder = new double[rounds];
        double[] spread = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            inOrder[r] = time(a, b, out, neighbours, calls);
            spread[r] = time(a, b, out, shares, calls);
        }
        return new Result(Parallel.threads(), WorkloadBench.median(inOrder), WorkloadBench.median(spread));
    }

    /**
     * The image each task writes so that the threads write neighbouring images at the same time:
     * {@link Parallel#forTasks} runs the tasks of each of its {@code min(threads, tasks)} blocks
     * in order, one block per thread, so the {@code p}-th tasks of the blocks get consecutive
     * images. For 100 tasks and two threads: tasks 0, 1, 2, ... write images 0, 2, 4, ...; tasks
     * 50, 51, ... images 1, 3, ....
     *
     * @param tasks   the number of tasks
     * @param threads the pool's thread count
     * @return a permutation of {@code [0, tasks)}: task {@code t} writes image {@code result[t]}
     */
    public static int[] neighbours(int tasks, int threads) {
        int blocks = Math.max(1, Math.min(threads, tasks));
        int[] images = new int[tasks];
        int next = 0;
        for (int position = 0; next < tasks; position++) {
            for (int block = 0; block < blocks; block++) {
                int task = (int) ((long) block * tasks / blocks) + position;
                if (task < (int) ((long) (block + 1) * tasks / blocks)) {
                    images[task] = next++;
                }
            }
        }
        return images;
    }

    /** Milliseconds per call of {@code calls} calls of the 100 GEMMs, task t writing image {@code images[t]}. */
    private static double time(float[] a, float[][] b, float[] out, int[] images, int calls) {
        long start = System.nanoTime();
        for (int call = 0; call < calls; call++) {
            Parallel.forTasks(TASKS, (slot, task) -> {
                int image = images[task];
                Gemm.gemm(false, false, M, N, K, a, 0, K, b[slot], 0, N, out, image * M * N, N, false);
            });
        }
        return (System.nanoTime() - start) * 1e-6 / calls;
    }

    private static float[] random(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextFloat();
        }
        return v;
    }
}
