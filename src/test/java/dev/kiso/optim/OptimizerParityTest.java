package dev.kiso.optim;

import dev.kiso.io.SafeTensorsFile;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.reg.L1;
import dev.kiso.nn.reg.L2;
import dev.kiso.nn.reg.Regularizer;
import dev.kiso.tensor.Tensor;
import dev.kiso.testing.Parity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each optimizer against PyTorch (src/test/resources/parity/optim_*.safetensors): five steps from
 * w0 with the fixed gradients g0..g4; after step K the weights must equal wK. Hyper-parameters are
 * read from each file's metadata.
 */
class OptimizerParityTest {

    private static final int STEPS = 5;

    /**
     * Tighter than the README's float32 tolerance (1e-5 + 1e-4·|ref|): the optimizers follow
     * PyTorch's order of operations, and after five float32 steps every value is within one float
     * ulp of torch's float64 result (worst 2.4e-7, at |w| in [2, 4)); this is the README's
     * tolerance for a double implementation.
     */
    private static double tolerance(double ref) {
        return 1e-6 + 1e-6 * Math.abs(ref);
    }

    /** Runs five steps and returns the largest |w − ref| − tol over all steps (≤ 0 means every value matched). */
    private static double worstExcess(Optimizer opt, Regularizer reg, SafeTensorsFile f, String suffix) {
        Parameter p = new Parameter("w", f.tensor("w0").copy(), true);
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < STEPS; k++) {
            float[] g = f.tensor("g" + k).toArray();
            System.arraycopy(g, 0, p.grad().data(), 0, g.length);
            reg.addGradients(List.of(p));
            opt.step(List.of(p));
            float[] w = p.value().toArray();
            float[] ref = f.tensor("w" + (k + 1) + suffix).toArray();
            for (int i = 0; i < w.length; i++) {
                assertThat(Float.isFinite(w[i])).as("step %d element %d is finite", k + 1, i).isTrue();
                worst = Math.max(worst, Math.abs(w[i] - ref[i]) - tolerance(ref[i]));
            }
            float start = f.tensor("w0").toArray()[0];
            if (ref[0] == start) {
                assertThat(w[0]).as("element [0,0] has g = 0 and no decay: it must not move").isEqualTo(start);
            }
        }
        return worst;
    }

    private static void assertMatches(Optimizer opt, SafeTensorsFile f) {
        assertMatches(opt, Regularizer.none(), f, "");
    }

    private static void assertMatches(Optimizer opt, Regularizer reg, SafeTensorsFile f, String suffix) {
        assertThat(worstExcess(opt, reg, f, suffix)).as("%s vs %s w*%s", opt, f.metadata().get("case"), suffix)
                .isLessThanOrEqualTo(0.0);
    }

    private static void assertDiffersFrom(Optimizer opt, SafeTensorsFile f, String suffix) {
        assertThat(worstExcess(opt, Regularizer.none(), f, suffix)).as("%s must not match w*%s", opt, suffix)
                .isGreaterThan(0.0);
    }

    @Test
    void sgd() {
        SafeTensorsFile f = Parity.read("optim_sgd");
        assertMatches(new SGD(Parity.meta(f, "lr")), f);
    }

    @Test
    void sgdWithCoupledWeightDecayEqualsSgdWithL2() {
        SafeTensorsFile f = Parity.read("optim_sgd_weight_decay");
        assertMatches(new SGD(Parity.meta(f, "lr"), Parity.meta(f, "weight_decay")), f);
        assertMatches(new SGD(Parity.meta(f, "lr")), new L2(Parity.meta(f, "weight_decay")), f, "");
    }

    @Test
    void sgdWithL1Regularizer() {
        SafeTensorsFile f = Parity.read("optim_sgd_l1");
        assertMatches(new SGD(Parity.meta(f, "lr")), new L1(Parity.meta(f, "l1_rate")), f, "");
    }

    @Test
    void momentum() {
        SafeTensorsFile f = Parity.read("optim_momentum");
        assertMatches(new Momentum(Parity.meta(f, "lr"), Parity.meta(f, "momentum")), f);
    }

    @Test
    void nesterovIsTorchsFormNotTheTextbookOne() {
        SafeTensorsFile f = Parity.read("optim_nesterov");
        assertMatches(new Nesterov(Parity.meta(f, "lr"), Parity.meta(f, "momentum")), f);
        assertDiffersFrom(new Nesterov(Parity.meta(f, "lr"), Parity.meta(f, "momentum")), f, "_alt");
    }

    @Test
    void adagradWithTheCourseEpsAndWithTorchsDefault() {
        SafeTensorsFile f = Parity.read("optim_adagrad");
        assertThat(Parity.meta(f, "eps")).isEqualTo(AdaGrad.DEFAULT_EPS);
        assertMatches(new AdaGrad(Parity.meta(f, "lr")), f);
        assertMatches(new AdaGrad(Parity.meta(f, "lr"), 1e-10), Regularizer.none(), f, "_torch_default_eps");
        assertDiffersFrom(new AdaGrad(Parity.meta(f, "lr")), f, "_torch_default_eps");
    }

    @Test
    void rmsprop() {
        SafeTensorsFile f = Parity.read("optim_rmsprop");
        assertMatches(new RMSProp(Parity.meta(f, "lr"), Parity.meta(f, "alpha"), Parity.meta(f, "eps")), f);
        assertMatches(new RMSProp(Parity.meta(f, "lr")), f);
    }

    @Test
    void adamAddsEpsAfterBiasCorrection() {
        SafeTensorsFile f = Parity.read("optim_adam");
        assertMatches(new Adam(Parity.meta(f, "lr"), Parity.meta(f, "beta1"), Parity.meta(f, "beta2"), Parity.meta(f, "eps")), f);
        assertMatches(new Adam(), f);
        assertDiffersFrom(new Adam(), f, "_alt");
    }

    @Test
    void adamWithZeroDecayIsAdamBitForBit() {
        SafeTensorsFile f = Parity.read("optim_adam");
        Parameter a = new Parameter("w", f.tensor("w0").copy(), true);
        Parameter b = new Parameter("w", f.tensor("w0").copy(), true);
        Adam adam = new Adam();
        AdamW adamW = new AdamW(1e-3, 0.0);
        for (int k = 0; k < STEPS; k++) {
            float[] g = f.tensor("g" + k).toArray();
            System.arraycopy(g, 0, a.grad().data(), 0, g.length);
            System.arraycopy(g, 0, b.grad().data(), 0, g.length);
            adam.step(List.of(a));
            adamW.step(List.of(b));
        }
        assertThat(b.value().toArray()).containsExactly(a.value().toArray());
    }

    @Test
    void adamWDecaysBeforeTheAdamStep() {
        // Independent double-precision reference: w ← w − η·λ·w, then Adam's update.
        SafeTensorsFile f = Parity.read("optim_adam");
        double lr = 0.01;
        double wd = 0.5;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        float[] w0 = f.tensor("w0").toArray();
        double[] w = new double[w0.length];
        double[] m = new double[w0.length];
        double[] v = new double[w0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = w0[i];
        }
        Parameter p = new Parameter("w", Tensor.of(w0.clone(), f.shape("w0")), true);
        AdamW adamW = new AdamW(lr, wd);
        for (int k = 0; k < STEPS; k++) {
            float[] g = f.tensor("g" + k).toArray();
            System.arraycopy(g, 0, p.grad().data(), 0, g.length);
            adamW.step(List.of(p));
            int t = k + 1;
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * wd * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            float[] got = p.value().toArray();
            for (int i = 0; i < w.length; i++) {
                assertThat((double) got[i]).as("step %d element %d", t, i)
                        .isCloseTo(w[i], org.assertj.core.api.Assertions.within(tolerance(w[i])));
            }
        }
    }

    @Test
    void stateIsPerParameterAndCreatedLazily() {
        SafeTensorsFile f = Parity.read("optim_momentum");
        Parameter a = new Parameter("a", f.tensor("w0").copy(), true);
        Parameter b = new Parameter("b", f.tensor("w0").copy(), true);
        Momentum opt = new Momentum(Parity.meta(f, "lr"), Parity.meta(f, "momentum"));
        assertThat(opt.stateOf(a, 0)).isNull();
        for (int k = 0; k < STEPS; k++) {
            float[] g = f.tensor("g" + k).toArray();
            System.arraycopy(g, 0, a.grad().data(), 0, g.length);
            opt.step(List.of(a));
            if (k < 2) {
                System.arraycopy(g, 0, b.grad().data(), 0, g.length);
                opt.step(List.of(b));
            }
        }
        assertThat(a.value().allClose(f.tensor("w5"), 1e-4f, 1e-5f)).isTrue();
        assertThat(b.value().allClose(f.tensor("w2"), 1e-4f, 1e-5f)).isTrue();
        opt.reset();
        assertThat(opt.stateOf(a, 0)).isNull();
    }
}
