package dev.kiso.nn;

/**
 * Warms up the Vector API max-pooling loops on a background thread; {@link MaxPool2x2#forRows}
 * hands out the plain loops until this is done.
 *
 * <p>Why: Vector API code is fast only once the JIT's optimizing compiler (C2) has compiled it;
 * before that every vector operation is an object, and W2's first training step took about 2 s more
 * (measured: 2.8–2.9 s from JVM start instead of 0.6–1.0 s). C2 compiles a method after it has run
 * often enough, whoever runs it, so a daemon thread runs the loops on scratch arrays until they run
 * at compiled speed, while the layers use the plain loops, which give the same bits: switching
 * changes how fast pooling runs, never what it computes.
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
     * Starts the warm-up thread and returns at once.
     *
     * @param loops  the loops to warm up
     * @param onWarm run on the warm-up thread when it is done
     */
    static synchronized void start(MaxPool2x2 loops, Runnable onWarm) {
        thread = new Thread(() -> {
            run(loops);
            onWarm.run();
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
     * Rounds of forward (training and evaluation) and backward until they run fast. The two planes
     * take every branch of the loops both ways (a branch the JIT never saw taken is compiled as a
     * trap that throws the compiled code away when real data takes it): 3 × (2L + 3) has an odd row
     * and column and a row of L + 1 windows, which ends with an overlapping step; 2 × 2L has neither.
     */
    private static void run(MaxPool2x2 loops) {
        int lanes = loops.minOutputWidth();
        int[][] planes = {{3, 2 * lanes + 3}, {2, 2 * lanes}};
        float[] x = new float[3 * (2 * lanes + 3)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) - 5;
        }
        float[] y = new float[lanes + 1];
        int[] argmax = new int[lanes + 1];
        float[] dx = new float[x.length];
        long start = System.nanoTime();
        int fast = 0;
        while (fast < FAST_ROUNDS && System.nanoTime() - start < MAX_NANOS) {
            long t0 = System.nanoTime();
            for (int[] p : planes) {
                loops.forward(x, 0, p[0], p[1], y, argmax, 0, 1);
                loops.forward(x, 0, p[0], p[1], y, null, 0, 1);
                loops.backward(y, 0, argmax, dx, p[0], p[1], 0, 1);
            }
            fast = System.nanoTime() - t0 < FAST_ROUND_NANOS ? fast + 1 : 0;
        }
    }
}
