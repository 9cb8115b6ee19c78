package dev.kiso.tensor;

import dev.kiso.KisoException;

import java.util.Arrays;

/**
 * NumPy's broadcasting rule: shapes are aligned at their last axis; two sizes are compatible when
 * they are equal or one of them is 1, and the result takes the larger. A missing leading axis
 * counts as size 1.
 */
final class Broadcast {
    private Broadcast() {
    }

    /**
     * The broadcast shape of two shapes.
     *
     * @param op the operation, for the error message
     * @param a  one shape
     * @param b  the other shape
     * @return the shape both broadcast to
     */
    static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            int sa = d < rank - a.length ? 1 : a[d - (rank - a.length)];
            int sb = d < rank - b.length ? 1 : b[d - (rank - b.length)];
            if (sa != sb && sa != 1 && sb != 1) {
                throw new KisoException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (axis " + d + ": " + sa + " vs " + sb + ")");
            }
            out[d] = sa == 1 ? sb : sa;
        }
        return out;
    }
}
