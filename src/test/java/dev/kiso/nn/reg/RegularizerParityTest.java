package dev.kiso.nn.reg;

import dev.kiso.io.SafeTensorsFile;
import dev.kiso.nn.Parameter;
import dev.kiso.testing.Parity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Penalties and gradients against PyTorch (src/test/resources/parity/reg_*.safetensors). */
class RegularizerParityTest {

    private static void check(Regularizer r, SafeTensorsFile f) {
        Parameter p = new Parameter("weight", f.tensor("w").copy(), true);
        double penalty = f.tensor("penalty").item();
        assertThat(r.penalty(List.of(p))).isCloseTo(penalty, within(Parity.tolerance(penalty)));
        r.addGradients(List.of(p));
        float[] dw = p.grad().toArray();
        float[] ref = f.tensor("dw").toArray();
        float[] w = f.tensor("w").toArray();
        for (int i = 0; i < dw.length; i++) {
            assertThat((double) dw[i]).as("dw[%d]", i).isCloseTo(ref[i], within(Parity.tolerance(ref[i])));
        }
        assertThat(w).contains(0f);
    }

    @Test
    void l1() {
        SafeTensorsFile f = Parity.read("reg_l1");
        check(new L1(Parity.meta(f, "lambda")), f);
    }

    @Test
    void l2() {
        SafeTensorsFile f = Parity.read("reg_l2");
        check(new L2(Parity.meta(f, "lambda")), f);
    }

    @Test
    void elasticNet() {
        SafeTensorsFile f = Parity.read("reg_elasticnet");
        check(new ElasticNet(Parity.meta(f, "l1"), Parity.meta(f, "l2")), f);
    }
}
