package dev.kiso.tensor;

import dev.kiso.KisoException;

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
 * <p>Operations: element-wise arithmetic and functions that broadcast like NumPy ({@link #add},
 * {@link #mul}, {@link #exp}, {@link #relu}, ..., implemented in {@code ElementWise}); in-place
 * variants named with a trailing {@code i} ({@link #addi}, {@link #muli}, {@link #mapi}, ...);
 * reductions along any set of axes ({@link #sum}, {@link #mean}, {@link #max}, {@link #variance},
 * {@link #argmax}, in {@code Reductions}); and {@link #matmul} (in {@code MatMul}). Printing
 * follows NumPy's {@code repr} ({@code TensorFormat}). The guide is {@code docs/tensor.md}.
 *
 * <p>Shape mistakes throw {@link KisoException} naming the operation and the shapes, for example
 * {@code matmul: shapes [2, 3] and [4, 5] do not align (3 != 4)}.
 */
public final class Tensor {

    // Package-private so that the op helpers (ElementWise, Reductions, StridedLoop) read the
    // layout without copies. Never modified after construction.
    final float[] data;
    final int offset;
    final int[] shape;
    final int[] strides;
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
        if (data == null || shape == null || strides == null) {
            throw new KisoException("Tensor: data, shape and strides must not be null");
        }
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
     * A contiguous tensor over {@code data} (shared, not copied) with the given shape. With no
     * shape it is a scalar (rank 0, one value); a 1-D tensor needs its length:
     * {@code Tensor.of(values, values.length)}.
     *
     * @param data  values in row-major order; its length must equal the product of {@code shape}
     * @param shape the size of each axis
     * @return the tensor
     */
    public static Tensor of(float[] data, int... shape) {
        if (data == null) {
            throw new KisoException("Tensor.of: data must not be null");
        }
        int n = sizeOf("Tensor.of", shape);
        if (n != data.length) {
            String hint = shape.length == 0 ? "; for a 1-D tensor pass the length: Tensor.of(values, "
                    + data.length + ")" : "";
            throw new KisoException("Tensor.of: " + data.length + " values do not fill shape "
                    + Arrays.toString(shape) + " (" + n + " elements)" + hint);
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
        if (n < 0) {
            throw new KisoException("arange: n = " + n + " is negative");
        }
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
        if (size == 0) {
            return true;
        }
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
        return wrap(toArray(), shape);
    }

    /**
     * The values in row-major order, in a new array.
     *
     * @return a fresh array of {@link #size()} values
     */
    public float[] toArray() {
        float[] out = new float[size];
        if (size == 0) {
            return out;
        }
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
        if (step < 1) {
            throw new KisoException("slice: step " + step + " must be at least 1 (axis " + a + " of shape "
                    + Arrays.toString(shape) + ")");
        }
        if (start < 0 || end > shape[a] || start > end) {
            throw new KisoException("slice: range [" + start + ", " + end + ") is outside axis " + a
                    + " of size " + shape[a] + " in shape " + Arrays.toString(shape));
        }
        int[] newShape = shape.clone();
        int[] newStrides = strides.clone();
        newShape[a] = (end - start + step - 1) / step;
        newStrides[a] = strides[a] * step;
        // An empty result addresses no element: keep the offset, which is then known to be in range.
        boolean empty = sizeOf("slice", newShape) == 0;
        int newOffset = empty ? offset : offset + start * strides[a];
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
        sizeOf("broadcastTo", target);
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
     * leading (batch) axes broadcast and each trailing pair is multiplied, so {@code [b, m, k]}
     * times {@code [k, n]} is {@code [b, m, n]}. A transposed or sliced view is handed to the GEMM
     * kernel as it is (with a transpose flag), not copied first.
     *
     * @param other the right operand
     * @return a new contiguous tensor with the product
     */
    public Tensor matmul(Tensor other) {
        return MatMul.product(this, other);
    }

    /**
     * {@code c = a·b} (or {@code c += a·b} when {@code accumulate}) for 2-D tensors, written into a
     * row-major block of {@code c} starting at {@code cOffset} with row stride {@code ldc}. The
     * building block of affine and convolution layers, which keep their output buffers.
     *
     * @param a          left operand {@code [m, k]}, any strides
     * @param b          right operand {@code [k, n]}, any strides
     * @param c          output array; the block must fit in it
     * @param cOffset    index of {@code c[0, 0]}
     * @param ldc        row stride of {@code c}, at least {@code n}
     * @param accumulate add to {@code c} instead of overwriting it
     */
    public static void matmulInto(Tensor a, Tensor b, float[] c, int cOffset, int ldc, boolean accumulate) {
        MatMul.into(a, b, c, cOffset, ldc, accumulate);
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

    // ------------------------------------------------------------------ element-wise: binary

    /**
     * {@code this + other}, broadcasting both shapes NumPy's way.
     *
     * @param other the right operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor add(Tensor other) {
        return ElementWise.binary("add", Ops.Binary.ADD, this, other);
    }

    /**
     * {@code this + value} for every element.
     *
     * @param value the scalar
     * @return a new tensor of this shape
     */
    public Tensor add(float value) {
        return add(scalar(value));
    }

    /**
     * {@code this - other}, with broadcasting.
     *
     * @param other the right operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor sub(Tensor other) {
        return ElementWise.binary("sub", Ops.Binary.SUB, this, other);
    }

    /**
     * {@code this - value} for every element.
     *
     * @param value the scalar
     * @return a new tensor of this shape
     */
    public Tensor sub(float value) {
        return sub(scalar(value));
    }

    /**
     * {@code this * other} element by element (not the matrix product: see {@link #matmul}), with
     * broadcasting.
     *
     * @param other the right operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor mul(Tensor other) {
        return ElementWise.binary("mul", Ops.Binary.MUL, this, other);
    }

    /**
     * {@code this * value} for every element.
     *
     * @param value the scalar
     * @return a new tensor of this shape
     */
    public Tensor mul(float value) {
        return mul(scalar(value));
    }

    /**
     * {@code this / other} element by element (IEEE rules: {@code x/0} is ±inf or NaN), with
     * broadcasting.
     *
     * @param other the right operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor div(Tensor other) {
        return ElementWise.binary("div", Ops.Binary.DIV, this, other);
    }

    /**
     * {@code this / value} for every element.
     *
     * @param value the scalar
     * @return a new tensor of this shape
     */
    public Tensor div(float value) {
        return div(scalar(value));
    }

    /**
     * The larger of each pair of elements (NaN if either is NaN), with broadcasting.
     *
     * @param other the right operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor maximum(Tensor other) {
        return ElementWise.binary("maximum", Ops.Binary.MAX, this, other);
    }

    /**
     * {@code max(this, value)} for every element.
     *
     * @param value the scalar
     * @return a new tensor of this shape
     */
    public Tensor maximum(float value) {
        return maximum(scalar(value));
    }

    /**
     * The smaller of each pair of elements (NaN if either is NaN), with broadcasting.
     *
     * @param other the right operand
     * @return a new tensor of the broadcast shape
     */
    public Tensor minimum(Tensor other) {
        return ElementWise.binary("minimum", Ops.Binary.MIN, this, other);
    }

    /**
     * {@code min(this, value)} for every element.
     *
     * @param value the scalar
     * @return a new tensor of this shape
     */
    public Tensor minimum(float value) {
        return minimum(scalar(value));
    }

    /**
     * {@code f(this, other)} element by element, with broadcasting: the escape hatch for a
     * binary function that has no method of its own.
     *
     * @param other the right operand
     * @param f     the function
     * @return a new tensor of the broadcast shape
     */
    public Tensor zip(Tensor other, FloatBinaryOperator f) {
        return ElementWise.binary("zip", f, this, other);
    }

    // ------------------------------------------------------------------ element-wise: in place

    /**
     * In place: {@code this += other}. The trailing {@code i} marks an in-place method (like
     * PyTorch's {@code add_}); it returns {@code this} so calls chain. {@code other} must broadcast
     * to this tensor's shape, which never changes. Writes through to every view of the data;
     * a broadcast view (stride 0) cannot be written.
     *
     * @param other the operand
     * @return this tensor
     */
    public Tensor addi(Tensor other) {
        return ElementWise.binaryInPlace("addi", Ops.Binary.ADD, this, other);
    }

    /**
     * In place: {@code this += value}.
     *
     * @param value the scalar
     * @return this tensor
     */
    public Tensor addi(float value) {
        return addi(scalar(value));
    }

    /**
     * In place: {@code this += alpha * other} (BLAS's axpy), the update step of an optimizer.
     *
     * @param alpha the factor
     * @param other the operand; must broadcast to this shape
     * @return this tensor
     */
    public Tensor addi(float alpha, Tensor other) {
        return ElementWise.binaryInPlace("addi", (a, b) -> a + alpha * b, this, other);
    }

    /**
     * In place: {@code this -= other}.
     *
     * @param other the operand; must broadcast to this shape
     * @return this tensor
     */
    public Tensor subi(Tensor other) {
        return ElementWise.binaryInPlace("subi", Ops.Binary.SUB, this, other);
    }

    /**
     * In place: {@code this -= value}.
     *
     * @param value the scalar
     * @return this tensor
     */
    public Tensor subi(float value) {
        return subi(scalar(value));
    }

    /**
     * In place: {@code this *= other} element by element.
     *
     * @param other the operand; must broadcast to this shape
     * @return this tensor
     */
    public Tensor muli(Tensor other) {
        return ElementWise.binaryInPlace("muli", Ops.Binary.MUL, this, other);
    }

    /**
     * In place: {@code this *= value}.
     *
     * @param value the scalar
     * @return this tensor
     */
    public Tensor muli(float value) {
        return muli(scalar(value));
    }

    /**
     * In place: {@code this /= other} element by element.
     *
     * @param other the operand; must broadcast to this shape
     * @return this tensor
     */
    public Tensor divi(Tensor other) {
        return ElementWise.binaryInPlace("divi", Ops.Binary.DIV, this, other);
    }

    /**
     * In place: {@code this /= value}.
     *
     * @param value the scalar
     * @return this tensor
     */
    public Tensor divi(float value) {
        return divi(scalar(value));
    }

    /**
     * In place: {@code this = f(this, other)} element by element.
     *
     * @param other the operand; must broadcast to this shape
     * @param f     the function
     * @return this tensor
     */
    public Tensor zipi(Tensor other, FloatBinaryOperator f) {
        return ElementWise.binaryInPlace("zipi", f, this, other);
    }

    /**
     * In place: copies {@code source}'s values into this tensor (broadcasting them to this shape).
     * Source and destination may share data: overlapping source values are read before any write.
     *
     * @param source the values
     * @return this tensor
     */
    public Tensor copyFrom(Tensor source) {
        return ElementWise.unaryInto("copyFrom", Ops.Unary.IDENTITY, source, this);
    }

    /**
     * In place: sets every element to {@code value}.
     *
     * @param value the value
     * @return this tensor
     */
    public Tensor fill(float value) {
        return copyFrom(scalar(value));
    }

    // ------------------------------------------------------------------ element-wise: unary

    /**
     * {@code f(x)} for every element: the escape hatch for a function that has no method of its own.
     *
     * @param f the function
     * @return a new contiguous tensor of this shape
     */
    public Tensor map(FloatUnaryOperator f) {
        return ElementWise.unary(f, this);
    }

    /**
     * In place: {@code x = f(x)} for every element.
     *
     * @param f the function
     * @return this tensor
     */
    public Tensor mapi(FloatUnaryOperator f) {
        return ElementWise.unaryInto("mapi", f, this, this);
    }

    /** @return {@code -x} for every element, in a new tensor */
    public Tensor neg() {
        return map(Ops.Unary.NEG);
    }

    /** @return {@code e^x} for every element, in a new tensor */
    public Tensor exp() {
        return map(Ops.Unary.EXP);
    }

    /** @return the natural logarithm of every element ({@code -inf} at 0, NaN below), in a new tensor */
    public Tensor log() {
        return map(Ops.Unary.LOG);
    }

    /** @return the square root of every element (NaN below 0), in a new tensor */
    public Tensor sqrt() {
        return map(Ops.Unary.SQRT);
    }

    /** @return {@code |x|} for every element, in a new tensor */
    public Tensor abs() {
        return map(Ops.Unary.ABS);
    }

    /** @return {@code -1}, {@code 0} or {@code 1} by the sign of every element (NaN stays NaN), in a new tensor */
    public Tensor sign() {
        return map(Ops.Unary.SIGN);
    }

    /** @return {@code tanh(x)} for every element, in a new tensor */
    public Tensor tanh() {
        return map(Ops.Unary.TANH);
    }

    /** @return {@code 1 / (1 + e^-x)} for every element, computed without overflow, in a new tensor */
    public Tensor sigmoid() {
        return map(Ops.Unary.SIGMOID);
    }

    /** @return {@code max(x, 0)} for every element (NaN stays NaN), in a new tensor */
    public Tensor relu() {
        return map(Ops.Unary.RELU);
    }

    /** @return {@code x²} for every element, in a new tensor */
    public Tensor square() {
        return map(Ops.Unary.SQUARE);
    }

    /**
     * {@code x^p} for every element.
     *
     * @param p the exponent
     * @return a new tensor of this shape
     */
    public Tensor pow(float p) {
        return map(x -> (float) Math.pow(x, p));
    }

    // ------------------------------------------------------------------ reductions

    /**
     * The sum of all elements, accumulated in double precision (exact to float precision for
     * any size that fits an array); 0 for an empty tensor.
     *
     * @return the sum
     */
    public float sum() {
        return Reductions.sum(this, Reductions.allAxes(this), false).item();
    }

    /**
     * Sums along one axis, which disappears from the shape.
     *
     * @param axis the axis; negative counts from the end
     * @return the sums
     */
    public Tensor sum(int axis) {
        return sum(new int[] {axis}, false);
    }

    /**
     * Sums along some axes, like NumPy's {@code sum(axis=axes, keepdims=keepDims)}.
     * Example: {@code x} of shape {@code [2, 3, 4]}, {@code x.sum(new int[] {0, 2}, true)} has
     * shape {@code [1, 3, 1]}; with {@code keepDims = false} it has shape {@code [3]}.
     *
     * @param axes     the axes to sum over (an empty array sums over nothing)
     * @param keepDims keep the summed axes with size 1, so the result broadcasts against this tensor
     * @return the sums, accumulated in double precision
     */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** @return the mean of all elements (NaN for an empty tensor) */
    public float mean() {
        return Reductions.mean(this, Reductions.allAxes(this), false).item();
    }

    /**
     * Means along one axis, which disappears from the shape.
     *
     * @param axis the axis
     * @return the means
     */
    public Tensor mean(int axis) {
        return mean(new int[] {axis}, false);
    }

    /**
     * Means along some axes (see {@link #sum(int[], boolean)} for the shapes).
     *
     * @param axes     the axes to average over
     * @param keepDims keep them with size 1
     * @return the means
     */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /** @return the largest element (NaN if any is NaN); fails on an empty tensor */
    public float max() {
        return Reductions.max(this, Reductions.allAxes(this), false).item();
    }

    /**
     * Maxima along one axis, which disappears from the shape.
     *
     * @param axis the axis
     * @return the maxima
     */
    public Tensor max(int axis) {
        return max(new int[] {axis}, false);
    }

    /**
     * Maxima along some axes (see {@link #sum(int[], boolean)} for the shapes).
     *
     * @param axes     the axes to reduce; none of them may be empty
     * @param keepDims keep them with size 1
     * @return the maxima
     */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reductions.max(this, axes, keepDims);
    }

    /** @return the smallest element (NaN if any is NaN); fails on an empty tensor */
    public float min() {
        return Reductions.min(this, Reductions.allAxes(this), false).item();
    }

    /**
     * Minima along one axis, which disappears from the shape.
     *
     * @param axis the axis
     * @return the minima
     */
    public Tensor min(int axis) {
        return min(new int[] {axis}, false);
    }

    /**
     * Minima along some axes (see {@link #sum(int[], boolean)} for the shapes).
     *
     * @param axes     the axes to reduce; none of them may be empty
     * @param keepDims keep them with size 1
     * @return the minima
     */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reductions.min(this, axes, keepDims);
    }

    /** @return the biased (population) variance {@code Σ(x-mean)²/N} of all elements */
    public float variance() {
        return variance(Reductions.allAxes(this), false, 0).item();
    }

    /**
     * The biased variance {@code Σ(x-mean)²/N} along one axis, which disappears from the shape.
     *
     * @param axis the axis
     * @return the variances
     */
    public Tensor variance(int axis) {
        return variance(new int[] {axis}, false, 0);
    }

    /**
     * The variance {@code Σ(x-mean)² / (N - correction)} along some axes, where {@code N} counts
     * the reduced elements: {@code correction = 0} is the biased (population) variance that
     * normalisation layers use, {@code 1} the unbiased (sample) one, like PyTorch's
     * {@code var(correction=...)} and NumPy's {@code ddof}. Two passes (mean first) keep it
     * accurate when the mean is large.
     *
     * @param axes       the axes to reduce
     * @param keepDims   keep them with size 1
     * @param correction subtracted from {@code N} in the divisor; 0 or more
     * @return the variances (NaN or inf where {@code N - correction <= 0})
     */
    public Tensor variance(int[] axes, boolean keepDims, int correction) {
        return Reductions.variance(this, axes, keepDims, correction);
    }

    /**
     * The row-major (flat) index of the largest element; the first one on ties, and the first
     * NaN if there is one (as NumPy). Fails on an empty tensor.
     *
     * @return the index into {@link #toArray()}
     */
    public int argmax() {
        return (int) flatten().argmax(0, false).item();
    }

    /**
     * Indices of the largest values along one axis (first on ties), stored as floats (exact
     * below 2^24), with the axis removed from the shape.
     *
     * @param axis the axis
     * @return the indices
     */
    public Tensor argmax(int axis) {
        return argmax(axis, false);
    }

    /**
     * Indices of the largest values along one axis, like NumPy's {@code argmax(axis, keepdims)}.
     *
     * @param axis     the axis; it may not be empty
     * @param keepDims keep it with size 1
     * @return the indices, stored as floats (exact below 2^24)
     */
    public Tensor argmax(int axis, boolean keepDims) {
        return Reductions.argmax(this, axis, keepDims);
    }

    // ------------------------------------------------------------------ equality

    /**
     * Whether two tensors have the same shape and every pair of values satisfies
     * {@code |a - b| <= atol + rtol·|b|}, as NumPy's {@code allclose}: NaNs never match, an
     * infinity matches only the same infinity.
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
            // as NumPy: infinities match only an equal infinity, NaN matches nothing
            boolean close = Float.isInfinite(x[i]) || Float.isInfinite(y[i])
                    ? x[i] == y[i]
                    : Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]);
            if (!close) {
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

    /** A contiguous tensor over {@code data}, whose length is known to fit {@code shape} (any rank, even 0). */
    static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(data, 0, shape, contiguousStrides(shape));
    }

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
                known = Math.min(known * newShape[d], Integer.MAX_VALUE + 1L); // no long overflow
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
            // No element is read, but the offset is still handed to array copies: keep it in range.
            if (offset < 0 || offset > data.length) {
                throw new KisoException("Tensor: offset " + offset + " of an empty tensor of shape "
                        + Arrays.toString(shape) + " is outside an array of " + data.length);
            }
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
