// A probe for the two-thread slowdown found in session 7: two threads that write within about
// 256 KB of each other at the same time slow each other down, in some phases of the host (see
// docs/benchmarks.md, "Session 7"). Each "call" runs 100 tasks on Kiso's pool; a task is W2's
// convolution GEMM, C [30, 576] = A [30, 25] · B [25, 576], with B its thread's own buffer. Where
// C goes is what the cases vary:
//
//   gap=G       each thread's own C, the threads' C's G floats apart in one array
//   shared-neighbours C = one image of a shared output array, the threads writing neighbouring
//                     images at the same time (what Conv2D did before session 7)
//   shared-blocks     C = image `task` of it: Parallel.forTasks gives each thread its own block
//                     of tasks, so the threads write a block apart (what Conv2D does since session 11)
//
// Run it from the repository after `mvn package` (JDK 17 or later runs a single source file):
//   java --add-modules jdk.incubator.vector -Dkiso.threads=2 -cp target/kiso.jar tools/bench/ScratchLayout.java
// and with -Dkiso.threads=1 for the one-thread figure. Prints the best of two timings per case,
// in milliseconds per call. In a calm phase of the host every case runs about as fast; in a slow
// phase the small gaps and the neighbouring images lose up to 2x.

import dev.kiso.bench.NeighbourProbe;
import dev.kiso.tensor.GemmWarmup;
import dev.kiso.tensor.kernel.Gemm;
import dev.kiso.tensor.kernel.Parallel;

import java.util.Locale;
import java.util.Random;

public class ScratchLayout {
    static final int TASKS = 100, M = 30, K = 25, N = 576, CALLS = 200;

    interface Target {
        void gemm(int slot, int task, float[] a, float[] b);
    }

    public static void main(String[] args) throws Exception {
        GemmWarmup.start().join();
        int threads = Parallel.threads();
        Random rng = new Random(1);
        float[] a = random(rng, M * K);
        float[][] b = new float[threads][];
        for (int s = 0; s < threads; s++) {
            b[s] = random(rng, K * N);
        }
        float[] shared = new float[TASKS * M * N];
        int[] neighbours = NeighbourProbe.neighbours(TASKS, threads);
        for (int round = 0; round < 2; round++) {
            for (int gap : new int[] {0, 1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18}) {
                int stride = M * N + gap;
                float[] own = new float[threads * stride];
                time("gap=" + gap, threads, a, b, (slot, task, aa, bb) ->
                        Gemm.gemm(false, false, M, N, K, aa, 0, K, bb, 0, N, own, slot * stride, N, false));
            }
            time("shared-neighbours", threads, a, b, (slot, task, aa, bb) ->
                    Gemm.gemm(false, false, M, N, K, aa, 0, K, bb, 0, N, shared, neighbours[task] * M * N, N, false));
            time("shared-blocks", threads, a, b, (slot, task, aa, bb) ->
                    Gemm.gemm(false, false, M, N, K, aa, 0, K, bb, 0, N, shared, task * M * N, N, false));
        }
    }

    static float[] random(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextFloat();
        }
        return v;
    }

    static void time(String name, int threads, float[] a, float[][] b, Target target) {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < 4; rep++) {
            long start = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                Parallel.forTasks(TASKS, (slot, task) -> target.gemm(slot, task, a, b[slot]));
            }
            if (rep >= 2) {
                best = Math.min(best, (System.nanoTime() - start) * 1e-6 / CALLS);
            }
        }
        System.out.println(String.format(Locale.ROOT, "%-16s threads=%d %.3f ms per call", name, threads, best));
    }
}
