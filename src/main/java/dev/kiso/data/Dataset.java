package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Examples and their targets: inputs {@code [N, ...]} and either class labels ({@code int[N]})
 * or target tensors ({@code [N, ...]}).
 *
 * <p>A dataset is immutable. Subsets ({@link #first}, {@link #split}, {@link #bootstrap},
 * {@link #select}) do not copy the examples: they keep the same storage and a list of example
 * indices, so a bootstrap sample of 60,000 images costs 240 KB, not 188 MB. Batches are gathered
 * from the storage by {@link Batches}.
 *
 * <p>With class labels, {@link #targets()} is a float tensor {@code [N]} of the class indices,
 * the form that {@code SoftmaxCrossEntropy} takes.
 */
public final class Dataset {

    private final Tensor inputs;   // contiguous, [M, ...]: the storage
    private final Tensor targets;  // contiguous, [M, ...]
    private final int[] labels;    // [M], or null when the targets are not class labels
    private final int[] indices;   // the examples of this dataset, as rows of the storage
    private final int exampleSize;
    private final int targetSize;

    /**
     * A dataset of labelled examples.
     *
     * @param inputs the examples, batch first: {@code [N, ...]}
     * @param labels the class of each example, {@code N} non-negative values
     * @throws KisoException if the counts differ or a label is negative
     */
    public Dataset(Tensor inputs, int[] labels) {
        this(inputs, labelTensor(inputs, labels), labels.clone(), null);
    }

    /**
     * A dataset with tensor targets (regression, one-hot or soft labels).
     *
     * @param inputs  the examples, batch first: {@code [N, ...]}
     * @param targets the target of each example: {@code [N, ...]}
     * @throws KisoException if the counts differ
     */
    public Dataset(Tensor inputs, Tensor targets) {
        this(inputs, targets, null, null);
    }

    private Dataset(Tensor inputs, Tensor targets, int[] labels, int[] indices) {
        if (inputs == null || targets == null) {
            throw new KisoException("Dataset: inputs and targets must not be null");
        }
        if (inputs.rank() < 1 || targets.rank() < 1 || inputs.shape(0) != targets.shape(0)) {
            throw new KisoException("Dataset: inputs " + Arrays.toString(inputs.shape()) + " and targets "
                    + Arrays.toString(targets.shape()) + " must both be batch first with the same count");
        }
        this.inputs = inputs.contiguous();
        this.targets = targets.contiguous();
        this.labels = labels;
        int m = inputs.shape(0);
        this.indices = indices != null ? indices : identity(m);
        this.exampleSize = sizeWithout(inputs);
        this.targetSize = sizeWithout(targets);
    }

    private static Tensor labelTensor(Tensor inputs, int[] labels) {
        if (inputs == null || labels == null) {
            throw new KisoException("Dataset: inputs and labels must not be null");
        }
        if (inputs.rank() < 1 || labels.length != inputs.shape(0)) {
            throw new KisoException("Dataset: " + labels.length + " labels for inputs of shape "
                    + Arrays.toString(inputs.shape()) + "; expected one label per example");
        }
        float[] t = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new KisoException("Dataset: label " + labels[i] + " of example " + i + " is negative");
            }
            t[i] = labels[i];
        }
        return Tensor.of(t, labels.length);
    }

    /** The number of values in one example: the product of the shape after the batch axis. */
    private static int sizeWithout(Tensor t) {
        int n = 1;
        for (int d = 1; d < t.rank(); d++) {
            n *= t.shape(d);
        }
        return n;
    }

    private static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    // ------------------------------------------------------------------ what it holds

    /** @return the number of examples */
    public int size() {
        return indices.length;
    }

    /** @return whether the targets are class labels (see {@link #labels()}) */
    public boolean hasLabels() {
        return labels != null;
    }

    /** @return the shape of one example (the inputs' shape without the batch axis) */
    public int[] exampleShape() {
        return Arrays.copyOfRange(inputs.shape(), 1, inputs.rank());
    }

    /** @return the shape of one target ({@code []} for class labels) */
    public int[] targetShape() {
        return Arrays.copyOfRange(targets.shape(), 1, targets.rank());
    }

    /**
     * The inputs of all examples, in this dataset's order.
     *
     * @return a tensor {@code [size(), ...]}: a view of the storage when this dataset is a prefix of
     *         it, otherwise a new copy
     */
    public Tensor inputs() {
        return gatherAll(inputs, exampleSize);
    }

    /**
     * The targets of all examples, in this dataset's order (class indices as floats for labels).
     *
     * @return a tensor {@code [size(), ...]}, a view or a new copy as for {@link #inputs()}
     */
    public Tensor targets() {
        return gatherAll(targets, targetSize);
    }

    /**
     * The class labels, in this dataset's order.
     *
     * @return a new array of {@code size()} labels
     * @throws KisoException if this dataset has tensor targets instead of labels
     */
    public int[] labels() {
        requireLabels();
        int[] out = new int[indices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }

    /**
     * The class label of one example.
     *
     * @param i the example, {@code 0 <= i < size()}
     * @return its label
     */
    public int label(int i) {
        requireLabels();
        return labels[indices[checkIndex(i)]];
    }

    private void requireLabels() {
        if (labels == null) {
            throw new KisoException("Dataset: this dataset has tensor targets of shape "
                    + Arrays.toString(targetShape()) + ", not class labels");
        }
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= indices.length) {
            throw new KisoException("Dataset: example " + i + " out of range for a dataset of " + indices.length);
        }
        return i;
    }

    private Tensor gatherAll(Tensor storage, int rowSize) {
        if (isPrefix()) {
            return storage.slice(0, 0, indices.length);
        }
        int[] shape = storage.shape();
        shape[0] = indices.length;
        float[] out = new float[indices.length * rowSize];
        copyRows(storage, rowSize, identity(indices.length), 0, indices.length, out);
        return Tensor.of(out, shape);
    }

    private boolean isPrefix() {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Copies the storage rows of the examples at {@code positions[from..to)} into {@code out}, back to back. */
    private void copyRows(Tensor storage, int rowSize, int[] positions, int from, int to, float[] out) {
        float[] src = storage.data();
        int base = storage.offset();
        for (int k = from; k < to; k++) {
            System.arraycopy(src, base + indices[positions[k]] * rowSize, out, (k - from) * rowSize, rowSize);
        }
    }

    // ------------------------------------------------------------------ gathering (used by Batches)

    /**
     * Copies the examples at {@code positions[from..to)} into batch buffers.
     *
     * @param positions   positions in this dataset
     * @param from        first entry of {@code positions} to copy
     * @param to          one past the last
     * @param x           receives the inputs, {@code (to - from) * exampleSize()} floats
     * @param t           receives the targets, {@code (to - from) * targetSize()} floats
     * @param batchLabels receives the labels if this dataset has them
     */
    void gather(int[] positions, int from, int to, float[] x, float[] t, int[] batchLabels) {
        copyRows(inputs, exampleSize, positions, from, to, x);
        copyRows(targets, targetSize, positions, from, to, t);
        if (labels != null) {
            for (int k = from; k < to; k++) {
                batchLabels[k - from] = labels[indices[positions[k]]];
            }
        }
    }

    /** @return the number of floats in one example */
    int exampleSize() {
        return exampleSize;
    }

    /** @return the number of floats in one target */
    int targetSize() {
        return targetSize;
    }

    // ------------------------------------------------------------------ subsets

    /**
     * The examples at the given positions, in that order (repeats allowed). No copy of the data.
     *
     * @param positions positions in this dataset, each in {@code [0, size())}
     * @return the subset
     */
    public Dataset select(int[] positions) {
        int[] rows = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            rows[i] = indices[checkIndex(positions[i])];
        }
        return new Dataset(inputs, targets, labels, rows);
    }

    /**
     * The first {@code n} examples (all of them if {@code n >= size()}).
     *
     * @param n how many
     * @return the subset
     */
    public Dataset first(int n) {
        if (n < 0) {
            throw new KisoException("Dataset.first: n must be non-negative, got " + n);
        }
        return new Dataset(inputs, targets, labels, Arrays.copyOf(indices, Math.min(n, indices.length)));
    }

    /**
     * Splits the examples at random into a training part and a validation part, disjoint and
     * together covering every example once.
     *
     * @param validationFraction the share of examples for validation, in {@code [0, 1]}; the count
     *                           is {@code round(fraction * size())}
     * @param rng                the source of the permutation
     * @return the two parts
     */
    public Split split(double validationFraction, Random rng) {
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new KisoException("Dataset.split: validation fraction must be in [0, 1], got " + validationFraction);
        }
        int[] perm = permutation(size(), rng);
        int nValidation = (int) Math.round(validationFraction * size());
        Dataset validation = select(Arrays.copyOfRange(perm, 0, nValidation));
        Dataset train = select(Arrays.copyOfRange(perm, nValidation, perm.length));
        return new Split(train, validation);
    }

    /**
     * A bootstrap sample: {@code size()} examples drawn uniformly with replacement (for bagging and
     * ensembles).
     *
     * @param rng the source of the draws
     * @return the sample
     */
    public Dataset bootstrap(Random rng) {
        int[] positions = new int[size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = rng.nextInt(size());
        }
        return select(positions);
    }

    /**
     * A dataset with the same targets, in this dataset's order, and new inputs (used by
     * {@link Standardizer}).
     *
     * @param newInputs the inputs {@code [size(), ...]} in this dataset's order
     * @return the new dataset
     */
    Dataset withInputs(Tensor newInputs) {
        return new Dataset(newInputs, targets(), labels == null ? null : labels(), null);
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher–Yates).
     *
     * @param n   the length
     * @param rng the source of randomness
     * @return a new array
     */
    static int[] permutation(int n, Random rng) {
        int[] p = identity(n);
        shuffle(p, rng);
        return p;
    }

    /** Shuffles {@code p} in place (Fisher–Yates, drawing from the last position down). */
    static void shuffle(int[] p, Random rng) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
    }

    /** @return e.g. {@code Dataset(1000 examples of [1, 28, 28], labels)} */
    @Override
    public String toString() {
        return "Dataset(" + size() + " examples of " + Arrays.toString(exampleShape())
                + (labels != null ? ", labels)" : ", targets " + Arrays.toString(targetShape()) + ")");
    }

    /** A training part and a validation part of one dataset. */
    public static final class Split {
        private final Dataset train;
        private final Dataset validation;

        Split(Dataset train, Dataset validation) {
            this.train = train;
            this.validation = validation;
        }

        /** @return the training part */
        public Dataset train() {
            return train;
        }

        /** @return the validation part */
        public Dataset validation() {
            return validation;
        }
    }
}
