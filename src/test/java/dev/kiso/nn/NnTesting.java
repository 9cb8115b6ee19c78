package dev.kiso.nn;

import dev.kiso.io.SafeTensors;
import dev.kiso.io.SafeTensorsFile;
import dev.kiso.tensor.Tensor;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** Inputs and comparisons shared by the nn tests. */
final class NnTesting {
    private NnTesting() {
    }

    /** A PyTorch parity case from {@code src/test/resources/parity/}. */
    static SafeTensorsFile parity(String name) {
        URL url = NnTesting.class.getResource("/parity/" + name + ".safetensors");
        if (url == null) {
            throw new IllegalStateException("missing parity case " + name);
        }
        try {
            return SafeTensors.read(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a layer's training forward and backward on a parity case's {@code x} and {@code dout}
     * and compares {@code y} and {@code dx} with PyTorch's.
     */
    static void assertLayerParity(Layer layer, SafeTensorsFile ref) {
        assertParity("y", layer.forward(ref.tensor("x"), true), ref.tensor("y"));
        assertParity("dx", layer.backward(ref.tensor("dout")), ref.tensor("dx"));
    }

    /** Copies {@code values} into a parameter (or buffer) tensor of the same shape. */
    static void load(Tensor target, Tensor values) {
        assertThat(target.shape()).isEqualTo(values.shape());
        System.arraycopy(values.toArray(), 0, target.data(), target.offset(), values.size());
    }

    /** Values uniform in ±[0.1, 1): away from the kinks of ReLU and friends by far more than the check's step. */
    static Tensor awayFromZero(Random rng, int... shape) {
        Tensor t = Tensor.rand(rng, 0.1f, 1f, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (rng.nextBoolean()) {
                d[i] = -d[i];
            }
        }
        return t;
    }

    /** Asserts {@code |got − ref| <= atol + rtol·|ref|} everywhere, naming the worst element. */
    static void assertClose(String what, Tensor got, Tensor ref, double atol, double rtol) {
        assertThat(got.shape()).as(what + " shape").isEqualTo(ref.shape());
        float[] g = got.contiguous().toArray();
        float[] r = ref.contiguous().toArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < g.length; i++) {
            double err = Math.abs(g[i] - r[i]);
            double excess = err - (atol + rtol * Math.abs(r[i]));
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " is " + g[worst] + ", expected " + r[worst] + " (tolerance "
                    + atol + " + " + rtol + "·|ref|); shape " + Arrays.toString(ref.shape()));
        }
    }

    /** The PyTorch parity tolerance for float32: 1e-5 + 1e-4·|ref|. */
    static void assertParity(String what, Tensor got, Tensor ref) {
        assertClose(what, got, ref, 1e-5, 1e-4);
    }

    /**
     * Values that make pooling's and ReLU's corner cases: ties (values rounded to halves, many
     * exact zeros), windows whose values are all negative, and −0.
     */
    static Tensor awkward(Random rng, int... shape) {
        Tensor t = Tensor.randn(rng, 0f, 1f, shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(v[i] * 2) / 2f;
            if (v[i] == 0f && rng.nextBoolean()) {
                v[i] = -0f;
            }
        }
        return t;
    }

    /** The raw bits of every value, in order, for comparisons that must be exact. */
    static int[] bits(Tensor t) {
        float[] v = t.toArray();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
