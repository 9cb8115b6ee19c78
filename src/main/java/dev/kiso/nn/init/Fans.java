package dev.kiso.nn.init;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.util.Arrays;

/** Argument checks shared by the initializers. */
final class Fans {
    private Fans() {
    }

    /**
     * Checks that the fans are positive, since the scaled initializers divide by them.
     *
     * @param name   the initializer, for the message
     * @param fanIn  inputs per output unit
     * @param fanOut outputs per input unit
     */
    static void check(String name, int fanIn, int fanOut) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new KisoException(name + ": fanIn and fanOut must be positive, got fanIn=" + fanIn
                    + ", fanOut=" + fanOut);
        }
    }

    /**
     * The array to fill, after checking that the tensor is contiguous.
     *
     * @param weight the tensor
     * @return its backing array (fill from {@code weight.offset()})
     */
    static float[] data(Tensor weight) {
        if (!weight.isContiguous()) {
            throw new KisoException("Initializer: weight must be contiguous, got shape "
                    + Arrays.toString(weight.shape()) + " with strides " + Arrays.toString(weight.strides()));
        }
        return weight.data();
    }
}
