package dev.kiso.nn.init;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class InitializersTest {

    private static final int FAN_IN = 200;
    private static final int FAN_OUT = 300;

    private static float[] draw(Initializer init, long seed) {
        Tensor w = Tensor.zeros(FAN_IN, FAN_OUT);
        init.fill(w, FAN_IN, FAN_OUT, new Random(seed));
        return w.toArray();
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** 60 000 draws: the sample std is within 1 % of the true one with overwhelming probability. */
    private static void assertNormal(Initializer init, double expectedStd) {
        float[] w = draw(init, 1);
        assertThat(mean(w)).isCloseTo(0, within(expectedStd * 0.02));
        assertThat(std(w)).isCloseTo(expectedStd, within(expectedStd * 0.01));
    }

    private static void assertUniform(Initializer init, double limit) {
        float[] w = draw(init, 1);
        assertThat((double) min(w)).isGreaterThanOrEqualTo(-limit).isLessThan(-0.99 * limit);
        assertThat((double) max(w)).isLessThanOrEqualTo(limit).isGreaterThan(0.99 * limit);
        assertThat(std(w)).isCloseTo(limit / Math.sqrt(3), within(limit * 0.01));
    }

    @Test
    void normalFormsHaveTheirDocumentedStandardDeviation() {
        assertNormal(new XavierNormal(), Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
        assertNormal(new LeCunNormal(), Math.sqrt(1.0 / FAN_IN));
        assertNormal(new HeNormal(), Math.sqrt(2.0 / FAN_IN));
        assertNormal(new Normal(0.01f), 0.01);
    }

    @Test
    void uniformFormsStayWithinTheirLimits() {
        assertUniform(new XavierUniform(), Math.sqrt(6.0 / (FAN_IN + FAN_OUT)));
        assertUniform(new HeUniform(), Math.sqrt(6.0 / FAN_IN));
        float[] w = draw(new Uniform(2f, 3f), 2);
        assertThat(min(w)).isGreaterThanOrEqualTo(2f);
        assertThat(max(w)).isLessThan(3f);
        assertThat(mean(w)).isCloseTo(2.5, within(0.01));
    }

    @Test
    void constantsFillEveryElement() {
        assertThat(min(draw(new Zeros(), 1))).isEqualTo(0f);
        assertThat(max(draw(new Zeros(), 1))).isEqualTo(0f);
        assertThat(min(draw(new Constant(0.5f), 1))).isEqualTo(0.5f);
        assertThat(max(draw(new Constant(0.5f), 1))).isEqualTo(0.5f);
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherValues() {
        Initializer[] all = {new XavierNormal(), new XavierUniform(), new LeCunNormal(), new HeNormal(), new HeUniform(),
            new Normal(1f), new Uniform(-1f, 1f)};
        for (Initializer init : all) {
            assertThat(Arrays.equals(draw(init, 7), draw(init, 7))).as(init + ": same seed, same bits").isTrue();
            assertThat(Arrays.equals(draw(init, 7), draw(init, 8))).as(init + ": another seed").isFalse();
        }
    }

    @Test
    void printsAsItsNameAndRejectsBadArguments() {
        assertThat(new HeNormal().toString()).isEqualTo("HeNormal()");
        assertThat(new Normal(0.01f).toString()).isEqualTo("Normal(std=0.01)");
        assertThatThrownBy(() -> new Normal(-1f)).isInstanceOf(KisoException.class).hasMessageContaining("std");
        assertThatThrownBy(() -> new Uniform(1f, 0f)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> new HeNormal().fill(Tensor.zeros(2, 2), 0, 2, new Random(1)))
                .isInstanceOf(KisoException.class).hasMessageContaining("fanIn=0");
        assertThatThrownBy(() -> new Zeros().fill(Tensor.zeros(2, 3).t(), 2, 3, new Random(1)))
                .isInstanceOf(KisoException.class).hasMessageContaining("contiguous");
    }
}
