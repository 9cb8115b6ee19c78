package dev.kiso.testing;

import dev.kiso.io.SafeTensors;
import dev.kiso.io.SafeTensorsFile;

import java.nio.file.Path;

/** Reading the PyTorch parity cases in {@code src/test/resources/parity/} (test helper). */
public final class Parity {

    /** The tolerance the parity README suggests for a float32 implementation: 1e-5 + 1e-4·|ref|. */
    public static double tolerance(double ref) {
        return 1e-5 + 1e-4 * Math.abs(ref);
    }

    private Parity() {
    }

    /** @return the parity case {@code name}.safetensors */
    public static SafeTensorsFile read(String name) {
        return SafeTensors.read(Path.of("src/test/resources/parity", name + ".safetensors"));
    }

    /** @return a numeric metadata value of a case, e.g. {@code lr} */
    public static double meta(SafeTensorsFile f, String key) {
        String value = f.metadata().get(key);
        if (value == null) {
            throw new IllegalStateException(f.path() + " has no metadata key " + key);
        }
        return Double.parseDouble(value);
    }
}
