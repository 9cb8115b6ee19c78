package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.nn.Layer;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An in-memory copy of a model's state (every parameter value and buffer of its
 * {@link Layer#stateDict()}), taken into arrays allocated once, so that capturing it every epoch
 * or every step allocates nothing. Early stopping keeps the best epoch's weights in one; the
 * trainer keeps the last good weights in another.
 */
public final class ModelSnapshot {

    private final List<Tensor> tensors = new ArrayList<>();
    private final List<float[]> copies = new ArrayList<>();
    private boolean captured;

    /**
     * Allocates room for a copy of the model's state (it does not copy yet).
     *
     * @param model the model
     */
    public ModelSnapshot(Layer model) {
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            Tensor t = e.getValue();
            if (!t.isContiguous()) {
                throw new KisoException("ModelSnapshot: state tensor " + e.getKey() + " " + Arrays.toString(t.shape())
                        + " is not contiguous; layers must keep parameters and buffers contiguous");
            }
            tensors.add(t);
            copies.add(new float[t.size()]);
        }
    }

    /** Copies the model's current state into this snapshot. */
    public void capture() {
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            System.arraycopy(t.data(), t.offset(), copies.get(i), 0, t.size());
        }
        captured = true;
    }

    /** Writes the captured state back into the model. */
    public void restore() {
        if (!captured) {
            throw new IllegalStateException("ModelSnapshot.restore: nothing was captured yet");
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            System.arraycopy(copies.get(i), 0, t.data(), t.offset(), t.size());
        }
    }

    /** @return whether {@link #capture()} has been called */
    public boolean isCaptured() {
        return captured;
    }
}
