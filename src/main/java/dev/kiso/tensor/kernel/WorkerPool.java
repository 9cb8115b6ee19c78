package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that, together with the calling thread, run the chunks of
 * one {@link Parallel#forRange} job at a time. {@link Parallel} holds the JVM-wide instance; tests
 * build their own with an explicit size.
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
            workers[w] = new Worker();
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
        if (chunks <= 1 || !busy.compareAndSet(false, true)) {
            for (int c = 0; c < chunks; c++) {
                body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            return;
        }
        try {
            Job job = new Job(n, chunks, body);
            current = job;
            for (Worker worker : workers) {
                if (worker.parked) {
                    LockSupport.unpark(worker.thread);
                }
            }
            job.runChunks();
            for (int spins = 1; job.done.get() < chunks; spins++) {
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

    /** One forRange call: its partition and how far the threads have got through it. */
    private static final class Job {
        final int n;
        final int chunks;
        final Parallel.RangeBody body;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile Throwable error;

        Job(int n, int chunks, Parallel.RangeBody body) {
            this.n = n;
            this.chunks = chunks;
            this.body = body;
        }

        void runChunks() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.run(chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
                } catch (Throwable t) {
                    if (error == null) {
                        error = t;
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
        Thread thread;
        volatile boolean parked;

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                Job job = awaitJobOtherThan(seen);
                seen = job;
                job.runChunks();
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
