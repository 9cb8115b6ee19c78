package dev.kiso.bench;

import dev.kiso.KisoException;
import dev.kiso.tensor.kernel.Gemm;
import dev.kiso.tensor.kernel.Parallel;

import java.util.Locale;
import java.util.Random;

/**
 * How much this machine, right now, punishes two threads for writing next to each other: the same
 * batch of small GEMMs (W2's convolution, {@code C [30, 576] = A [30, 25] · B [25, 576]}, 100
 * per call), each writing its own image of one shared output, timed with the images taken in
 * order (two threads then write neighbouring images) and spread over the batch
 * ({@link Parallel#spread}). The ratio of the two is the <em>neighbour penalty</em>: about 1 on a
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
        time(a, b, out, false, calls);   // warm-up
        time(a, b, out, true, calls);
        double[] inOrder = new double[rounds];
        double[] spread = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            inOrder[r] = time(a, b, out, false, calls);
            spread[r] = time(a, b, out, true, calls);
        }
        return new Result(Parallel.threads(), WorkloadBench.median(inOrder), WorkloadBench.median(spread));
    }

    /** Milliseconds per call of {@code calls} calls of the 100 GEMMs. */
    private static double time(float[] a, float[][] b, float[] out, boolean spread, int calls) {
        long start = System.nanoTime();
        for (int call = 0; call < calls; call++) {
            Parallel.forTasks(TASKS, (slot, task) -> {
                int image = spread ? Parallel.spread(task, TASKS) : task;
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
