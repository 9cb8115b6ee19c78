package dev.kiso.tensor.kernel;

import dev.kiso.KisoException;

/**
 * Runs a loop over {@code [0, n)} on Kiso's shared worker pool: one pool for the whole JVM, sized
 * to the machine ({@link Runtime#availableProcessors()}, or the system property
 * {@code kiso.threads}), made of daemon threads that spin briefly and then park between jobs.
 *
 * <p><b>Deterministic partitioning.</b> {@link #forRange(int, int, RangeBody)} cuts {@code [0, n)}
 * into {@code chunks = min(threads(), ceil(n / grain))} contiguous ranges, chunk {@code c} being
 * {@code [c·n/chunks, (c+1)·n/chunks)}. The cut depends only on {@code n}, {@code grain} and the
 * pool size, never on timing; which thread runs a chunk does vary. A body that writes disjoint
 * outputs per index, and computes each output the same way whatever range it sits in, therefore
 * gives the same bits with any number of threads.
 *
 * <p>The calling thread runs chunks too. When the pool is already busy (another user thread, or a
 * nested call from inside a body), the caller runs all its chunks itself, in order: no deadlock,
 * same partition, same results.
 */
public final class Parallel {

    /** The body of a parallel loop: handles indices {@code start} (inclusive) to {@code end}. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * Processes one contiguous chunk of the index range.
         *
         * @param start first index of the chunk
         * @param end   one past the last index of the chunk
         */
        void run(int start, int end);
    }

    /**
     * The body of a parallel loop that also learns which chunk it runs, so that it can use
     * per-chunk scratch buffers (chunk {@code c} of {@link #chunks(int, int)}).
     */
    @FunctionalInterface
    public interface ChunkBody {
        /**
         * Processes one contiguous chunk of the index range.
         *
         * @param chunk the chunk's number, {@code 0 <= chunk < chunks(n, grain)}
         * @param start first index of the chunk
         * @param end   one past the last index of the chunk
         */
        void run(int chunk, int start, int end);
    }

    /**
     * The body of {@link #forTasks}: runs one task, on the thread of the given slot.
     */
    @FunctionalInterface
    public interface TaskBody {
        /**
         * Runs one task.
         *
         * @param slot the running thread's slot, {@code 0 <= slot < threads()}: no two tasks run
         *             at the same time in one slot, so {@code scratch[slot]} is private to the task
         * @param task the task's number
         */
        void run(int slot, int task);
    }

    private Parallel() {
    }

    /**
     * The number of threads the shared pool runs work on, including the calling thread.
     *
     * @return at least 1
     */
    public static int threads() {
        return shared().threads();
    }

    /**
     * Runs {@code body} over {@code [0, n)} split into at most {@link #threads()} chunks of at
     * least {@code grain} indices (see the class comment for the exact, deterministic cut).
     * Returns when every chunk is done; an exception thrown by a chunk is rethrown here.
     *
     * @param n     the number of indices
     * @param grain the smallest chunk worth a thread (at least 1)
     * @param body  the loop body
     */
    public static void forRange(int n, int grain, RangeBody body) {
        shared().forRange(n, grain, body);
    }

    /**
     * How many chunks {@link #forRange} and {@link #forChunks} cut {@code [0, n)} into:
     * {@code min(threads(), ceil(n / grain))}, or 0 when {@code n <= 0}.
     *
     * @param n     the number of indices
     * @param grain the smallest chunk worth a thread
     * @return the number of chunks
     */
    public static int chunks(int n, int grain) {
        return shared().chunks(n, grain);
    }

    /**
     * Like {@link #forRange}, with the same partition, but tells the body which chunk it runs: a
     * chunk number is never run twice in one call, so {@code scratch[chunk]} is private to it.
     *
     * @param n     the number of indices
     * @param grain the smallest chunk worth a thread (at least 1)
     * @param body  the loop body
     */
    public static void forChunks(int n, int grain, ChunkBody body) {
        shared().forChunks(n, grain, body);
    }

    /**
     * Runs tasks {@code 0..tasks-1} on the pool, each claimed by whichever thread is free next:
     * when one core runs slower than the other (another program, a busy neighbour on a virtual
     * machine), the faster thread simply takes more tasks, where {@link #forChunks}' fixed halves
     * would leave it waiting. Returns when every task is done; an exception thrown by a task is
     * rethrown here.
     *
     * <p>Which thread runs a task varies from call to call, so a task must compute the same bits
     * whoever runs it: it writes its own outputs, and uses {@code scratch[slot]} only as scratch.
     * On one thread, or when the pool is busy, the caller runs every task in order, in slot 0.
     *
     * @param tasks the number of tasks
     * @param body  the task body
     */
    public static void forTasks(int tasks, TaskBody body) {
        shared().forTasks(tasks, body);
    }

    /**
     * Which item a task should work on so that the tasks running at the same time work on items far
     * apart: {@code [0, tasks)} is cut into {@link #threads()} contiguous blocks, and consecutive
     * tasks go to consecutive blocks (task 0 to block 0's first item, task 1 to block 1's first,
     * ...). A bijection of {@code [0, tasks)}, fixed by {@code tasks} and the pool's size.
     *
     * <p>Why: {@link #forTasks} hands tasks out in order, so two threads run tasks {@code t} and
     * {@code t + 1} at about the same time. When each task writes its own part of one array (a
     * convolution's output, image by image), two cores then write next to each other, and on the
     * machine of {@code docs/benchmarks.md} that made two threads no faster than one: W2's
     * convolution GEMMs into one output array took 0.86–0.90 ms per batch at two threads with the
     * images in order and 0.59–0.62 ms spread like this (0.94–1.03 ms at one thread).
     *
     * @param task  the task's number, {@code 0 <= task < tasks}
     * @param tasks the number of tasks
     * @return the item to work on
     */
    public static int spread(int task, int tasks) {
        return spread(task, tasks, threads());
    }

    /** {@link #spread(int, int)} for {@code blocks} blocks: the first ones one item longer when uneven. */
    static int spread(int task, int tasks, int blocks) {
        if (task < 0 || task >= tasks) {
            throw new IndexOutOfBoundsException("Parallel.spread: task " + task + " of " + tasks);
        }
        int b = Math.max(1, Math.min(blocks, tasks));
        int longest = (tasks + b - 1) / b;          // the first `full` blocks have this many items,
        int full = tasks - (longest - 1) * b;       // the others one fewer
        int rounds = (longest - 1) * b;             // tasks that visit every block once per round
        int block = task < rounds ? task % b : task - rounds;
        int position = task < rounds ? task / b : longest - 1;
        return block * (longest - 1) + Math.min(block, full) + position;
    }

    /**
     * Floats to leave between buffers that different threads write at the same time: 64 Ki floats,
     * 256 KB. On the machine of {@code docs/benchmarks.md}, in the phases of the host where two
     * threads slow each other down, two threads each writing its own 69 KB output buffer ran 100
     * small GEMMs in 0.91–1.00 ms with the buffers back to back, 0.68–0.86 ms 4 KB apart, 0.49–0.53
     * ms 64 KB apart and 0.45–0.50 ms 256 KB or more apart (one thread: 0.94–1.03 ms).
     */
    public static final int WRITE_GUARD = 1 << 16;

    /**
     * The room to leave after a buffer one thread writes while others write theirs:
     * {@link #WRITE_GUARD}, or 0 when the pool has one thread (no one else writes).
     *
     * @return floats of room
     */
    public static int writeGuard() {
        return threads() > 1 ? WRITE_GUARD : 0;
    }

    /**
     * One scratch buffer per thread of the pool ({@code buffers[slot]} for {@link #forTasks}'s
     * slots), each at least {@code size} floats and followed by {@link #writeGuard()} floats it
     * never uses, so that no other thread's buffer starts near its end; keeps the buffers that are
     * large enough.
     *
     * @param buffers the buffers of an earlier call, or null
     * @param size    floats each thread needs
     * @return the buffers, one per slot
     */
    public static float[][] threadBuffers(float[][] buffers, int size) {
        int slots = threads();
        int guard = writeGuard();
        float[][] result = buffers != null && buffers.length >= slots ? buffers : new float[slots][];
        for (int s = 0; s < slots; s++) {
            if (result[s] == null || result[s].length < size + guard) {
                result[s] = new float[size + guard];
            }
        }
        return result;
    }

    /** The JVM-wide pool, created at first use. */
    static WorkerPool shared() {
        return SharedPool.POOL;
    }

    /** Reads {@code kiso.threads}, defaulting to the number of processors. */
    static int configuredThreads() {
        String value = System.getProperty("kiso.threads");
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KisoException("kiso.threads: expected a positive integer, found '" + value + "'");
    }

    /** Lazy holder: the pool's threads start only when some code first needs them. */
    private static final class SharedPool {
        static final WorkerPool POOL = new WorkerPool(configuredThreads());
    }
}
