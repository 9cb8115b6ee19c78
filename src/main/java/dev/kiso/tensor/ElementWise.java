package dev.kiso.tensor;

import dev.kiso.KisoException;

import java.util.Arrays;

/**
 * Element-wise operations: {@code out = f(a, b)} and {@code out = f(x)}, with NumPy broadcasting.
 * {@link Tensor}'s public methods ({@code add}, {@code exp}, {@code addi}, ...) delegate here.
 *
 * <p>All iteration goes through {@link StridedLoop}. When every operand steps with unit stride
 * (contiguous, same shape), a row is the whole tensor and runs as one flat loop; for the
 * arithmetic ops that loop is written out per op so that it vectorizes (see {@link Ops} for why
 * the ops are enums).
 */
final class ElementWise {
    private ElementWise() {
    }

    /** A new tensor {@code f(a, b)} of the broadcast shape of {@code a} and {@code b}. */
    static Tensor binary(String op, FloatBinaryOperator f, Tensor a, Tensor b) {
        int[] shape = Broadcast.shape(op, a.shape, b.shape);
        Tensor out = Tensor.zeros(shape);
        run(f, a.broadcastTo(shape), b.broadcastTo(shape), out);
        return out;
    }

    /** {@code x = f(x, b)} in place; {@code b} must broadcast to {@code x}'s shape. */
    static Tensor binaryInPlace(String op, FloatBinaryOperator f, Tensor x, Tensor b) {
        checkWritable(op, x);
        Tensor bb = broadcastInto(op, b, x);
        run(f, x, bb, x);
        return x;
    }

    /** A new tensor {@code f(x)} of {@code x}'s shape. */
    static Tensor unary(FloatUnaryOperator f, Tensor x) {
        Tensor out = Tensor.zeros(x.shape);
        run(f, x, out);
        return out;
    }

    /** {@code out = f(x)} in place, where {@code x} broadcasts to {@code out}'s shape. */
    static Tensor unaryInto(String op, FloatUnaryOperator f, Tensor x, Tensor out) {
        checkWritable(op, out);
        run(f, broadcastInto(op, x, out), out);
        return out;
    }

    /** Fails unless {@code t} may be written element by element (no stride-0 axis of size > 1). */
    static void checkWritable(String op, Tensor t) {
        for (int d = 0; d < t.shape.length; d++) {
            if (t.strides[d] == 0 && t.shape[d] > 1) {
                throw new KisoException(op + ": cannot write in place into a broadcast view (shape "
                        + Arrays.toString(t.shape) + ", strides " + Arrays.toString(t.strides)
                        + ", axis " + d + " repeats one element); copy() it first");
            }
        }
    }

    /**
     * {@code b} broadcast to {@code target}'s shape, as read while {@code target} is written:
     * copied first when it shares {@code target}'s array in a different layout, so that no
     * element is read after it was overwritten.
     */
    private static Tensor broadcastInto(String op, Tensor b, Tensor target) {
        int[] shape = Broadcast.shape(op, target.shape, b.shape);
        if (!Arrays.equals(shape, target.shape)) {
            throw new KisoException(op + ": operand of shape " + Arrays.toString(b.shape)
                    + " does not broadcast to shape " + Arrays.toString(target.shape)
                    + " of the tensor written in place");
        }
        Tensor bb = b.broadcastTo(shape);
        boolean sameLayout = bb.offset == target.offset && Arrays.equals(bb.strides, target.strides);
        if (bb.data == target.data && !sameLayout) {
            bb = b.copy().broadcastTo(shape);
        }
        return bb;
    }

    private static void run(FloatBinaryOperator f, Tensor a, Tensor b, Tensor out) {
        float[] x = a.data;
        float[] y = b.data;
        float[] z = out.data;
        StridedLoop loop = new StridedLoop(out.shape, new int[] {out.offset, a.offset, b.offset},
                out.strides, a.strides, b.strides);
        int n = loop.rowLength();
        for (int r = 0; r < loop.rows(); r++, loop.advance()) {
            int o = loop.offset(0);
            int i = loop.offset(1);
            int j = loop.offset(2);
            int so = loop.stride(0);
            int si = loop.stride(1);
            int sj = loop.stride(2);
            if (so == 1 && si == 1 && sj == 1 && f instanceof Ops.Binary) {
                flat((Ops.Binary) f, x, i, y, j, z, o, n);
            } else {
                for (int e = 0; e < n; e++) {
                    z[o + e * so] = f.apply(x[i + e * si], y[j + e * sj]);
                }
            }
        }
    }

    /**
     * The fast path: unit strides everywhere, with the operation chosen outside the loop so that
     * each loop is plain array arithmetic the JIT turns into SIMD instructions.
     */
    private static void flat(Ops.Binary op, float[] x, int i, float[] y, int j, float[] z, int o, int n) {
        switch (op) {
            case ADD:
                for (int e = 0; e < n; e++) {
                    z[o + e] = x[i + e] + y[j + e];
                }
                break;
            case SUB:
                for (int e = 0; e < n; e++) {
                    z[o + e] = x[i + e] - y[j + e];
                }
                break;
            case MUL:
                for (int e = 0; e < n; e++) {
                    z[o + e] = x[i + e] * y[j + e];
                }
                break;
            default:
                for (int e = 0; e < n; e++) {
                    z[o + e] = op.apply(x[i + e], y[j + e]);
                }
        }
    }

    /** The unary fast path: the cheap ops get a loop of their own, like the binary ones. */
    private static void flat(Ops.Unary op, float[] x, int i, float[] z, int o, int n) {
        switch (op) {
            case IDENTITY:
                System.arraycopy(x, i, z, o, n);
                break;
            case RELU:
                // Math.max keeps NaN and vectorizes; a ternary here branches and runs ~50x slower
                for (int e = 0; e < n; e++) {
                    z[o + e] = Math.max(x[i + e], 0f);
                }
                break;
            case SQUARE:
                for (int e = 0; e < n; e++) {
                    z[o + e] = x[i + e] * x[i + e];
                }
                break;
            default:
                for (int e = 0; e < n; e++) {
                    z[o + e] = op.apply(x[i + e]);
                }
        }
    }

    private static void run(FloatUnaryOperator f, Tensor a, Tensor out) {
        float[] x = a.data;
        float[] z = out.data;
        StridedLoop loop = new StridedLoop(out.shape, new int[] {out.offset, a.offset}, out.strides, a.strides);
        int n = loop.rowLength();
        for (int r = 0; r < loop.rows(); r++, loop.advance()) {
            int o = loop.offset(0);
            int i = loop.offset(1);
            int so = loop.stride(0);
            int si = loop.stride(1);
            if (so == 1 && si == 1 && f instanceof Ops.Unary) {
                flat((Ops.Unary) f, x, i, z, o, n);
            } else {
                for (int e = 0; e < n; e++) {
                    z[o + e * so] = f.apply(x[i + e * si]);
                }
            }
        }
    }
}
