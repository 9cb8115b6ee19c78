// InferenceWorkspace: the memory evaluation-mode forward passes reuse from one call to the next.
//   activations: layer i reads array A and writes array B, layer i + 1 reads B and writes A again
//                (two arrays per size at most: an output never shares memory with its input)
//   scratch:     layers' temporary buffers (convolution columns), numbered slots, grown as needed
package dev.kiso.nn;

import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Memory that evaluation-mode forward passes reuse from one call to the next: the activations
 * handed from layer to layer, and the layers' scratch buffers.
 *
 * <p>Why: an evaluation pass that allocates every layer's output afresh keeps asking the JVM for new
 * memory, and on a virtual machine the first touch of a fresh heap page is slow (a page fault the
 * host has to serve). Measured on W1 (the 784-100-100-100-100-10 MLP, batches of 1000): about 7,900
 * page faults per pass over the 10,000 test images, and passes 4–6× slower (110–170 ms against
 * 17–25 ms) until the garbage collector starts handing back pages that were touched before. With a
 * workspace the arrays are touched once and then reused: inference libraries do the same
 * (ONNX Runtime's memory arena, PyTorch's allocator handing freed blocks straight back).
 *
 * <p>How to use it: {@link #forward(Layer, Tensor)} runs one evaluation-mode pass and returns an
 * output of the caller's own, never overwritten later. {@link Sequential#forward(Tensor, boolean)}
 * with {@code training = false} does exactly this with a workspace the model keeps, so most code
 * never meets this class; hold one yourself to control its memory (one per thread, dropped when you
 * are done) or to call {@link Layer#infer} directly.
 *
 * <pre>{@code
 * InferenceWorkspace workspace = new InferenceWorkspace();
 * for (Tensor batch : batches) {
 *     Tensor y = workspace.forward(model, batch);   // same bits as model.forward(batch, false)
 * }
 * }</pre>
 *
 * <p>Contract: results are bit-identical to {@code forward(x, false)} (each layer does the same
 * arithmetic, only into another array), whatever the thread count. A tensor returned by
 * {@link Layer#infer} may live in the workspace and is valid only until the next call that uses the
 * same workspace; {@link #forward(Layer, Tensor)} copies such a result out. A workspace is not
 * thread-safe: one thread at a time.
 *
 * <p>Memory: at most two arrays per activation size and the largest scratch of any layer. Arrays
 * that neither of the last two {@link #forward(Layer, Tensor)} passes used are dropped (a change of
 * batch size does not pile up memory); {@link #release()} drops everything.
 */
public final class InferenceWorkspace {
    /** An array and the pass that last used it. */
    private static final class Slot {
        final float[] data;
        long pass;

        Slot(float[] data, long pass) {
            this.data = data;
            this.pass = pass;
        }
    }

    private final List<Slot> activations = new ArrayList<>();
    private final List<Slot> scratch = new ArrayList<>();   // index = slot number; null where dropped
    private long pass;

    /** An empty workspace: arrays are allocated by the first pass that needs them. */
    public InferenceWorkspace() {
    }

    /**
     * One evaluation-mode forward pass of {@code model} through this workspace.
     *
     * @param model the model (or any layer)
     * @param x     the input, batch first
     * @return the output, the same values as {@code model.forward(x, false)}, in memory of the
     *         caller's own (never overwritten by this workspace)
     */
    public Tensor forward(Layer model, Tensor x) {
        pass++;
        Tensor y = model.infer(x, this);
        Tensor result = owns(y) ? y.copy() : y;
        activations.removeIf(slot -> slot.pass < pass - 1);
        for (int i = 0; i < scratch.size(); i++) {
            if (scratch.get(i) != null && scratch.get(i).pass < pass - 1) {
                scratch.set(i, null);
            }
        }
        return result;
    }

    /**
     * A layer's output: a contiguous tensor of {@code shape} over an array of exactly its size that
     * this workspace holds, and that is not {@code input}'s array. Its contents are stale: the layer
     * must write every element.
     *
     * @param shape the output's shape
     * @param input the tensor the layer reads while it writes the output
     * @return the output tensor, valid until the next use of this workspace
     */
    public Tensor output(int[] shape, Tensor input) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        for (Slot slot : activations) {
            if (slot.data.length == size && slot.data != input.data()) {
                slot.pass = pass;
                return Tensor.of(slot.data, shape.clone());
            }
        }
        float[] data = new float[size];
        activations.add(new Slot(data, pass));
        return Tensor.of(data, shape.clone());
    }

    /**
     * Scratch buffer number {@code slot}, at least {@code size} floats long, with stale contents. A
     * layer may use any number of slots; the next layer gets the same arrays back.
     *
     * @param slot which buffer (0, 1, ...)
     * @param size the floats needed
     * @return the buffer, valid until the next use of this workspace
     */
    public float[] scratch(int slot, int size) {
        while (scratch.size() <= slot) {
            scratch.add(null);
        }
        Slot s = scratch.get(slot);
        if (s == null || s.data.length < size) {
            s = new Slot(new float[size], pass);
            scratch.set(slot, s);
        }
        s.pass = pass;
        return s.data;
    }

    /**
     * Whether {@code t} lives in one of this workspace's activation arrays.
     *
     * @param t a tensor
     * @return true if a later pass may overwrite it
     */
    public boolean owns(Tensor t) {
        for (Slot slot : activations) {
            if (slot.data == t.data()) {
                return true;
            }
        }
        return false;
    }

    /** Drops every array; the next pass allocates afresh. */
    public void release() {
        activations.clear();
        scratch.clear();
    }

    /** @return the bytes this workspace holds on to */
    public long bytes() {
        long floats = 0;
        for (Slot slot : activations) {
            floats += slot.data.length;
        }
        for (Slot slot : scratch) {
            floats += slot == null ? 0 : slot.data.length;
        }
        return floats * Float.BYTES;
    }

    @Override
    public String toString() {
        int[] sizes = activations.stream().mapToInt(slot -> slot.data.length).toArray();
        return "InferenceWorkspace(activations=" + Arrays.toString(sizes) + ", bytes=" + bytes() + ")";
    }
}
