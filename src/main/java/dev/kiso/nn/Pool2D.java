// Pool2D: what max and average pooling share. It slides a k×k window with stride s and padding p
// over every channel plane, clips the window to the image, and lets the subclass say what happens
// inside one window, forward (reduce it to one value) and backward (send that value's gradient back).
//
//   window (i, j) covers rows [max(0, i·s − p), min(H, i·s − p + k)) and
//                        columns [max(0, j·s − p), min(W, j·s − p + k)) of its plane.

package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.Im2Col.Window;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * The sliding-window loop shared by {@link MaxPool2D} and {@link AvgPool2D}: checks, output shape,
 * and one pass over every window of every plane in memory order. Not for use on its own.
 */
abstract sealed class Pool2D implements Layer permits MaxPool2D, AvgPool2D {

    private final String type;
    private final Window window;
    private int[] xShape;   // training-mode input shape; null until a training forward
    private Tensor y;        // training-mode output buffer, reused while the shape stays the same
    private Tensor dx;       // input-gradient buffer, likewise

    Pool2D(String type, int kernel, int stride, int padding) {
        this.type = type;
        this.window = Window.of(type, kernel, kernel, stride, stride, padding, padding);
        if (2 * padding > kernel) {
            throw new KisoException(type + ": padding " + padding + " must be at most half the kernel " + kernel
                    + ", so that every window holds a real pixel");
        }
    }

    /**
     * Reduces one window (clipped to the image) to its output value.
     *
     * @param x        the input data
     * @param plane    index of the window's plane {@code (n, c)} in {@code x}
     * @param w        the plane's width
     * @param out      index of the output element, also the window's index
     * @param training whether to remember what backward needs
     */
    abstract float pool(float[] x, int plane, int w, int rowLo, int rowHi, int colLo, int colHi, int out,
                        boolean training);

    /**
     * Sends one output's gradient {@code g} back into the window's cells of {@code dx}.
     */
    abstract void unpool(float g, float[] dx, int plane, int w, int rowLo, int rowHi, int colLo, int colHi, int out);

    /** Called before every forward pass over {@code outputs} windows, fast or not. */
    void beforeForward(int outputs, boolean training) {
    }

    /**
     * A subclass's faster forward over the whole batch, or {@code false} to use the window loop.
     *
     * @param x        the input, contiguous
     * @param y        the output to fill, contiguous from offset 0
     * @param training whether this is a training forward
     * @return whether {@code y} was filled
     */
    boolean forwardFast(Tensor x, Tensor y, boolean training) {
        return false;
    }

    /**
     * A subclass's faster backward, or {@code false} to use the window loop.
     *
     * @param xShape the input shape of the last training forward
     * @param yShape its output shape
     * @param dout   the upstream gradient, contiguous
     * @param dx     the gradient to fill (every element), contiguous from offset 0
     * @return whether {@code dx} was filled
     */
    boolean backwardFast(int[] xShape, int[] yShape, Tensor dout, Tensor dx) {
        return false;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return forward(x, training, null);
    }

    /** Evaluation mode with the output in {@code workspace}. */
    @Override
    public Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return forward(x, false, workspace);
    }

    private Tensor forward(Tensor x, boolean training, InferenceWorkspace workspace) {
        Tensor xc = x.contiguous();
        Tensor out = begin(x.shape(), training, workspace, xc);
        if (!forwardFast(xc, out, training)) {
            slide(x.shape(), out.shape(), xc.data(), xc.offset(), out.data(), 0, true, training);
        }
        return out;
    }

    /**
     * Starts a forward pass over an input of shape {@code inputShape}: checks the shape, calls
     * {@link #beforeForward}, remembers the shape for backward (training mode) and returns the
     * output to fill. {@link #forward} fills it; so can a layer that produces the input plane by
     * plane and pools each plane at once ({@link MaxPool2D#poolPlanes}).
     *
     * @param input the tensor the caller reads while the output is written (never shares its memory)
     */
    final Tensor begin(int[] inputShape, boolean training, InferenceWorkspace workspace, Tensor input) {
        int[] yShape = window.outputShape(this, inputShape);
        Tensor out = training ? (y = Buffers.reuse(y, yShape, input)) : Buffers.evaluation(workspace, yShape, input);
        beforeForward(out.size(), training);
        if (training) {
            xShape = inputShape.clone();
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor d = checkedGradient(dout);
        int[] xs = xShape;
        int[] yShape = d.shape();
        dx = Buffers.reuse(dx, xs, d);
        if (!backwardFast(xs, yShape, d, dx)) {
            Arrays.fill(dx.data(), 0f);   // windows add into dx
            slide(xs, yShape, dx.data(), 0, d.data(), d.offset(), false, true);
        }
        return dx;
    }

    /**
     * Checks that there was a training forward and that {@code dout} has its output's shape.
     *
     * @return {@code dout}, contiguous
     */
    final Tensor checkedGradient(Tensor dout) {
        int[] xs = LayerChecks.requireForward(xShape, this);
        return LayerChecks.gradientOf(this, window.outputShape(this, xs), dout).contiguous();
    }

    /**
     * One pass over every window: forward reads {@code x} and writes {@code y}; backward reads the
     * gradient from {@code y} and adds into {@code x}.
     */
    private void slide(int[] xs, int[] ys, float[] x, int xOff, float[] y, int yOff, boolean forward, boolean training) {
        int h = xs[2];
        int w = xs[3];
        int oh = ys[2];
        int ow = ys[3];
        int k = window.kh();
        int s = window.strideH();
        int p = window.padH();
        for (int plane = 0; plane < ys[0] * ys[1]; plane++) {
            int xPlane = xOff + plane * h * w;
            for (int i = 0; i < oh; i++) {
                int rowLo = Math.max(0, i * s - p);
                int rowHi = Math.min(h, i * s - p + k);
                for (int j = 0; j < ow; j++) {
                    int colLo = Math.max(0, j * s - p);
                    int colHi = Math.min(w, j * s - p + k);
                    int out = (plane * oh + i) * ow + j;
                    if (forward) {
                        y[yOff + out] = pool(x, xPlane, w, rowLo, rowHi, colLo, colHi, out, training);
                    } else {
                        unpool(y[yOff + out], x, xPlane, w, rowLo, rowHi, colLo, colHi, out);
                    }
                }
            }
        }
    }

    /** @return the window's side */
    final int kernel() {
        return window.kh();
    }

    /** @return whether the window is 2×2 with stride 2 and no padding (every window lies inside) */
    final boolean isTwoByTwo() {
        return window.kh() == 2 && window.strideH() == 2 && window.padH() == 0;
    }

    /** @return the input shape of the last training forward, or null */
    final int[] trainedShape() {
        return xShape;
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of(type).with("kernel", window.kh()).with("stride", window.strideH())
                .with("padding", window.padH());
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
