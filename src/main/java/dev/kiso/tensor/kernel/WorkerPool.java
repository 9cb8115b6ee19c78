package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the chunks (or
 * tasks) of one {@link Parallel#forRange} or {@link Parallel#forTasks} job at a time.
 * {@link Parallel} holds the JVM-wide instance; tests build their own with an explicit size.
 *
 * <p>Hand-off is cheap for the small problems of a training step: a worker that has just finished
 * a job spins for {@link #SPIN_NANOS} watching for the next one before it parks, so back-to-back
 * GEMMs never pay for a park/unpark. Chunks are claimed from a shared counter, so a late worker
 * simply finds nothing left to do.
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
     * Runs tasks {@code 0..tasks-1}, each claimed by whichever thread is free next; the body learns
     * the claiming thread's slot (0 for the caller, 1.. for the workers). On one thread, or when
     * the pool is busy, the caller runs them all in order, in slot 0.
     */
    void forTasks(int tasks, Parallel.TaskBody body) {
        if (tasks <= 1 || threads == 1 || !busy.compareAndSet(false, true)) {
            for (int t = 0; t < tasks; t++) {
                body.run(0, t);
            }
            return;
        }
        try {
            Job job = new Job(tasks, body);
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

    /** One call's tasks, claimed one at a time from a shared counter. */
    private static final class Job {
        final int tasks;
        final Parallel.TaskBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(int tasks, Parallel.TaskBody body) {
            this.tasks = tasks;
            this.body = body;
        }

        /** Claims and runs tasks, as the thread of the given slot, until none is left. */
        void runTasks(int slot) {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    body.run(slot, t);
                } catch (Throwable e) {
                    if (error == null) {
                        error = e;
                    }
                } finally {
                    done.incrementAndGet();
                }
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
