package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Mini-batches of a {@link Dataset}. Each call of {@link #iterator()} is one epoch, so
 * {@code for (Batch b : batches)} runs one epoch.
 *
 * <ul>
 *   <li>{@link #shuffled}: a fresh random permutation each epoch, cut into batches; every example
 *       once per epoch, the last batch smaller when {@code B} does not divide {@code N}. This is
 *       what PyTorch's {@code DataLoader(shuffle=True)} does, and Kiso's default.</li>
 *   <li>{@link #inOrder}: the examples in order, for evaluation.</li>
 *   <li>{@link #withReplacement}: the course's sampler: each step draws {@code B} indices
 *       uniformly at random ({@code np.random.choice(N, B)}), and an "epoch" is
 *       {@code max(N / B, 1)} steps.</li>
 * </ul>
 *
 * <p>Batches reuse their buffers: a {@link Batch} is only valid until the next one is taken from
 * the iterator, and only one epoch's iterator may be in use at a time. In a steady training loop
 * gathering a batch allocates nothing.
 */
public final class Batches implements Iterable<Batch> {

    private enum Order { SHUFFLED, IN_ORDER, WITH_REPLACEMENT }

    private final Dataset data;
    private final int batchSize;
    private final Order order;
    private final Random rng;
    private final BatchTransform transform;
    private final Random transformRng;
    private final int[] positions;
    private Buffers full;
    private Buffers last;

    private Batches(Dataset data, int batchSize, Order order, Random rng, BatchTransform transform, Random transformRng) {
        if (batchSize <= 0) {
            throw new KisoException("Batches: batch size must be positive, got " + batchSize);
        }
        if (order == Order.WITH_REPLACEMENT && data.size() == 0) {
            throw new KisoException("Batches.withReplacement: cannot sample from an empty dataset");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = order;
        this.rng = rng;
        this.transform = transform;
        this.transformRng = transformRng;
        this.positions = new int[order == Order.WITH_REPLACEMENT ? batchSize : data.size()];
    }

    /**
     * Batches over a fresh random permutation each epoch, the last batch smaller if need be.
     *
     * @param data      the dataset
     * @param batchSize examples per batch
     * @param rng       draws each epoch's permutation
     * @return the batches
     */
    public static Batches shuffled(Dataset data, int batchSize, Random rng) {
        return new Batches(data, batchSize, Order.SHUFFLED, rng, null, null);
    }

    /**
     * Batches of the examples in order, the last smaller if need be (for evaluation).
     *
     * @param data      the dataset
     * @param batchSize examples per batch
     * @return the batches
     */
    public static Batches inOrder(Dataset data, int batchSize) {
        return new Batches(data, batchSize, Order.IN_ORDER, null, null, null);
    }

    /**
     * The course's sampler: each batch is {@code batchSize} indices drawn uniformly with
     * replacement; an epoch is {@code max(N / batchSize, 1)} batches.
     *
     * @param data      the dataset (not empty)
     * @param batchSize examples per batch
     * @param rng       draws the indices
     * @return the batches
     */
    public static Batches withReplacement(Dataset data, int batchSize, Random rng) {
        return new Batches(data, batchSize, Order.WITH_REPLACEMENT, rng, null, null);
    }

    /**
     * The same batches with a transform applied to each batch's inputs (augmentation).
     *
     * @param transform the transform, e.g. {@code new RandomCrop(28, 28, 2).andThen(new RandomFlip())}
     * @param rng       the transform's source of randomness
     * @return new batches (with their own buffers) over the same data and order
     */
    public Batches augmented(BatchTransform transform, Random rng) {
        BatchTransform combined = this.transform == null ? transform : this.transform.andThen(transform);
        return new Batches(data, batchSize, order, this.rng, combined, rng);
    }

    /** @return the number of batches in one epoch */
    public int batchesPerEpoch() {
        if (order == Order.WITH_REPLACEMENT) {
            return Math.max(data.size() / batchSize, 1);
        }
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** @return the dataset the batches come from */
    public Dataset dataset() {
        return data;
    }

    /**
     * Starts an epoch (drawing its permutation now, for shuffled batches).
     *
     * @return the epoch's batches; each is valid only until the next {@code next()}
     */
    @Override
    public Iterator<Batch> iterator() {
        if (order != Order.WITH_REPLACEMENT) {
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            if (order == Order.SHUFFLED) {
                Dataset.shuffle(positions, rng);
            }
        }
        return new Iterator<>() {
            private int k;

            @Override
            public boolean hasNext() {
                return k < batchesPerEpoch();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("Batches: the epoch has " + batchesPerEpoch() + " batches");
                }
                int from = k * batchSize;
                int to = Math.min(from + batchSize, data.size());
                if (order == Order.WITH_REPLACEMENT) {
                    for (int i = 0; i < batchSize; i++) {
                        positions[i] = rng.nextInt(data.size());
                    }
                    from = 0;
                    to = batchSize;
                }
                k++;
                return fill(from, to);
            }
        };
    }

    /** Gathers {@code positions[from..to)} into the buffers for that batch size. */
    private Batch fill(int from, int to) {
        int b = to - from;
        Buffers buf;
        if (b == batchSize) {
            buf = full = full != null ? full : new Buffers(b);
        } else {
            buf = last = last != null && last.size == b ? last : new Buffers(b);
        }
        data.gather(positions, from, to, buf.x.data(), buf.t.data(), buf.labels);
        buf.batch.setX(transform == null ? buf.x : transform.apply(buf.x, transformRng));
        return buf.batch;
    }

    /** The reusable storage of one batch size. */
    private final class Buffers {
        final int size;
        final Tensor x;
        final Tensor t;
        final int[] labels;
        final Batch batch;

        Buffers(int size) {
            this.size = size;
            this.x = Tensor.zeros(prepend(size, data.exampleShape()));
            this.t = Tensor.zeros(prepend(size, data.targetShape()));
            this.labels = data.hasLabels() ? new int[size] : null;
            this.batch = new Batch(x, t, labels);
        }
    }

    private static int[] prepend(int n, int[] shape) {
        int[] out = new int[shape.length + 1];
        out[0] = n;
        System.arraycopy(shape, 0, out, 1, shape.length);
        return out;
    }
}
