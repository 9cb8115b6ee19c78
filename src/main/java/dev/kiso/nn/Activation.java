package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

/**
 * What the activation layers ({@link ReLU}, {@link LeakyReLU}, {@link Sigmoid}, {@link Tanh},
 * {@link Softmax}) share: everything except their arithmetic, which each writes in two loops,
 * {@link #forwardInto} and {@link #backwardInto}.
 *
 * <p>Forward reads a contiguous input and fills an output buffer: reused across training steps of
 * the same shape, fresh in evaluation mode (which writes nothing in the layer), or taken from the
 * {@link InferenceWorkspace} given to {@link #infer}. Training mode keeps
 * the input and the output for backward, which checks that a training forward came first and that
 * {@code dout} has the output's shape, then fills a reused {@code dx} buffer.
 */
abstract class Activation implements Layer {
    private Tensor x;   // input of the last training forward (contiguous)
    private Tensor y;   // its output (buffer, reused)
    private Tensor dx;  // gradient buffer, reused

    /**
     * Computes the output.
     *
     * @param x the input, contiguous from {@code x.offset()}
     * @param y the output to fill, same shape, contiguous from offset 0
     */
    abstract void forwardInto(Tensor x, Tensor y);

    /**
     * Computes the gradient with respect to the input.
     *
     * @param x    the input of the training forward, contiguous from {@code x.offset()}
     * @param y    its output, contiguous from offset 0
     * @param dout the upstream gradient, same shape, contiguous from {@code dout.offset()}
     * @param dx   the gradient to fill, same shape, contiguous from offset 0
     */
    abstract void backwardInto(Tensor x, Tensor y, Tensor dout, Tensor dx);

    /**
     * Rejects an input this activation cannot take; the default accepts any shape.
     *
     * @param x the input
     */
    void checkInput(Tensor x) {
    }

    @Override
    public final Tensor forward(Tensor x, boolean training) {
        return forward(x, training, null);
    }

    /** Evaluation mode with the output in {@code workspace}. */
    @Override
    public final Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return forward(x, false, workspace);
    }

    private Tensor forward(Tensor x, boolean training, InferenceWorkspace workspace) {
        checkInput(x);
        x = x.contiguous();
        Tensor out = training ? Buffers.reuse(y, x.shape(), x) : Buffers.evaluation(workspace, x.shape(), x);
        forwardInto(x, out);
        if (training) {
            this.x = x;
            this.y = out;
        }
        return out;
    }

    @Override
    public final Tensor backward(Tensor dout) {
        Tensor y = LayerChecks.requireForward(this.y, this);
        dout = LayerChecks.gradientOf(this, y.shape(), dout);
        dx = Buffers.reuse(dx, y.shape(), dout);
        backwardInto(x, y, dout, dx);
        return dx;
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
