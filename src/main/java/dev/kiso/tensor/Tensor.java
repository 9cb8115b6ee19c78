package dev.kiso.tensor;

import dev.kiso.KisoException;
import dev.kiso.tensor.kernel.Gemm;

import java.util.Arrays;
import java.util.Random;

/**
 * An n-dimensional array of float32 values: a window onto a shared {@code float[]}.
 *
 * <p>Element {@code [i0, i1, ..., ik]} lives at {@code data[offset + i0*strides[0] + ... + ik*strides[k]]}.
 * Because the layout is described by {@code offset}, {@code shape} and {@code strides} alone, the
 * views ({@link #reshape}, {@link #transpose}, {@link #permute}, {@link #slice}, {@link #squeeze},
 * {@link #unsqueeze}, {@link #broadcastTo}) share {@code data} with the tensor they come from and
 * never copy. A stride of 0 repeats one value along an axis: that is how broadcasting works.
 *
 * <p>A tensor is <em>contiguous</em> when its elements sit back to back in row-major (C) order
 * from {@code offset}; {@link #contiguous()} copies only when a tensor is not.
 *
 * <p>Shape mistakes throw {@link KisoException} naming the operation and the shapes, for example
 * {@code matmul: shapes [2, 3] and [4, 5] do not align (3 != 4)}.
 */
public final class Tensor {

    private final float[] data;
    private final int offset;
    private final int[] shape;
    private final int[] strides;
    private final int size;

    /**
     * Wraps {@code data} with an explicit layout. No checks beyond bounds: most users want
     * {@link #of(float[], int...)} or a factory instead.
     *
     * @param data    the backing array, shared, not copied
     * @param offset  index in {@code data} of element {@code [0, ..., 0]}
     * @param shape   the size of each axis
     * @param strides the step in {@code data} for each axis
     */
    public Tensor(float[] data, int offset, int[] shape, int[] strides) {
        if (shape.length != strides.length) {
            throw new KisoException("Tensor: shape " + Arrays.toString(shape)
                    + " and strides " + Arrays.toString(strides) + " differ in rank");
        }
        this.data = data;
        this.offset = offset;
        this.shape = shape.clone();
        this.strides = strides.clone();
        this.size = sizeOf("Tensor", this.shape);
        checkBounds();
    }

    // ------------------------------------------------------------------ factories

    /**
     * A contiguous tensor over {@code data} (shared, not copied) with the given shape.
     *
     * @param data  values in row-major order; its length must equal the product of {@code shape}
     * @param shape the size of each axis
     * @return the tensor
     */
    public static Tensor of(float[] data, int... shape) {
        int n = sizeOf("Tensor.of", shape);
        if (n != data.length) {
            throw new KisoException("Tensor.of: " + data.length + " values do not fill shape "
                    + Arrays.toString(shape) + " (" + n + " elements)");
        }
        return new Tensor(data, 0, shape, contiguousStrides(shape));
    }

    /**
     * A scalar (rank 0) tensor.
     *
     * @param value the value
     * @return a tensor of shape {@code []}
     */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, new int[0], new int[0]);
    }

    /**
     * A tensor of zeros.
     *
     * @param shape the size of each axis
     * @return a new contiguous tensor
     */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[sizeOf("zeros", shape)], 0, shape, contiguousStrides(shape));
    }

    /**
     * A tensor of ones.
     *
     * @param shape the size of each axis
     * @return a new contiguous tensor
     */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /**
     * A tensor filled with one value.
     *
     * @param value the value of every element
     * @param shape the size of each axis
     * @return a new contiguous tensor
     */
    public static Tensor full(float value, int... shape) {
        Tensor t = zeros(shape);
        Arrays.fill(t.data, value);
        return t;
    }

    /**
     * The values {@code 0, 1, ..., n-1}, like NumPy's {@code arange(n)}.
     *
     * @param n how many values
     * @return a new 1-D tensor of shape {@code [n]}
     */
    public static Tensor arange(int n) {
        Tensor t = zeros(n);
        for (int i = 0; i < n; i++) {
            t.data[i] = i;
        }
        return t;
    }

    /**
     * Values drawn from a normal distribution with the given mean and standard deviation.
     *
     * @param rng   the seeded generator: same seed, same values
     * @param mean  the mean
     * @param std   the standard deviation
     * @param shape the size of each axis
     * @return a new contiguous tensor
     */
    public static Tensor randn(Random rng, float mean, float std, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.size; i++) {
            t.data[i] = mean + std * (float) rng.nextGaussian();
        }
        return t;
    }

    /**
     * Values drawn uniformly from {@code [low, high)}.
     *
     * @param rng   the seeded generator: same seed, same values
     * @param low   the lower bound (inclusive)
     * @param high  the upper bound (exclusive)
     * @param shape the size of each axis
     * @return a new contiguous tensor
     */
    public static Tensor rand(Random rng, float low, float high, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.size; i++) {
            t.data[i] = low + (high - low) * rng.nextFloat();
        }
        return t;
    }

    // ------------------------------------------------------------------ layout

    /** @return the backing array, shared with every view of this tensor */
    public float[] data() {
        return data;
    }

    /** @return index in {@link #data()} of the first element */
    public int offset() {
        return offset;
    }

    /** @return a copy of the shape */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The size of one axis; negative axes count from the end.
     *
     * @param axis the axis
     * @return its size
     */
    public int shape(int axis) {
        return shape[normalizeAxis("shape", axis)];
    }

    /** @return a copy of the strides */
    public int[] strides() {
        return strides.clone();
    }

    /** @return the number of axes */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return size;
    }

    /** @return whether the elements sit back to back in row-major order from {@link #offset()} */
    public boolean isContiguous() {
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * This tensor if it is contiguous, otherwise a contiguous copy.
     *
     * @return a contiguous tensor with the same values
     */
    public Tensor contiguous() {
        return isContiguous() ? this : copy();
    }

    /**
     * A contiguous copy that owns a new array of exactly {@link #size()} values.
     *
     * @return the copy
     */
    public Tensor copy() {
        return of(toArray(), shape);
    }

    /**
     * The values in row-major order, in a new array.
     *
     * @return a fresh array of {@link #size()} values
     */
    public float[] toArray() {
        float[] out = new float[size];
        if (isContiguous()) {
            System.arraycopy(data, offset, out, 0, size);
            return out;
        }
        int[] index = new int[shape.length];
        for (int i = 0; i < size; i++) {
            out[i] = data[offsetOf(index)];
            increment(index, shape);
        }
        return out;
    }

    // ------------------------------------------------------------------ element access

    /**
     * The element at an index.
     *
     * @param index one coordinate per axis
     * @return the value
     */
    public float get(int... index) {
        return data[checkedOffset("get", index)];
    }

    /**
     * Sets the element at an index. Writes through to every view that shares the data.
     *
     * @param value the new value
     * @param index one coordinate per axis
     */
    public void set(float value, int... index) {
        data[checkedOffset("set", index)] = value;
    }

    /**
     * The value of a tensor with exactly one element.
     *
     * @return that value
     */
    public float item() {
        if (size != 1) {
            throw new KisoException("item: tensor of shape " + Arrays.toString(shape)
                    + " has " + size + " elements, expected 1");
        }
        return data[offset];
    }

    // ------------------------------------------------------------------ views

    /**
     * The same values with another shape. A contiguous tensor is viewed without copying; any
     * other tensor is copied first. One axis may be {@code -1} and is then inferred.
     *
     * @param newShape the new shape
     * @return a tensor of the new shape
     */
    public Tensor reshape(int... newShape) {
        int[] resolved = resolveShape(newShape);
        Tensor source = contiguous();
        return new Tensor(source.data, source.offset, resolved, contiguousStrides(resolved));
    }

    /**
     * Like {@link #reshape} but never copies: fails on a tensor that is not contiguous.
     *
     * @param newShape the new shape; one axis may be {@code -1}
     * @return a view of the new shape
     */
    public Tensor view(int... newShape) {
        if (!isContiguous()) {
            throw new KisoException("view: tensor of shape " + Arrays.toString(shape) + " with strides "
                    + Arrays.toString(strides) + " is not contiguous; use reshape(), which copies");
        }
        return reshape(newShape);
    }

    /**
     * All axes flattened into one.
     *
     * @return a 1-D tensor of {@link #size()} elements
     */
    public Tensor flatten() {
        return reshape(size);
    }

    /**
     * Swaps two axes (a view).
     *
     * @param axis0 one axis
     * @param axis1 the other axis
     * @return the transposed view
     */
    public Tensor transpose(int axis0, int axis1) {
        int[] order = new int[shape.length];
        for (int d = 0; d < order.length; d++) {
            order[d] = d;
        }
        int a = normalizeAxis("transpose", axis0);
        int b = normalizeAxis("transpose", axis1);
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /**
     * The transpose of a 2-D tensor (a view).
     *
     * @return the transposed view
     */
    public Tensor t() {
        if (shape.length != 2) {
            throw new KisoException("t: expected a 2-D tensor, got shape " + Arrays.toString(shape));
        }
        return transpose(0, 1);
    }

    /**
     * Reorders the axes (a view): axis {@code d} of the result is axis {@code order[d]} of this.
     *
     * @param order a permutation of {@code 0 .. rank-1}
     * @return the permuted view
     */
    public Tensor permute(int... order) {
        if (order.length != shape.length) {
            throw new KisoException("permute: order " + Arrays.toString(order) + " does not match rank "
                    + shape.length + " of shape " + Arrays.toString(shape));
        }
        boolean[] seen = new boolean[shape.length];
        int[] newShape = new int[shape.length];
        int[] newStrides = new int[shape.length];
        for (int d = 0; d < order.length; d++) {
            int axis = normalizeAxis("permute", order[d]);
            if (seen[axis]) {
                throw new KisoException("permute: order " + Arrays.toString(order) + " repeats axis " + axis);
            }
            seen[axis] = true;
            newShape[d] = shape[axis];
            newStrides[d] = strides[axis];
        }
        return new Tensor(data, offset, newShape, newStrides);
    }

    /**
     * Elements {@code start} (inclusive) to {@code end} (exclusive) along one axis (a view).
     *
     * @param axis  the axis
     * @param start first index kept
     * @param end   one past the last index kept
     * @return the sliced view
     */
    public Tensor slice(int axis, int start, int end) {
        return slice(axis, start, end, 1);
    }

    /**
     * Every {@code step}-th element from {@code start} (inclusive) to {@code end} (exclusive)
     * along one axis (a view).
     *
     * @param axis  the axis
     * @param start first index kept
     * @param end   one past the last index considered
     * @param step  the step, at least 1
     * @return the sliced view
     */
    public Tensor slice(int axis, int start, int end, int step) {
        int a = normalizeAxis("slice", axis);
        if (start < 0 || end > shape[a] || start > end || step < 1) {
            throw new KisoException("slice: range [" + start + ", " + end + ") step " + step
                    + " is outside axis " + a + " of size " + shape[a] + " in shape " + Arrays.toString(shape));
        }
        int[] newShape = shape.clone();
        int[] newStrides = strides.clone();
        newShape[a] = (end - start + step - 1) / step;
        newStrides[a] = strides[a] * step;
        int newOffset = newShape[a] == 0 ? offset : offset + start * strides[a];
        return new Tensor(data, newOffset, newShape, newStrides);
    }

    /**
     * Removes every axis of size 1 (a view).
     *
     * @return the squeezed view
     */
    public Tensor squeeze() {
        int kept = 0;
        for (int s : shape) {
            if (s != 1) {
                kept++;
            }
        }
        int[] newShape = new int[kept];
        int[] newStrides = new int[kept];
        int j = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1) {
                newShape[j] = shape[d];
                newStrides[j++] = strides[d];
            }
        }
        return new Tensor(data, offset, newShape, newStrides);
    }

    /**
     * Removes one axis of size 1 (a view).
     *
     * @param axis the axis to remove; its size must be 1
     * @return the squeezed view
     */
    public Tensor squeeze(int axis) {
        int a = normalizeAxis("squeeze", axis);
        if (shape[a] != 1) {
            throw new KisoException("squeeze: axis " + a + " of shape " + Arrays.toString(shape)
                    + " has size " + shape[a] + ", expected 1");
        }
        return new Tensor(data, offset, remove(shape, a), remove(strides, a));
    }

    /**
     * Inserts an axis of size 1 (a view).
     *
     * @param axis where the new axis goes, from {@code 0} to {@code rank}; negative counts from the end
     * @return the view with one more axis
     */
    public Tensor unsqueeze(int axis) {
        int a = axis < 0 ? axis + shape.length + 1 : axis;
        if (a < 0 || a > shape.length) {
            throw new KisoException("unsqueeze: axis " + axis + " is out of range for shape "
                    + Arrays.toString(shape));
        }
        int[] newShape = new int[shape.length + 1];
        int[] newStrides = new int[shape.length + 1];
        for (int d = 0, j = 0; d < newShape.length; d++) {
            if (d == a) {
                newShape[d] = 1;
                newStrides[d] = 0;
            } else {
                newShape[d] = shape[j];
                newStrides[d] = strides[j++];
            }
        }
        return new Tensor(data, offset, newShape, newStrides);
    }

    /**
     * Repeats this tensor to a larger shape by NumPy's broadcasting rules, as a view whose
     * repeated axes have stride 0. Writing through such a view writes one element many times.
     *
     * @param target the shape to broadcast to
     * @return the broadcast view
     */
    public Tensor broadcastTo(int... target) {
        if (target.length < shape.length) {
            throw new KisoException("broadcastTo: cannot broadcast shape " + Arrays.toString(shape)
                    + " to shape " + Arrays.toString(target) + " of lower rank");
        }
        int[] newStrides = new int[target.length];
        int lead = target.length - shape.length;
        for (int d = 0; d < target.length; d++) {
            if (d < lead) {
                newStrides[d] = 0;
                continue;
            }
            int s = shape[d - lead];
            if (s == target[d]) {
                newStrides[d] = strides[d - lead];
            } else if (s == 1) {
                newStrides[d] = 0;
            } else {
                throw new KisoException("broadcastTo: cannot broadcast shape " + Arrays.toString(shape)
                        + " to shape " + Arrays.toString(target) + " (axis " + d + ": " + s + " vs " + target[d] + ")");
            }
        }
        return new Tensor(data, offset, target, newStrides);
    }

    // ------------------------------------------------------------------ matmul

    /**
     * Matrix product. Two 2-D tensors {@code [m, k]·[k, n] -> [m, n]}; with more axes, the
     * leading (batch) axes broadcast and each trailing pair is multiplied. A transposed view is
     * handed to the GEMM kernel as a transpose flag, never copied first.
     *
     * @param other the right operand
     * @return a new contiguous tensor with the product
     */
    public Tensor matmul(Tensor other) {
        if (rank() < 2 || other.rank() < 2) {
            throw new KisoException("matmul: expected tensors of rank 2 or more, got shapes "
                    + Arrays.toString(shape) + " and " + Arrays.toString(other.shape));
        }
        int m = shape[rank() - 2];
        int k = shape[rank() - 1];
        int k2 = other.shape[other.rank() - 2];
        int n = other.shape[other.rank() - 1];
        if (k != k2) {
            throw new KisoException("matmul: shapes " + Arrays.toString(shape) + " and "
                    + Arrays.toString(other.shape) + " do not align (" + k + " != " + k2 + ")");
        }
        int[] batchA = Arrays.copyOf(shape, rank() - 2);
        int[] batchB = Arrays.copyOf(other.shape, other.rank() - 2);
        int[] batch = Broadcast.shape("matmul", batchA, batchB);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = zeros(outShape);
        int[] fullA = Arrays.copyOf(batch, batch.length + 2);
        fullA[batch.length] = m;
        fullA[batch.length + 1] = k;
        int[] fullB = Arrays.copyOf(batch, batch.length + 2);
        fullB[batch.length] = k;
        fullB[batch.length + 1] = n;
        Tensor a = broadcastTo(fullA);
        Tensor b = other.broadcastTo(fullB);
        int batches = sizeOf("matmul", batch);
        int[] index = new int[batch.length];
        for (int i = 0; i < batches; i++) {
            Tensor ai = a.select(index);
            Tensor bi = b.select(index);
            matmulInto(ai, bi, out.data, i * m * n, n, false);
            increment(index, batch);
        }
        return out;
    }

    /**
     * {@code c = a·b} (or {@code c += a·b} when {@code accumulate}) for 2-D tensors, written into a
     * row-major block of {@code c} starting at {@code cOffset} with row stride {@code ldc}. The
     * building block of affine and convolution layers, which keep their output buffers.
     *
     * @param a          left operand {@code [m, k]}, any strides
     * @param b          right operand {@code [k, n]}, any strides
     * @param c          output array
     * @param cOffset    index of {@code c[0, 0]}
     * @param ldc        row stride of {@code c}
     * @param accumulate add to {@code c} instead of overwriting it
     */
    public static void matmulInto(Tensor a, Tensor b, float[] c, int cOffset, int ldc, boolean accumulate) {
        if (a.rank() != 2 || b.rank() != 2 || a.shape[1] != b.shape[0]) {
            throw new KisoException("matmul: shapes " + Arrays.toString(a.shape) + " and "
                    + Arrays.toString(b.shape) + " do not align");
        }
        int m = a.shape[0];
        int k = a.shape[1];
        int n = b.shape[1];
        if (m == 0 || n == 0) {
            return;
        }
        Tensor ga = a.gemmReady();
        Tensor gb = b.gemmReady();
        boolean transA = ga.strides[1] != 1;
        boolean transB = gb.strides[1] != 1;
        int lda = transA ? ga.strides[1] : ga.strides[0];
        int ldb = transB ? gb.strides[1] : gb.strides[0];
        Gemm.gemm(transA, transB, m, n, k,
                ga.data, ga.offset, Math.max(lda, 1),
                gb.data, gb.offset, Math.max(ldb, 1),
                c, cOffset, ldc, accumulate);
    }

    /**
     * This 2-D tensor if one of its axes has unit stride (so GEMM reads it directly, transposed
     * or not), else a contiguous copy. Size-1 axes get a harmless stride so the test is simple.
     */
    private Tensor gemmReady() {
        int r = shape[0] == 1 ? Math.max(1, shape[1]) : strides[0];
        int c = shape[1] == 1 ? 1 : strides[1];
        if (c == 1 && r >= shape[1]) {
            return new Tensor(data, offset, shape, new int[] {r, 1});
        }
        if (r == 1 && c >= shape[0] && shape[1] != 1) {
            return new Tensor(data, offset, shape, new int[] {1, c});
        }
        Tensor copy = copy();
        return new Tensor(copy.data, 0, shape, new int[] {Math.max(1, shape[1]), 1});
    }

    /** The sub-tensor at a leading index: fixes the first {@code index.length} axes (a view). */
    Tensor select(int[] index) {
        int off = offset;
        for (int d = 0; d < index.length; d++) {
            off += index[d] * strides[d];
        }
        return new Tensor(data, off, Arrays.copyOfRange(shape, index.length, shape.length),
                Arrays.copyOfRange(strides, index.length, strides.length));
    }

    // ------------------------------------------------------------------ equality

    /**
     * Whether two tensors have the same shape and every pair of values satisfies
     * {@code |a - b| <= atol + rtol·|b|} (NaNs never match).
     *
     * @param other the tensor to compare with (plays the role of {@code b})
     * @param rtol  relative tolerance
     * @param atol  absolute tolerance
     * @return whether they are close
     */
    public boolean allClose(Tensor other, float rtol, float atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        float[] x = toArray();
        float[] y = other.toArray();
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #allClose(Tensor, float, float)} with NumPy's defaults {@code rtol = 1e-5, atol = 1e-8}.
     *
     * @param other the tensor to compare with
     * @return whether they are close
     */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5f, 1e-8f);
    }

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------ helpers (package-private)

    /** Row-major strides for a shape. */
    static int[] contiguousStrides(int[] shape) {
        int[] s = new int[shape.length];
        int step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = step;
            step *= shape[d];
        }
        return s;
    }

    /** The number of elements of a shape, with a clear error for negative sizes or overflow. */
    static int sizeOf(String op, int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new KisoException(op + ": negative size in shape " + Arrays.toString(shape));
            }
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new KisoException(op + ": shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        return (int) n;
    }

    /** Advances a row-major multi-index by one; returns false after the last element. */
    static boolean increment(int[] index, int[] shape) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return true;
            }
            index[d] = 0;
        }
        return false;
    }

    /** The array index of a multi-index, unchecked. */
    int offsetOf(int[] index) {
        int off = offset;
        for (int d = 0; d < index.length; d++) {
            off += index[d] * strides[d];
        }
        return off;
    }

    int normalizeAxis(String op, int axis) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new KisoException(op + ": axis " + axis + " is out of range for shape "
                    + Arrays.toString(shape) + " (rank " + shape.length + ")");
        }
        return a;
    }

    private int checkedOffset(String op, int[] index) {
        if (index.length != shape.length) {
            throw new KisoException(op + ": index " + Arrays.toString(index) + " has " + index.length
                    + " coordinates, shape " + Arrays.toString(shape) + " has " + shape.length + " axes");
        }
        for (int d = 0; d < index.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new KisoException(op + ": index " + Arrays.toString(index) + " is out of bounds for shape "
                        + Arrays.toString(shape) + " (axis " + d + ")");
            }
        }
        return offsetOf(index);
    }

    private int[] resolveShape(int[] newShape) {
        int inferred = -1;
        long known = 1;
        for (int d = 0; d < newShape.length; d++) {
            if (newShape[d] == -1) {
                if (inferred >= 0) {
                    throw new KisoException("reshape: shape " + Arrays.toString(newShape) + " has more than one -1");
                }
                inferred = d;
            } else if (newShape[d] < 0) {
                throw new KisoException("reshape: negative size in shape " + Arrays.toString(newShape));
            } else {
                known *= newShape[d];
            }
        }
        int[] resolved = newShape.clone();
        if (inferred >= 0) {
            if (known == 0 || size % known != 0) {
                throw new KisoException("reshape: cannot reshape " + Arrays.toString(shape) + " (" + size
                        + " elements) to " + Arrays.toString(newShape));
            }
            resolved[inferred] = (int) (size / known);
        } else if (known != size) {
            throw new KisoException("reshape: cannot reshape " + Arrays.toString(shape) + " (" + size
                    + " elements) to " + Arrays.toString(newShape) + " (" + known + " elements)");
        }
        return resolved;
    }

    private void checkBounds() {
        if (size == 0) {
            return;
        }
        long lo = offset;
        long hi = offset;
        for (int d = 0; d < shape.length; d++) {
            long span = (long) (shape[d] - 1) * strides[d];
            if (span < 0) {
                lo += span;
            } else {
                hi += span;
            }
        }
        if (lo < 0 || hi >= data.length) {
            throw new KisoException("Tensor: layout offset " + offset + ", shape " + Arrays.toString(shape)
                    + ", strides " + Arrays.toString(strides) + " reaches outside an array of " + data.length);
        }
    }

    private static int[] remove(int[] values, int at) {
        int[] out = new int[values.length - 1];
        for (int d = 0, j = 0; d < values.length; d++) {
            if (d != at) {
                out[j++] = values[d];
            }
        }
        return out;
    }
}
