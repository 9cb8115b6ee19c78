// Residual: a block whose input is added back to its output (He et al., "Deep Residual Learning").
//
// forward:  y  = block(x) + shortcut(x)          shortcut = identity, or a 1×1 convolution (projection)
// backward: dx = block.backward(dout) + shortcut.backward(dout)      (identity: + dout)

package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A residual connection: {@code y = block(x) + shortcut(x)}. With the identity shortcut the block
 * only has to learn a correction to its input, and the gradient reaches earlier layers directly
 * through the sum. When the block changes the number of channels or the resolution, a projection
 * shortcut (a 1×1 {@link Conv2D} with the block's stride, no bias, optionally followed by a
 * {@link BatchNorm}) makes the shapes agree.
 *
 * <p>Shape: {@code x [N, C, H, W]} → {@code y}, the shape of {@code block(x)}, which must equal the
 * shape of {@code shortcut(x)}.
 *
 * <p>Names: the block's state is prefixed {@code block.} ({@code block.0.weight} when the block is a
 * {@link Sequential}), the shortcut's {@code shortcut.} ({@code shortcut.weight} for a projection).
 *
 * <pre>{@code
 * Layer same = new Residual(new Sequential(new Conv2D(16, 16, 3, 1, 1), new ReLU(), new Conv2D(16, 16, 3, 1, 1)));
 * Layer down = Residual.projection(new Sequential(new Conv2D(16, 32, 3, 2, 1), new ReLU(),
 *                                                 new Conv2D(32, 32, 3, 1, 1)), 16, 32, 2);
 * }</pre>
 */
public final class Residual implements Layer {

    private final Layer block;
    private final Layer shortcut;   // null for the identity
    private int[] xShape;           // training-mode input shape; null until a training forward

    /**
     * A residual connection with the identity shortcut: {@code y = block(x) + x}.
     *
     * @param block the layers on the main path; must keep the input's shape
     */
    public Residual(Layer block) {
        this(block, null);
    }

    /**
     * A residual connection with any shortcut layer: {@code y = block(x) + shortcut(x)}.
     *
     * @param block    the layers on the main path
     * @param shortcut the layer on the skip path, or {@code null} for the identity
     */
    public Residual(Layer block, Layer shortcut) {
        if (block == null) {
            throw new KisoException("Residual: the block must not be null");
        }
        this.block = block;
        this.shortcut = shortcut;
    }

    /**
     * A residual connection whose shortcut is a 1×1 convolution without bias, for a block that maps
     * {@code inChannels} to {@code outChannels} and divides the resolution by {@code stride}.
     *
     * @param block       the layers on the main path
     * @param inChannels  channels of the input
     * @param outChannels channels of the block's output
     * @param stride      the block's overall stride
     * @return the layer
     */
    public static Residual projection(Layer block, int inChannels, int outChannels, int stride) {
        return new Residual(block, conv1x1(inChannels, outChannels, stride));
    }

    /**
     * A residual connection whose shortcut is a 1×1 convolution without bias followed by a
     * {@link BatchNorm}, as in ResNet's downsampling blocks (PyTorch's {@code downsample}). State
     * names: {@code shortcut.0.weight}, {@code shortcut.1.weight}, {@code shortcut.1.running_mean}, ...
     *
     * @param block       the layers on the main path
     * @param inChannels  channels of the input
     * @param outChannels channels of the block's output
     * @param stride      the block's overall stride
     * @return the layer
     */
    public static Residual projectionWithBatchNorm(Layer block, int inChannels, int outChannels, int stride) {
        return new Residual(block, new Sequential(conv1x1(inChannels, outChannels, stride), new BatchNorm(outChannels)));
    }

    private static Conv2D conv1x1(int inChannels, int outChannels, int stride) {
        return Conv2D.builder(inChannels, outChannels, 1).stride(stride).bias(false).build();
    }

    /** @return the main path */
    public Layer block() {
        return block;
    }

    /** @return the skip path, or {@code null} for the identity */
    public Layer shortcut() {
        return shortcut;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor y = block.forward(x, training);
        Tensor s = shortcut == null ? x : shortcut.forward(x, training);
        if (!Arrays.equals(y.shape(), s.shape())) {
            throw new KisoException("Residual: for input " + Arrays.toString(x.shape()) + " the block gives "
                    + Arrays.toString(y.shape()) + " but the " + (shortcut == null ? "identity" : "projection")
                    + " shortcut gives " + Arrays.toString(s.shape()) + "; use a projection shortcut that matches");
        }
        if (training) {
            xShape = x.shape();
        }
        return y.add(s);   // a new tensor: the block may return x itself
    }

    @Override
    public Tensor backward(Tensor dout) {
        LayerChecks.requireForward(xShape, this);
        Tensor dxBlock = block.backward(dout);
        Tensor dxShortcut = shortcut == null ? dout : shortcut.backward(dout);
        return dxBlock.add(dxShortcut);
    }

    /** The children by role, in order: {@code block}, then {@code shortcut} unless it is the identity. */
    private Map<String, Layer> children() {
        Map<String, Layer> children = new LinkedHashMap<>();
        children.put("block", block);
        if (shortcut != null) {
            children.put("shortcut", shortcut);
        }
        return children;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        children().values().forEach(child -> all.addAll(child.parameters()));
        return all;
    }

    /** The children's buffers under their prefixed names ({@code shortcut.1.running_mean}). */
    @Override
    public Map<String, Tensor> buffers() {
        return ChildState.prefixed(children(), Layer::buffers);
    }

    /** The children's state prefixed with their role: {@code block.0.weight}, {@code shortcut.weight}. */
    @Override
    public Map<String, Tensor> stateDict() {
        return ChildState.prefixed(children(), Layer::stateDict);
    }

    @Override
    public void initialize(Random rng) {
        children().values().forEach(child -> child.initialize(rng));
    }

    @Override
    public LayerSpec spec() {
        List<LayerSpec> specs = new ArrayList<>();
        children().values().forEach(child -> specs.add(child.spec()));
        return LayerSpec.of("Residual").with("shortcut", shortcut == null ? "identity" : "layer").withChildren(specs);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
