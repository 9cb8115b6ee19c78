package dev.kiso.tensor;

import java.util.Random;

/** Test helpers: random shapes, and tensors of a given shape laid out in random non-contiguous ways. */
final class Views {
    private Views() {
    }

    /** A random shape of rank {@code 0..maxRank} with sizes {@code 1..maxSize}. */
    static int[] randomShape(Random rng, int maxRank, int maxSize) {
        int[] shape = new int[rng.nextInt(maxRank + 1)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = 1 + rng.nextInt(maxSize);
        }
        return shape;
    }

    /**
     * Random values of the given shape, laid out at random: contiguous, or a permuted and strided
     * window of a larger array (so offset, strides and axis order all differ from row-major).
     */
    static Tensor randomLayout(Random rng, int... shape) {
        int rank = shape.length;
        if (rank == 0 || rng.nextInt(4) == 0) {
            return Tensor.randn(rng, 0f, 1f, shape);
        }
        int[] order = permutation(rng, rank);
        int[] step = new int[rank];
        int[] start = new int[rank];
        int[] baseShape = new int[rank];
        for (int d = 0; d < rank; d++) {
            int axis = order[d];
            step[d] = 1 + rng.nextInt(2);
            start[d] = rng.nextInt(2);
            baseShape[d] = start[d] + (shape[axis] - 1) * step[d] + 1 + rng.nextInt(2);
        }
        Tensor x = Tensor.randn(rng, 0f, 1f, baseShape);
        for (int d = 0; d < rank; d++) {
            x = x.slice(d, start[d], start[d] + (shape[order[d]] - 1) * step[d] + 1, step[d]);
        }
        // axis d of x holds target axis order[d]; permute back so that axis j is target axis j
        int[] inverse = new int[rank];
        for (int d = 0; d < rank; d++) {
            inverse[order[d]] = d;
        }
        return x.permute(inverse);
    }

    static int[] permutation(Random rng, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The row-major multi-index of flat position {@code flat} in {@code shape}. */
    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    /** The index into {@code shape} that a broadcast {@code outIndex} reads (NumPy's rule). */
    static int[] broadcastIndex(int[] outIndex, int[] shape) {
        int lead = outIndex.length - shape.length;
        int[] index = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            index[d] = shape[d] == 1 ? 0 : outIndex[d + lead];
        }
        return index;
    }

    /** Product of sizes. */
    static int size(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
