package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the chunks (or
 * tasks) of one {@link Parallel#forRange} or {@link Parallel#forTasks} job at a time.
 * {@link Parallel} holds the JVM-wide instance; tests build their own with an explicit size.
 *
 * <p>Hand-off is cheap for the small problems of a training step: a worker that has just finished
 * a job spins for {@link #SPIN_NANOS} watching for the next one before it parks, so back-to-back
 * GEMMs never pay for a park/unpark. Each thread claims the tasks of its own block first and then
 * the others' leftovers ({@link Parallel#forTasks}), so a late worker simply finds less, or
 * nothing, left to do.
 */
final class WorkerPool {
    /** How long an idle worker spins before parking: a few GEMMs of a training step. */
    static final long SPIN_NANOS = 200_000L;

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job current;

    /**
     * Starts {@code threads - 1} daemon workers (the caller is the remaining thread).
     *
     * @param threads total threads, at least 1
     */
    WorkerPool(int threads) {
        if (threads < 1) {
            throw new KisoException("WorkerPool: threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(w + 1);
            Thread thread = new Thread(workers[w], "kiso-worker-" + (w + 1));
            thread.setDaemon(true);
            workers[w].thread = thread;
            thread.start();
        }
    }

    int threads() {
        return threads;
    }

    /** The number of chunks {@code [0, n)} is cut into; see {@link Parallel}. */
    int chunks(int n, int grain) {
        if (n <= 0) {
            return 0;
        }
        int g = Math.max(1, grain);
        long wanted = (n + (long) g - 1) / g;
        return (int) Math.min(threads, wanted);
    }

    /** Start of chunk {@code c} of {@code chunks} over {@code [0, n)}. */
    static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) c * n / chunks);
    }

    void forRange(int n, int grain, Parallel.RangeBody body) {
        int chunks = chunks(n, grain);
        forTasks(chunks, (slot, c) -> body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1)));
    }

    void forChunks(int n, int grain, Parallel.ChunkBody body) {
        int chunks = chunks(n, grain);
        forTasks(chunks, (slot, c) -> body.run(c, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1)));
    }

    /**
     * Runs tasks {@code 0..tasks-1}, each thread its own block first (see {@link Job}); the body
     * learns the claiming thread's slot (0 for the caller, 1.. for the workers). On one thread, or
     * when the pool is busy, the caller runs them all in order, in slot 0.
     */
    void forTasks(int tasks, Parallel.TaskBody body) {
        if (tasks <= 1 || threads == 1 || !busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
            return;
        }
        try {
            Job job = new Job(tasks, threads, body);
            current = job;
            for (Worker worker : workers) {
                if (worker.parked) {
                    LockSupport.unpark(worker.thread);
                }
            }
            job.runTasks(0);
            for (int spins = 1; job.done.get() < tasks; spins++) {
                if (spins % 1024 == 0) {
                    Thread.yield(); // a worker was descheduled: let it run
                } else {
                    Thread.onSpinWait();
                }
            }
            job.rethrow();
        } finally {
            current = null; // drop the body and the arrays it holds
            busy.set(false);
        }
    }

    /**
     * One call's tasks, cut into one block of consecutive tasks per thread ({@link #chunkStart}'s
     * cut). Each thread runs its own block from the front, then helps with the others from their
     * backs. So a thread keeps to the same part of the data from one call to the next (chunk
     * {@code c} of a {@code forRange}, the images of a convolution's block), and the data a layer
     * writes is mostly read by the next layer on the core that wrote it; and a thread that is late
     * or slow simply leaves more of its block to the others.
     */
    private static final class Job {
        /** Longs between two blocks' counters, so that two threads never claim on one cache line. */
        private static final int PAD = 16;

        final int tasks;
        final Parallel.TaskBody body;
        final int blocks;
        /** Per block, at b·PAD: the next task from the front (low 32 bits), one past the last left (high 32 bits). */
        final AtomicLongArray bounds;
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(int tasks, int threads, Parallel.TaskBody body) {
            this.tasks = tasks;
            this.body = body;
            this.blocks = Math.max(1, Math.min(threads, tasks));
            this.bounds = new AtomicLongArray(blocks * PAD);
            for (int b = 0; b < blocks; b++) {
                bounds.set(b * PAD, bounds(chunkStart(tasks, blocks, b), chunkStart(tasks, blocks, b + 1)));
            }
        }

        /** {@code end} in the high 32 bits, {@code front} in the low ones. */
        private static long bounds(int front, int end) {
            return (long) end << 32 | (front & 0xFFFF_FFFFL);
        }

        /**
         * Takes one task of block {@code b}: its first one left ({@code fromFront}) or its last.
         *
         * @return the task, or -1 when the block has none left
         */
        private int claim(int b, boolean fromFront) {
            while (true) {
                long current = bounds.get(b * PAD);
                int front = (int) current;
                int end = (int) (current >>> 32);
                if (front >= end) {
                    return -1;
                }
                long next = fromFront ? bounds(front + 1, end) : bounds(front, end - 1);
                if (bounds.compareAndSet(b * PAD, current, next)) {
                    return fromFront ? front : end - 1;
                }
            }
        }

        /** Runs tasks as the thread of the given slot: its own block first, then the others' leftovers. */
        void runTasks(int slot) {
            if (slot < blocks) {
                for (int t; (t = claim(slot, true)) >= 0; ) {
                    run(slot, t);
                }
            }
            for (int i = 1; i <= blocks; i++) {
                int other = (slot + i) % blocks;
                for (int t; (t = claim(other, false)) >= 0; ) {
                    run(slot, t);
                }
            }
        }

        private void run(int slot, int task) {
            try {
                body.run(slot, task);
            } catch (Throwable e) {
                if (error == null) {
                    error = e;
                }
            } finally {
                done.incrementAndGet();
            }
        }

        void rethrow() {
            Throwable t = error;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A worker: waits for a job it has not seen, helps with it, and goes back to waiting. */
    private final class Worker implements Runnable {
        final int slot;
        Thread thread;
        volatile boolean parked;

        Worker(int slot) {
            this.slot = slot;
        }

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                Job job = awaitJobOtherThan(seen);
                seen = job;
                job.runTasks(slot);
            }
        }

        private Job awaitJobOtherThan(Job seen) {
            long start = System.nanoTime();
            int spins = 0;
            while (true) {
                Job job = current;
                if (job != null && job != seen) {
                    return job;
                }
                if (++spins % 64 != 0 || System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                Job latest = current;
                if (latest == null || latest == seen) {
                    LockSupport.park(this);
                }
                parked = false;
                start = System.nanoTime();
            }
        }
    }
}
