package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/**
 * The checks every layer makes, in one place so the messages read the same everywhere: the input
 * shape on the way forward, and on the way back that a training-mode forward came first and that
 * {@code dout} has the shape of that forward's output.
 */
final class LayerChecks {
    private LayerChecks() {
    }

    /**
     * The error for an input of the wrong shape.
     *
     * @param layer    the layer, e.g. {@code Affine(in=784, out=100)}
     * @param expected the expected shape in words, e.g. {@code [N, 784]}
     * @param x        the input found
     * @return the exception to throw
     */
    static KisoException badInput(Object layer, String expected, Tensor x) {
        return new KisoException(layer + ": expected input " + expected + ", found "
                + Arrays.toString(x.shape()));
    }

    /**
     * Returns the cache of the last training forward, or throws if there was none.
     *
     * @param cache what the last training forward kept ({@code null} if none)
     * @param layer the layer, for the message
     * @param <T>   the cache's type
     * @return the cache
     */
    static <T> T requireForward(T cache, Object layer) {
        if (cache == null) {
            throw new IllegalStateException(layer + ": backward called without a training-mode forward"
                    + " before it; call forward(x, true) first (an evaluation-mode forward caches nothing)");
        }
        return cache;
    }

    /**
     * {@code dout} as a contiguous tensor, after checking it has the shape of the last output.
     *
     * @param layer  the layer, for the message
     * @param yShape the shape of the last training forward's output
     * @param dout   the upstream gradient
     * @return {@code dout}, contiguous
     */
    static Tensor gradientOf(Object layer, int[] yShape, Tensor dout) {
        if (!Arrays.equals(yShape, dout.shape())) {
            throw new KisoException(layer + ": backward expected dout of the output's shape "
                    + Arrays.toString(yShape) + ", found " + Arrays.toString(dout.shape()));
        }
        return dout.contiguous();
    }
}
