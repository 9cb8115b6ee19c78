// A probe for the two-thread scaling of small per-image GEMMs (session 7), kept so that the finding
// can be reproduced and the cause looked for. Each "call" runs 100 tasks on Kiso's pool; a task is
// W2's convolution GEMM, C [30, 576] = A [30, 25] · B [25, 576], on its thread's own B and C
// buffers (scratch[slot]), exactly as Conv2D's tasks do. Only the heap layout of the per-thread
// buffers differs between the two cases:
//
//   grouped:     B0 B1 C0 C1      (all B buffers, then all C buffers: how Conv2D.scratch allocates)
//   per-thread:  B0 C0 | B1 C1    (each thread's buffers next to each other, with tiny arrays between)
//
// Run it from the repository after `mvn package` (JDK 17 or later runs a single source file):
//   java --add-modules jdk.incubator.vector -Dkiso.threads=2 -cp target/kiso.jar tools/bench/ScratchLayout.java
// and with -Dkiso.threads=1 for the one-thread figure. Prints microseconds per task per thread.

import dev.kiso.tensor.GemmWarmup;
import dev.kiso.tensor.kernel.Gemm;
import dev.kiso.tensor.kernel.Parallel;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

public class ScratchLayout {
    static final int TASKS = 100, M = 30, K = 25, N = 576, CALLS = 300;

    public static void main(String[] args) throws Exception {
        GemmWarmup.start().join();
        int threads = Parallel.threads();
        float[] a = new float[M * K];
        Random rng = new Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat();
        }
        for (int round = 0; round < 3; round++) {
            // grouped: B0 B1 ... then C0 C1 ...
            float[][] bGrouped = new float[threads][K * N];
            float[][] cGrouped = new float[threads][M * N];
            // per-thread: B0 C0, then B1 C1, ... (the small arrays keep them from touching)
            float[][] bOwn = new float[threads][];
            float[][] cOwn = new float[threads][];
            Object[] spacers = new Object[3 * threads];
            for (int s = 0; s < threads; s++) {
                spacers[3 * s] = new float[0];
                bOwn[s] = new float[K * N];
                spacers[3 * s + 1] = new float[0];
                cOwn[s] = new float[M * N];
                spacers[3 * s + 2] = new float[0];
            }
            for (float[][] bs : new float[][][] {bGrouped, bOwn}) {
                for (float[] b : bs) {
                    for (int i = 0; i < b.length; i++) {
                        b[i] = rng.nextFloat();
                    }
                }
            }
            report("grouped   ", a, bGrouped, cGrouped, threads);
            report("per-thread", a, bOwn, cOwn, threads);
        }
    }

    static void report(String name, float[] a, float[][] b, float[][] c, int threads) {
        long[] nanos = new long[16 * threads];
        long[] tasks = new long[16 * threads];
        for (int warm = 0; warm < 2; warm++) {
            Arrays.fill(nanos, 0);
            Arrays.fill(tasks, 0);
            long start = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                Parallel.forTasks(TASKS, (slot, task) -> {
                    long t0 = System.nanoTime();
                    Gemm.gemm(false, false, M, N, K, a, 0, K, b[slot], 0, N, c[slot], 0, N, false);
                    nanos[16 * slot] += System.nanoTime() - t0;
                    tasks[16 * slot]++;
                });
            }
            if (warm == 1) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s threads=%d %.3f ms per call;",
                        name, threads, (System.nanoTime() - start) * 1e-6 / CALLS));
                for (int s = 0; s < threads; s++) {
                    line.append(String.format(Locale.ROOT, " thread %d: %d tasks at %.2f us", s, tasks[16 * s],
                            nanos[16 * s] * 1e-3 / Math.max(1, tasks[16 * s])));
                }
                System.out.println(line);
            }
        }
    }
}
