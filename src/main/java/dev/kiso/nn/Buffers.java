package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * Reuse of a layer's output and gradient buffers from one training step to the next, so that a
 * steady training loop allocates nothing. A reused buffer is overwritten by the next call of the
 * same kind (forward or backward), so what a layer returns stays valid until then.
 */
final class Buffers {
    private Buffers() {
    }

    /**
     * {@code buffer} if it has {@code shape} and does not share memory with {@code input}, else a
     * new zero tensor of that shape.
     *
     * @param buffer the buffer kept from the last call, or {@code null}
     * @param shape  the shape needed now
     * @param input  the tensor this call reads; never written while it is being read
     * @return a contiguous tensor of {@code shape} that owns its whole array
     */
    static Tensor reuse(Tensor buffer, int[] shape, Tensor input) {
        if (buffer != null && Arrays.equals(buffer.shape(), shape) && buffer.data() != input.data()) {
            return buffer;
        }
        return Tensor.zeros(shape);
    }

    /**
     * An evaluation-mode output: from {@code workspace} when there is one (see
     * {@link InferenceWorkspace#output}), else a new zero tensor that the caller owns.
     *
     * @param workspace the workspace, or {@code null} for a fresh tensor
     * @param shape     the shape needed
     * @param input     the tensor the layer reads while it writes the output
     * @return a contiguous tensor of {@code shape} that owns its whole array
     */
    static Tensor evaluation(InferenceWorkspace workspace, int[] shape, Tensor input) {
        return workspace == null ? Tensor.zeros(shape) : workspace.output(shape, input);
    }
}
