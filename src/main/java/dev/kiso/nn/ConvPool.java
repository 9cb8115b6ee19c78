// ConvPool: a Conv2D and the 2×2 MaxPool2D that follows it, run as one step by Sequential.
//
// forward:  y  = maxpool(conv(x))            each group of images pooled as soon as its product is
//                                           done, from the thread's buffer, while it is in cache
// backward: dx = conv.backward(maxpool.backward(dout))
//                                           each image's output gradient unpooled into the thread's
//                                           buffer just before the convolution's backward uses it
//
// The convolution's output and its gradient (W2: 100×30×24×24 floats, 6.9 MB each) then never go to
// memory: in W2 that is about 28 MB less memory traffic per training step.

package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * A {@link Conv2D} and the 2×2, stride-2 {@link MaxPool2D} after it, as {@link Sequential} runs
 * them (see {@link Sequential#executionOrder()}): the convolution pools each group of images
 * right after computing it, and backward unpools each image's gradient right before using it, so
 * that neither the convolution's full output nor its gradient goes to memory. Forward and
 * backward give the same bits as the two layers one after the other; the parameters, gradients
 * and buffers are the two layers' own (the pooling's argmax, for one, as {@link
 * MaxPool2D#argmaxIndices()} shows; the convolution's own output buffer is not written).
 *
 * <p>Sequential builds these itself; it is public so that tools that walk the execution order
 * (like {@code ./kiso bench --layers}) can name the two layers inside. It is not meant to be put
 * into a model: build models from the two layers.
 */
public final class ConvPool implements Layer {
    private final Conv2D conv;
    private final MaxPool2D pool;

    /**
     * The two layers, run as one.
     *
     * @param conv the convolution
     * @param pool the pooling that follows it: 2×2 windows, stride 2, no padding
     */
    ConvPool(Conv2D conv, MaxPool2D pool) {
        if (!pool.isTwoByTwo()) {
            throw new IllegalArgumentException("ConvPool: needs 2x2 pooling with stride 2, got " + pool);
        }
        this.conv = conv;
        this.pool = pool;
    }

    /** @return the convolution */
    public Conv2D convolution() {
        return conv;
    }

    /** @return the pooling after it */
    public MaxPool2D pooling() {
        return pool;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        return conv.forwardPooled(x, training, null, pool);
    }

    @Override
    public Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return conv.forwardPooled(x, false, workspace, pool);
    }

    @Override
    public Tensor backward(Tensor dout) {
        return conv.backwardPooled(dout, true, pool);
    }

    @Override
    public void backwardParameters(Tensor dout) {
        conv.backwardPooled(dout, false, pool);
    }

    @Override
    public List<Parameter> parameters() {
        return conv.parameters();
    }

    @Override
    public Map<String, Tensor> buffers() {
        return conv.buffers();
    }

    @Override
    public void initialize(java.util.Random rng) {
        conv.initialize(rng);
    }

    @Override
    public LayerSpec spec() {
        return LayerSpec.of("ConvPool");
    }

    @Override
    public String toString() {
        return conv + " + " + pool;
    }
}
