package dev.kiso.tensor;

import dev.kiso.KisoException;
import dev.kiso.tensor.kernel.Gemm;

import java.util.Arrays;

/**
 * Matrix products on top of the GEMM kernel. {@link Tensor#matmul} and {@link Tensor#matmulInto}
 * delegate here.
 *
 * <p>GEMM reads a matrix in one of two layouts: row-major (unit step along a row, rows
 * {@code ld} apart) or column-major, which is a row-major matrix read transposed. Any 2-D view in
 * either layout — a transposed view ({@code x.t()}), a slice of rows or of columns — goes to the
 * kernel as it is, with the transpose flag set for the second; only other layouts (a stride-0
 * broadcast, a step along both axes) are copied first.
 */
final class MatMul {
    private MatMul() {
    }

    /** A 2-D operand as the kernel reads it. */
    private record Operand(float[] data, int offset, int ld, boolean transposed) {
    }

    /** {@code a·b} with broadcast batch axes; see {@link Tensor#matmul}. */
    static Tensor product(Tensor a, Tensor b) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new KisoException("matmul: expected tensors of rank 2 or more, got shapes "
                    + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape));
        }
        int m = a.shape[a.rank() - 2];
        int k = a.shape[a.rank() - 1];
        int k2 = b.shape[b.rank() - 2];
        int n = b.shape[b.rank() - 1];
        if (k != k2) {
            throw new KisoException("matmul: shapes " + Arrays.toString(a.shape) + " and "
                    + Arrays.toString(b.shape) + " do not align (" + k + " != " + k2 + ")");
        }
        int[] batch = Broadcast.shape("matmul", Arrays.copyOf(a.shape, a.rank() - 2),
                Arrays.copyOf(b.shape, b.rank() - 2));
        Tensor out = Tensor.zeros(withMatrix(batch, m, n));
        Tensor ab = a.broadcastTo(withMatrix(batch, m, k));
        Tensor bb = b.broadcastTo(withMatrix(batch, k, n));
        int batches = Tensor.sizeOf("matmul", batch);
        int[] index = new int[batch.length];
        for (int i = 0; i < batches; i++) {
            into(ab.select(index), bb.select(index), out.data, i * m * n, n, false);
            Tensor.increment(index, batch);
        }
        return out;
    }

    /** {@code c (+)= a·b} for 2-D tensors; see {@link Tensor#matmulInto}. */
    static void into(Tensor a, Tensor b, float[] c, int cOffset, int ldc, boolean accumulate) {
        if (a.rank() != 2 || b.rank() != 2 || a.shape[1] != b.shape[0]) {
            throw new KisoException("matmulInto: shapes " + Arrays.toString(a.shape) + " and "
                    + Arrays.toString(b.shape) + " do not align (expected [m, k] and [k, n])");
        }
        int m = a.shape[0];
        int k = a.shape[1];
        int n = b.shape[1];
        if (m == 0 || n == 0) {
            return;
        }
        long last = cOffset + (long) (m - 1) * ldc + n;
        if (cOffset < 0 || ldc < n || last > c.length) {
            throw new KisoException("matmulInto: output block of " + m + "x" + n + " at offset " + cOffset
                    + " with row stride " + ldc + " does not fit an array of " + c.length);
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, 0f);
                }
            }
            return;
        }
        Operand pa = operand(a);
        Operand pb = operand(b);
        Gemm.gemm(pa.transposed, pb.transposed, m, n, k,
                pa.data, pa.offset, pa.ld, pb.data, pb.offset, pb.ld, c, cOffset, ldc, accumulate);
    }

    /**
     * How the kernel reads {@code x} ({@code rows x cols}, both at least 1). The stride of a
     * size-1 axis is never used to step, so it is replaced by whatever makes the layout valid:
     * a single row is row-major with any {@code ld >= cols}, a single column is column-major
     * with any {@code ld >= rows}.
     */
    private static Operand operand(Tensor x) {
        int rows = x.shape[0];
        int cols = x.shape[1];
        int rowStep = rows == 1 ? cols : x.strides[0];
        int colStep = cols == 1 ? 1 : x.strides[1];
        if (colStep == 1 && rowStep >= cols) {
            return new Operand(x.data, x.offset, rowStep, false);
        }
        rowStep = rows == 1 ? 1 : x.strides[0];
        colStep = cols == 1 ? rows : x.strides[1];
        if (rowStep == 1 && colStep >= rows) {
            return new Operand(x.data, x.offset, colStep, true);
        }
        return new Operand(x.toArray(), 0, cols, false);
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = rows;
        shape[batch.length + 1] = cols;
        return shape;
    }
}
