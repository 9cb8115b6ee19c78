// VectorMaxPool2x2: MaxPool2x2's loops with the Vector API, L windows at a time (L = 8 with AVX-512).
//
// A row of x holds the windows' left and right cells interleaved: l0 r0 l1 r1 ... Read as 64-bit
// lanes, each lane is one (l, r) pair, l in the low half (the Vector API reinterprets little-endian):
// narrowing the lanes to 32 bits keeps the l's, shifting right by 32 first keeps the r's. That splits
// a vector of 2L cells into the L left and L right cells without shuffles; backward widens and
// combines them the other way. The comparisons are then the plain loop's, on L windows at once.
// A row whose width is not a multiple of L ends with a step that overlaps the previous one.
// Rows narrower than L (W3's 7- and 4-window rows) are pooled a plane at a time instead: the plane's
// windows are numbered row by row, and each step gathers the four cells of L consecutive windows
// through a table of their top-left cells. Planes of fewer than L windows, and the backward pass of
// narrow rows, take the plain loops.

package dev.kiso.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPool2x2} with the Vector API. Loaded only when the JVM has {@code jdk.incubator.vector}
 * (through {@link #usable()} and {@link #create()}). Same bits as the plain loops.
 */
final class VectorMaxPool2x2 extends MaxPool2x2 {
    /** Two cells per window, one row: 2L floats. */
    private static final VectorSpecies<Float> CELLS = FloatVector.SPECIES_PREFERRED;
    /** The same bits as L (left, right) pairs. */
    private static final VectorSpecies<Long> PAIRS = LongVector.SPECIES_PREFERRED;
    /** One lane per window. */
    private static final VectorSpecies<Float> WINDOWS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(CELLS.vectorBitSize() / 2));
    private static final VectorSpecies<Integer> INDICES =
            VectorSpecies.of(int.class, VectorShape.forBitSize(CELLS.vectorBitSize() / 2));
    private static final int L = WINDOWS.length();
    /** 0, 2, 4, ...: the column of each lane's left cell, relative to the step's first window. */
    private static final IntVector LEFT_COLUMN = IntVector.zero(INDICES).addIndex(2);
    private static final IntVector ZERO = IntVector.zero(INDICES);
    private static final IntVector ONE = IntVector.broadcast(INDICES, 1);

    private VectorMaxPool2x2() {
    }

    /**
     * @return whether the machine's vectors are wide enough, 256 bits or more (narrower ones were
     *         not tried: narrowing their 64-bit lanes may not compile to one instruction)
     */
    static boolean usable() {
        return CELLS.vectorBitSize() >= 256;
    }

    /** @return the Vector API loops */
    static MaxPool2x2 create() {
        return new VectorMaxPool2x2();
    }

    /** Per thread: the top-left cell of each window of a plane, for {@link #forwardByGathers}. */
    private static final ThreadLocal<int[]> CORNERS = ThreadLocal.withInitial(() -> new int[0]);
    /**
     * Per thread: the plane's {h, w} that {@link #CORNERS} was filled for. The table is refilled
     * only when that changes: a convolution that pools its own output ({@link ConvPool}) pools
     * one plane per call.
     */
    private static final ThreadLocal<int[]> CORNERS_SHAPE = ThreadLocal.withInitial(() -> new int[] {-1, -1});

    @Override
    int lanes() {
        return L;
    }

    @Override
    void forward(float[] x, int x0, int h, int w, float[] y, int[] argmax, int first, int last) {
        int oh = h / 2;
        int ow = w / 2;
        if (ow < L) {
            if (oh * ow >= L) {
                forwardByGathers(x, x0, h, w, y, argmax, first, last);
            } else {
                PLAIN.forward(x, x0, h, w, y, argmax, first, last);
            }
            return;
        }
        IntVector below = IntVector.broadcast(INDICES, w);
        IntVector belowRight = IntVector.broadcast(INDICES, w + 1);
        for (int plane = first; plane < last; plane++) {
            for (int i = 0; i < oh; i++) {
                int top = x0 + plane * h * w + 2 * i * w;
                int out = (plane * oh + i) * ow;
                for (int step = 0; step < ow; step += L) {
                    int j = Math.min(step, ow - L);   // first window of this step
                    FloatVector upper = FloatVector.fromArray(CELLS, x, top + 2 * j);
                    FloatVector lower = FloatVector.fromArray(CELLS, x, top + w + 2 * j);
                    FloatVector a = left(upper);
                    FloatVector b = right(upper);
                    FloatVector c = left(lower);
                    FloatVector d = right(lower);
                    VectorMask<Float> r = takesOver(a, b);
                    VectorMask<Float> br = takesOver(c, d);
                    FloatVector topMax = a.blend(b, r);
                    FloatVector bottomMax = c.blend(d, br);
                    VectorMask<Float> down = takesOver(topMax, bottomMax);
                    topMax.blend(bottomMax, down).intoArray(y, out + j);
                    if (argmax != null) {
                        IntVector cell = ZERO.blend(ONE, r.cast(INDICES))
                                .blend(below.blend(belowRight, br.cast(INDICES)), down.cast(INDICES));
                        cell.add(LEFT_COLUMN).add(2 * i * w + 2 * j).intoArray(argmax, out + j);
                    }
                }
            }
        }
    }

    /**
     * {@link #forward} for rows narrower than L windows: L consecutive windows of a plane at a
     * time, in row-major order across its rows, their cells gathered through the table of top-left
     * cells; a plane whose window count is not a multiple of L ends with an overlapping step.
     */
    private static void forwardByGathers(float[] x, int x0, int h, int w, float[] y, int[] argmax, int first, int last) {
        int ow = w / 2;
        int windows = (h / 2) * ow;
        int[] corner = CORNERS.get();
        int[] filledFor = CORNERS_SHAPE.get();
        if (corner.length < windows) {
            corner = new int[windows];
            CORNERS.set(corner);
            filledFor[0] = -1;
        }
        if (filledFor[0] != h || filledFor[1] != w) {
            for (int o = 0; o < windows; o++) {
                corner[o] = 2 * (o / ow) * w + 2 * (o % ow);   // x[2i, 2j] for window (i, j), within the plane
            }
            filledFor[0] = h;
            filledFor[1] = w;
        }
        IntVector below = IntVector.broadcast(INDICES, w);
        IntVector belowRight = IntVector.broadcast(INDICES, w + 1);
        for (int plane = first; plane < last; plane++) {
            int top = x0 + plane * h * w;
            int out = plane * windows;
            for (int step = 0; step < windows; step += L) {
                int o = Math.min(step, windows - L);   // first window of this step
                // The comparisons are forward's, written out again rather than shared through a
                // method taking vectors: such a call was not always inlined, and every vector passed
                // to it then became an object (measured: the first pooling layer of W3 went from
                // 0.25 to 2.9-4.1 ms per step in two runs of three).
                FloatVector a = FloatVector.fromArray(WINDOWS, x, top, corner, o);
                FloatVector b = FloatVector.fromArray(WINDOWS, x, top + 1, corner, o);
                FloatVector c = FloatVector.fromArray(WINDOWS, x, top + w, corner, o);
                FloatVector d = FloatVector.fromArray(WINDOWS, x, top + w + 1, corner, o);
                VectorMask<Float> r = takesOver(a, b);
                VectorMask<Float> br = takesOver(c, d);
                FloatVector topMax = a.blend(b, r);
                FloatVector bottomMax = c.blend(d, br);
                VectorMask<Float> down = takesOver(topMax, bottomMax);
                topMax.blend(bottomMax, down).intoArray(y, out + o);
                if (argmax != null) {
                    IntVector cell = ZERO.blend(ONE, r.cast(INDICES))
                            .blend(below.blend(belowRight, br.cast(INDICES)), down.cast(INDICES));
                    cell.add(IntVector.fromArray(INDICES, corner, o)).intoArray(argmax, out + o);
                }
            }
        }
    }

    @Override
    void backward(float[] dout, int d0, int[] argmax, float[] dx, int dx0, int h, int w, int first, int last) {
        int oh = h / 2;
        int ow = w / 2;
        if (ow < L) {
            PLAIN.backward(dout, d0, argmax, dx, dx0, h, w, first, last);
            return;
        }
        for (int plane = first; plane < last; plane++) {
            int xPlane = dx0 + plane * h * w;
            if (h % 2 == 1 || w % 2 == 1) {   // cells outside every window get 0
                java.util.Arrays.fill(dx, xPlane, xPlane + h * w, 0f);
            }
            for (int i = 0; i < oh; i++) {
                int top = xPlane + 2 * i * w;
                int out = (plane * oh + i) * ow;
                for (int step = 0; step < ow; step += L) {
                    int j = Math.min(step, ow - L);
                    IntVector g = FloatVector.fromArray(WINDOWS, dout, d0 + out + j).reinterpretAsInts();
                    // which cell won, as an offset from the window's top-left cell: 0, 1, w or w + 1
                    IntVector cell = IntVector.fromArray(INDICES, argmax, out + j)
                            .sub(LEFT_COLUMN).sub(2 * i * w + 2 * j);
                    interleave(only(g, cell, 0), only(g, cell, 1)).intoArray(dx, top + 2 * j);
                    interleave(only(g, cell, w), only(g, cell, w + 1)).intoArray(dx, top + w + 2 * j);
                }
            }
        }
    }

    /** Lanes 0, 2, 4, ... of {@code v}. */
    private static FloatVector left(FloatVector v) {
        return ((IntVector) v.reinterpretAsLongs().convertShape(VectorOperators.L2I, INDICES, 0)).reinterpretAsFloats();
    }

    /** Lanes 1, 3, 5, ... of {@code v}. */
    private static FloatVector right(FloatVector v) {
        return ((IntVector) v.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 32)
                .convertShape(VectorOperators.L2I, INDICES, 0)).reinterpretAsFloats();
    }

    /** The bits of {@code l0 r0 l1 r1 ...} as floats. */
    private static FloatVector interleave(IntVector l, IntVector r) {
        LongVector low = ((LongVector) l.convertShape(VectorOperators.I2L, PAIRS, 0)).and(0xffffffffL);
        LongVector high = ((LongVector) r.convertShape(VectorOperators.I2L, PAIRS, 0)).lanewise(VectorOperators.LSHL, 32);
        return (FloatVector) low.or(high).reinterpretShape(CELLS, 0);
    }

    /** {@code g} where {@code cell == which}, 0 elsewhere. */
    private static IntVector only(IntVector g, IntVector cell, int which) {
        return ZERO.blend(g, cell.compare(VectorOperators.EQ, which));
    }

    /** The lanes where {@code q} takes over from {@code p}: {@code q > p}, or q is NaN and p is not. */
    private static VectorMask<Float> takesOver(FloatVector p, FloatVector q) {
        return q.compare(VectorOperators.LE, p).or(p.compare(VectorOperators.NE, p)).not();
    }
}
