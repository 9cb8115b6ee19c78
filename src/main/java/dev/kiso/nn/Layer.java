package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One step of a network: a forward pass and the backward pass that turns the gradient of the loss
 * with respect to the output ({@code dout}) into the gradient with respect to the input ({@code dx}),
 * filling the gradients of the layer's parameters on the way.
 *
 * <p>The contract every layer keeps:
 * <ul>
 *   <li>{@code forward(x, true)} caches what {@code backward} needs; {@code forward(x, false)}
 *       (evaluation mode) mutates nothing (a fresh {@link Affine} or {@link Conv2D} used alone
 *       draws its default weights at its first use, once, under a lock), so one trained model can
 *       serve many threads at once;
 *       {@link #infer} is the same pass with its memory taken from an {@link InferenceWorkspace}.</li>
 *   <li>{@code backward} without a training-mode forward before it throws
 *       {@link IllegalStateException} saying so. (An evaluation-mode forward writes nothing in the
 *       layer, so it neither enables a backward nor discards the cache of an earlier training
 *       forward.)</li>
 *   <li>{@code backward} <em>sets</em> (does not add to) each parameter's gradient.</li>
 *   <li>A wrong input shape throws {@link dev.kiso.KisoException} naming the layer, the expected
 *       shape and the shape found.</li>
 * </ul>
 */
public interface Layer {

    /**
     * The forward pass.
     *
     * @param x        the input, batch first
     * @param training whether to cache for backward (and, for dropout and batch norm, to behave as in training)
     * @return the output
     */
    Tensor forward(Tensor x, boolean training);

    /**
     * The evaluation-mode forward pass with its output and scratch memory taken from
     * {@code workspace}, so that repeated passes reuse the same arrays: the same values, bit for
     * bit, as {@code forward(x, false)}, and like it this mutates nothing in the layer.
     *
     * <p>The result may live in the workspace and is valid only until the next call that uses the
     * same workspace; {@link InferenceWorkspace#forward(Layer, Tensor)} runs a pass and copies such
     * a result out. The default calls {@code forward(x, false)}: right for layers that return their
     * input or a view of it, and for layers that keep more than one tensor alive (a residual block
     * keeps its input for the shortcut, so it must not hand its block the workspace).
     *
     * @param x         the input, batch first; never written
     * @param workspace where the output (and scratch) may go
     * @return the output
     */
    default Tensor infer(Tensor x, InferenceWorkspace workspace) {
        return forward(x, false);
    }

    /**
     * The backward pass for the last training-mode forward.
     *
     * @param dout gradient of the loss with respect to this layer's output
     * @return gradient of the loss with respect to this layer's input
     */
    Tensor backward(Tensor dout);

    /**
     * The backward pass when nobody needs {@code dx}, as for the first layers of a model, whose
     * input is data: sets the parameter gradients exactly as {@link #backward} does, and may skip
     * computing the input gradient (the default simply calls {@code backward}). Training loops call
     * it on the whole model.
     *
     * @param dout gradient of the loss with respect to the output
     */
    default void backwardParameters(Tensor dout) {
        backward(dout);
    }

    /**
     * The trainable parameters, in a stable order. Containers list their children's parameters.
     *
     * @return the parameters (empty for layers without any)
     */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * State that is saved with the model but not trained, such as batch norm's running mean and
     * variance, under PyTorch's names ({@code running_mean}, {@code running_var}).
     *
     * @return the buffers by name (empty for most layers)
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /**
     * Every parameter value and buffer under a PyTorch-style dotted name: {@code weight},
     * {@code bias}, {@code running_mean} for a single layer; containers prefix their children's
     * names with the child's index or role ({@code 0.weight}, {@code block.1.bias}).
     *
     * @return the named state, in a stable order
     */
    default Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Parameter p : parameters()) {
            state.put(p.name(), p.value());
        }
        state.putAll(buffers());
        return state;
    }

    /**
     * (Re-)initializes the parameters from a seeded generator, using the layer's initializer.
     * Layers without parameters ignore it.
     *
     * @param rng the generator: the same seed gives the same weights
     */
    default void initialize(Random rng) {
    }

    /**
     * The layer's type and hyper-parameters, enough to rebuild it: {@code toString} prints it and
     * model files store it.
     *
     * @return the specification
     */
    default LayerSpec spec() {
        return LayerSpec.of(getClass().getSimpleName());
    }
}
