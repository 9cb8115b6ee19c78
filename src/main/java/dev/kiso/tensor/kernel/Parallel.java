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
 * pool size, never on timing; which thread runs a chunk does vary (chunk {@code c} goes to the
 * thread of slot {@code c} unless another one is done first, see {@link #forTasks}). A body that
 * writes disjoint outputs per index, and computes each output the same way whatever range it sits
 * in, therefore gives the same bits with any number of threads.
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
     * Runs tasks {@code 0..tasks-1} on the pool. They are cut into one block of consecutive tasks
     * per thread, as {@link #forRange} cuts its range ({@code min(threads(), tasks)} blocks, block
     * {@code b} being {@code [b·tasks/blocks, (b+1)·tasks/blocks)}); the thread of slot {@code b}
     * runs block {@code b} from its first task on, and a thread whose block is done takes the
     * others' remaining tasks from their ends. Returns when every task is done; an exception thrown
     * by a task is rethrown here.
     *
     * <p>Why blocks, and why stealing:
     * <ul>
     *   <li>A thread keeps to the same share of the data from one call to the next: when task
     *       {@code i} is image {@code i} of a batch (a convolution), each core finds the images it
     *       computed in the layer before in its own cache. On the machine of {@code
     *       docs/benchmarks.md}, reading data the other core had just written made a pass over
     *       W2's pooled activations 2.5 times slower than reading its own (0.058 against 0.024 ms),
     *       and handing out the tasks this way instead of one by one from a shared counter made
     *       W2's training step 7–9 % faster at two threads, W3's 4 %.</li>
     *   <li>The tasks two threads run at the same time are a block apart, so two cores do not
     *       write next to each other in one output array, which on that machine made two threads
     *       no faster than one (W2's convolution GEMMs: 0.86–0.90 ms per batch with neighbouring
     *       images, 0.59–0.62 ms a block apart, 0.94–1.03 ms on one thread).</li>
     *   <li>When one core runs slower than the other (another program, a busy neighbour on a
     *       virtual machine), the faster thread takes over the rest of the slower one's block,
     *       where one fixed chunk per thread ({@link #forRange}) would leave it waiting.</li>
     * </ul>
     *
     * <p>Which thread runs a task still varies from call to call, so a task must compute the same
     * bits whoever runs it: it writes its own outputs, and uses {@code scratch[slot]} only as
     * scratch. On one thread, or when the pool is busy, the caller runs every task in order, in
     * slot 0.
     *
     * @param tasks the number of tasks
     * @param body  the task body
     */
    public static void forTasks(int tasks, TaskBody body) {
        shared().forTasks(tasks, body);
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
