package dev.kiso.nn.init;

import dev.kiso.nn.Affine;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SeededRandom} must give exactly the numbers of {@code java.util.Random} with the same seed. */
class SeededRandomTest {

    @Test
    void everyKindOfNumberMatchesJavaUtilRandomCallForCall() {
        for (long seed : new long[] {0L, 42L, -7L, Long.MAX_VALUE, 0x5DEECE66DL}) {
            Random expected = new Random(seed);
            SeededRandom actual = new SeededRandom(seed);
            Random which = new Random(seed * 31 + 1);   // picks the calls, independently of both
            for (int i = 0; i < 20_000; i++) {
                int kind = which.nextInt(9);
                String call = "seed " + seed + ", call " + i + ", kind " + kind;
                switch (kind) {
                    case 0 -> assertThat(Double.doubleToRawLongBits(actual.nextGaussian())).as(call)
                            .isEqualTo(Double.doubleToRawLongBits(expected.nextGaussian()));
                    case 1 -> assertThat(Double.doubleToRawLongBits(actual.nextDouble())).as(call)
                            .isEqualTo(Double.doubleToRawLongBits(expected.nextDouble()));
                    case 2 -> assertThat(actual.nextInt()).as(call).isEqualTo(expected.nextInt());
                    case 3 -> {
                        int bound = 1 + which.nextInt(1000);
                        assertThat(actual.nextInt(bound)).as(call).isEqualTo(expected.nextInt(bound));
                    }
                    case 4 -> assertThat(actual.nextLong()).as(call).isEqualTo(expected.nextLong());
                    case 5 -> assertThat(Float.floatToRawIntBits(actual.nextFloat())).as(call)
                            .isEqualTo(Float.floatToRawIntBits(expected.nextFloat()));
                    case 6 -> assertThat(actual.nextBoolean()).as(call).isEqualTo(expected.nextBoolean());
                    case 7 -> {
                        byte[] a = new byte[which.nextInt(9)];
                        byte[] e = new byte[a.length];
                        actual.nextBytes(a);
                        expected.nextBytes(e);
                        assertThat(a).as(call).containsExactly(e);
                    }
                    default -> {   // reseeding also drops a Gaussian kept for the next call
                        long s = which.nextLong();
                        actual.setSeed(s);
                        expected.setSeed(s);
                    }
                }
            }
        }
    }

    @Test
    void aModelsDefaultWeightsAreThoseOfJavaUtilRandomWithTheDefaultSeed() {
        Sequential byDefault = model();
        Sequential byRandom = model();
        byRandom.initialize(new Random(Sequential.DEFAULT_SEED));
        List<Parameter> a = byDefault.parameters();
        List<Parameter> b = byRandom.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).value().toArray()).as(a.get(i).name()).containsExactly(b.get(i).value().toArray());
        }
        // and a layer built alone draws from the default seed the same way
        Affine alone = new Affine(20, 3);
        Affine drawn = new Affine(20, 3);
        drawn.initialize(new Random(Sequential.DEFAULT_SEED));
        assertThat(alone.weight().value().toArray()).containsExactly(drawn.weight().value().toArray());
    }

    private static Sequential model() {
        return new Sequential(new Conv2D(1, 4, 3), new ReLU(), new Flatten(), new Affine(4 * 6 * 6, 5));
    }
}
