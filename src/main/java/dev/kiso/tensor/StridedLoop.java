package dev.kiso.tensor;

import java.util.Arrays;

/**
 * Walks several operands that share one shape, row by row: the one place where strided
 * iteration is written. Each operand is an array position ({@code start}) plus one stride per
 * axis; a stride of 0 repeats a value, which is how a broadcast operand or a reduction's
 * accumulator takes part.
 *
 * <p>Before walking, axes are simplified: size-1 axes are dropped and neighbouring axes are
 * merged when every operand steps through them as one ({@code stride[d] == stride[d+1]·shape[d+1]}).
 * Contiguous same-shaped operands therefore become a single row with unit strides, which the
 * callers run as a flat loop that the JIT can vectorize.
 *
 * <p>Usage:
 * <pre>{@code
 * StridedLoop loop = new StridedLoop(shape, new int[] {outStart, xStart}, outStrides, xStrides);
 * for (int r = 0; r < loop.rows(); r++, loop.advance()) {
 *     // elements e = 0 .. loop.rowLength()-1 of operand k sit at
 *     // loop.offset(k) + e * loop.stride(k)
 * }
 * }</pre>
 */
final class StridedLoop {
    private final int[] outerShape;
    private final int[][] outerStrides;
    private final int[] index;
    private final int[] offsets;
    private final int[] rowStrides;
    private final int rowLength;
    private final int rows;

    /**
     * Prepares a walk over {@code shape}.
     *
     * @param shape   the common shape of all operands
     * @param starts  per operand, the array index of element {@code [0, ..., 0]}
     * @param strides per operand, one stride per axis of {@code shape}
     */
    StridedLoop(int[] shape, int[] starts, int[]... strides) {
        int ops = starts.length;
        int[] dims = new int[shape.length];
        int[][] steps = new int[ops][shape.length];
        int rank = 0;
        boolean empty = false;
        for (int d = 0; d < shape.length; d++) {
            empty |= shape[d] == 0;
            if (shape[d] == 1) {
                continue;
            }
            boolean merge = rank > 0;
            for (int k = 0; k < ops && merge; k++) {
                merge = steps[k][rank - 1] == strides[k][d] * shape[d];
            }
            if (merge) {
                dims[rank - 1] *= shape[d];
                for (int k = 0; k < ops; k++) {
                    steps[k][rank - 1] = strides[k][d];
                }
            } else {
                dims[rank] = shape[d];
                for (int k = 0; k < ops; k++) {
                    steps[k][rank] = strides[k][d];
                }
                rank++;
            }
        }
        this.offsets = starts.clone();
        this.rowStrides = new int[ops];
        int outerRank = Math.max(rank - 1, 0);
        this.outerShape = Arrays.copyOf(dims, outerRank);
        this.outerStrides = new int[ops][];
        for (int k = 0; k < ops; k++) {
            rowStrides[k] = rank == 0 ? 0 : steps[k][rank - 1];
            outerStrides[k] = Arrays.copyOf(steps[k], outerRank);
        }
        this.index = new int[outerRank];
        this.rowLength = empty ? 0 : rank == 0 ? 1 : dims[rank - 1];
        int n = empty ? 0 : 1;
        for (int d = 0; d < outerRank; d++) {
            n *= outerShape[d];
        }
        this.rows = n;
    }

    /** @return how many rows the walk visits (0 for an empty shape) */
    int rows() {
        return rows;
    }

    /** @return the number of elements in each row */
    int rowLength() {
        return rowLength;
    }

    /**
     * @param operand which operand
     * @return the array index of the current row's first element for that operand
     */
    int offset(int operand) {
        return offsets[operand];
    }

    /**
     * @param operand which operand
     * @return the step between consecutive elements of a row for that operand
     */
    int stride(int operand) {
        return rowStrides[operand];
    }

    /** Moves to the next row in row-major order (wraps to the first after the last). */
    void advance() {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < outerShape[d]) {
                for (int k = 0; k < offsets.length; k++) {
                    offsets[k] += outerStrides[k][d];
                }
                return;
            }
            index[d] = 0;
            for (int k = 0; k < offsets.length; k++) {
                offsets[k] -= (outerShape[d] - 1) * outerStrides[k][d];
            }
        }
    }
}
