package dev.kiso.nn;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Warms up the Vector API max-pooling loops on a background thread; {@link MaxPool2x2#loops}
 * hands out the plain loops until this is done.
 *
 * <p>Why: Vector API code is fast only once the JIT's optimizing compiler (C2) has compiled it;
 * before that every vector operation is an object, and W2's first training step took about 2 s more
 * (measured: 2.8–2.9 s from JVM start instead of 0.6–1.0 s). C2 compiles a method after it has run
 * often enough, whoever runs it, so a daemon thread runs the loops on scratch arrays until they run
 * at compiled speed, while the layers use the plain loops, which give the same bits: switching
 * changes how fast pooling runs, never what it computes.
 *
 * <p>When: {@link MaxPool2D} asks for the warm-up at its second training forward pass (or first
 * evaluation pass), not its first: the warm-up costs about a second of CPU (and the compiler's
 * time), which on a machine of two cores made the first training step, the one a user waits for,
 * slower.
 */
final class MaxPoolWarmup {
    /** Switch after this long even if the loops never got fast (a very loaded machine). */
    private static final long MAX_NANOS = 5_000_000_000L;
    /** A round faster than this ran compiled code (cold: hundreds of microseconds). */
    private static final long FAST_ROUND_NANOS = 20_000L;
    /** Stop after this many fast rounds in a row. */
    private static final int FAST_ROUNDS = 50;

    private static Thread thread;   // null until started

    private MaxPoolWarmup() {
    }

    /**
     * Starts the warm-up thread, once per JVM (later calls do nothing), and returns at once. The
     * thread, not the caller, loads the Vector API classes (tens of milliseconds).
     *
     * @param onWarm given the warm Vector API loops, on the warm-up thread; never called if the
     *               machine's vectors are too narrow for them
     */
    static synchronized void start(Consumer<MaxPool2x2> onWarm) {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> {
            System.Logger log = System.getLogger(MaxPool2D.class.getName());
            if (!VectorMaxPool2x2.usable()) {
                log.log(Level.DEBUG, "Kiso 2x2 max pooling: vectors narrower than 256 bits, plain Java loops");
                return;
            }
            MaxPool2x2 loops = VectorMaxPool2x2.create();
            run(loops);
            onWarm.accept(loops);
            log.log(Level.DEBUG, "Kiso 2x2 max pooling: Vector API loops, " + loops.lanes() + " lanes");
        }, "kiso-maxpool-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the warm-up thread to finish, if one was started.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    static void await() throws InterruptedException {
        Thread t;
        synchronized (MaxPoolWarmup.class) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
    }

    /**
     * Rounds of forward (training and evaluation) and backward until they run fast. The planes
     * take every branch of the loops both ways (a branch the JIT never saw taken is compiled as a
     * trap that throws the compiled code away when real data takes it): 3 × (2L + 3) has an odd row
     * and column and a row of L + 1 windows, which ends with an overlapping step; 2 × 2L has
     * neither; 6 × 6 has rows narrower than a vector but more windows than lanes (gathered, with
     * an overlapping step), 2 × 2 fewer windows than lanes.
     */
    private static void run(MaxPool2x2 loops) {
        int lanes = loops.lanes();
        int[][] planes = {{3, 2 * lanes + 3}, {2, 2 * lanes}, {6, 6}, {2, 2}};
        float[] x = new float[Math.max(3 * (2 * lanes + 3), 36)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) - 5;
        }
        float[] y = new float[Math.max(lanes + 1, 9)];
        int[] argmax = new int[y.length];
        float[] dx = new float[x.length];
        long start = System.nanoTime();
        int fast = 0;
        while (fast < FAST_ROUNDS && System.nanoTime() - start < MAX_NANOS) {
            long t0 = System.nanoTime();
            for (int[] p : planes) {
                loops.forward(x, 0, p[0], p[1], y, argmax, 0, 1);
                loops.forward(x, 0, p[0], p[1], y, null, 0, 1);
                loops.backward(y, 0, argmax, dx, 0, p[0], p[1], 0, 1);
            }
            fast = System.nanoTime() - t0 < FAST_ROUND_NANOS ? fast + 1 : 0;
        }
    }
}
