package dev.kiso.tensor;

import dev.kiso.tensor.kernel.Gemm;
import dev.kiso.tensor.kernel.PackedA;

/**
 * Warms up the GEMM kernel on a background thread, so that a program's first training step does
 * not run it cold.
 *
 * <p>Why: the Vector API kernel is fast only once the JIT's optimizing compiler (C2) has compiled
 * it; until then every vector operation is an object, and a GEMM runs about a thousand times
 * slower (the first W3 training step took 1.3–2.9 s after JVM start). C2 compiles a method after
 * it has run often enough, whoever runs it. {@link #start()} runs small products of every
 * transpose combination on scratch arrays on a daemon thread, while the caller goes on (typically
 * reading its data files), and stops as soon as the products run at compiled speed.
 *
 * <p>Results never depend on it: the warm-up multiplies only its own arrays, with products small
 * enough that {@link Gemm#gemm} runs them on the calling thread (it never takes Kiso's worker
 * pool away from the caller), and compiled and interpreted code compute the same bits (the
 * kernel's fused multiply-adds are exactly rounded either way). It only changes how soon the
 * kernel is fast.
 */
public final class GemmWarmup {
    /** Give up after this long even if the products never got fast (a very loaded machine). */
    private static final long MAX_NANOS = 5_000_000_000L;
    /** A round of products faster than this ran compiled code (cold: milliseconds). */
    private static final long FAST_ROUND_NANOS = 300_000L;
    /** Stop after this many fast rounds in a row. */
    private static final int FAST_ROUNDS = 50;
    /**
     * {m, n, k} of an A·Bᵀ product that takes the dot-product kernel (C at most 32 rows, K at least
     * 512: a convolution's weight gradient), with edge tiles both ways; run every round, overwriting
     * and accumulating. Without it that kernel ran cold in the first step (W2's Conv2D backward took
     * about 0.3 s in step 0 instead of 12–15 ms). Only this one transpose combination: the packed
     * kernel's products with k = 512 made the JIT recompile its packing loops during the warm-up.
     */
    private static final int[] DOT = {6, 5, 512};
    /**
     * A round is fast only if the {@link #DOT} products also took less than this. They are small:
     * in C1's code, which makes an object of every vector, they take about a hundred microseconds,
     * so the whole round stayed under {@link #FAST_ROUND_NANOS} and the warm-up ended before C2 had
     * compiled the kernel. Compiled, they take a few microseconds.
     */
    private static final long FAST_DOT_NANOS = 20_000L;
    /**
     * {m, n, k} run every round: cheap products whose many calls reach the JIT's thresholds soon
     * (cold, a product costs about a millisecond per few thousand multiply-adds). Between them they
     * take the kernel's tiles full and at the edges: 12 = 8 + 4 rows; 48 = 32 + 16 and
     * 56 = 32 + 24 columns; A read in place.
     */
    private static final int[][] LIGHT = {{12, 48, 16}, {12, 56, 16}};
    /**
     * Shapes run every {@value #HEAVY_EVERY}th round for the remaining branches: C wide enough for
     * packed A (200 columns, the last panel 8 wide), long rows of A (72) read in place, and C tall
     * enough (72 rows) for full panels of B to be packed rather than read in place. A
     * branch the JIT never saw taken is compiled as a trap that throws the compiled code away when a
     * real product takes it (measured: the first W3 step then ran cold again), so every branch of
     * the kernel has to run both ways here. The last shape has two K blocks ({@code k} above the
     * kernel's 256), as every convolution of W3 with 32 or more input channels does: without it
     * the first such product threw the compiled kernel away (seen with {@code -XX:+LogCompilation}:
     * an {@code unstable_if} trap in {@code Block.compute} during W3's first step) and ran it cold
     * until C2 had compiled it again. One row keeps it cheap while the kernel is still cold.
     */
    private static final int[][] HEAVY = {{8, 200, 8}, {12, 56, 72}, {72, 40, 8}, {1, 40, 264}};
    private static final int HEAVY_EVERY = 16;
    /**
     * {m, n, k} of a product with A packed beforehand ({@link PackedA}, as a convolution multiplies
     * its packed filters), run every round: the kernel reads packed A on a branch of its own, and a
     * branch the warm-up never took would be compiled as a trap (see {@link #HEAVY}). Two K blocks,
     * so that the packed layout's second block is read too.
     */
    private static final int[] PACKED = {16, 48, 264};

    private static Thread thread;

    private GemmWarmup() {
    }

    /**
     * Starts the warm-up thread, once per JVM (later calls do nothing). Returns at once.
     *
     * @return the warm-up thread, for a caller that wants to {@link Thread#join()} it
     */
    public static synchronized Thread start() {
        if (thread == null) {
            thread = new Thread(GemmWarmup::run, "kiso-gemm-warmup");
            thread.setDaemon(true);
            thread.start();
        }
        return thread;
    }

    /** Rounds of every shape, transpose combination and accumulate flag until they run fast. */
    private static void run() {
        int size = Math.max(Math.max(largestOperand(LIGHT), largestOperand(HEAVY)),
                largestOperand(new int[][] {DOT, PACKED}));
        float[] a = new float[size];
        float[] b = new float[size];
        float[] c = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (i % 7) * 0.25f;
            b[i] = (i % 5) * 0.5f;
        }
        PackedA packed = new PackedA().pack(false, PACKED[0], PACKED[2], a, 0, PACKED[2]);
        long start = System.nanoTime();
        int fast = 0;
        for (int round = 0; fast < FAST_ROUNDS && System.nanoTime() - start < MAX_NANOS; round++) {
            long t0 = System.nanoTime();
            multiplyAll(LIGHT, a, b, c);
            if (round % HEAVY_EVERY == 0) {
                multiplyAll(HEAVY, a, b, c);
            }
            Gemm.gemm(packed, false, PACKED[1], b, 0, PACKED[1], c, 0, PACKED[1], round % 2 == 1);
            long t1 = System.nanoTime();
            Gemm.gemm(false, true, DOT[0], DOT[1], DOT[2], a, 0, DOT[2], b, 0, DOT[2], c, 0, DOT[1], false);
            Gemm.gemm(false, true, DOT[0], DOT[1], DOT[2], a, 0, DOT[2], b, 0, DOT[2], c, 0, DOT[1], true);
            long t2 = System.nanoTime();
            fast = t1 - t0 < FAST_ROUND_NANOS && t2 - t1 < FAST_DOT_NANOS ? fast + 1 : 0;
        }
    }

    /** The most elements any operand (A, B or C) of these {m, n, k} shapes has. */
    private static int largestOperand(int[][] shapes) {
        int size = 0;
        for (int[] s : shapes) {
            size = Math.max(size, Math.max(s[0] * s[2], Math.max(s[2] * s[1], s[0] * s[1])));
        }
        return size;
    }

    /** Every shape with every transpose combination, overwriting and accumulating. */
    private static void multiplyAll(int[][] shapes, float[] a, float[] b, float[] c) {
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int combo = 0; combo < 8; combo++) {
                boolean transA = (combo & 1) != 0;
                boolean transB = (combo & 2) != 0;
                boolean accumulate = (combo & 4) != 0;
                Gemm.gemm(transA, transB, m, n, k, a, 0, transA ? m : k, b, 0, transB ? k : n, c, 0, n, accumulate);
            }
        }
    }
}
