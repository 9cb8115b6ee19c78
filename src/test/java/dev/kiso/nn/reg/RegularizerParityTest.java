package dev.kiso.nn.reg;

import dev.kiso.io.SafeTensors;
import dev.kiso.io.SafeTensorsFile;
import dev.kiso.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Penalties and gradients against PyTorch (src/test/resources/parity/reg_*.safetensors). */
class RegularizerParityTest {

    private static SafeTensorsFile file(String name) {
        return SafeTensors.read(Path.of("src/test/resources/parity", name + ".safetensors"));
    }

    private static double meta(SafeTensorsFile f, String key) {
        return Double.parseDouble(f.metadata().get(key));
    }

    private static void check(Regularizer r, SafeTensorsFile f) {
        Parameter p = new Parameter("weight", f.tensor("w").copy(), true);
        double penalty = f.tensor("penalty").item();
        assertThat(r.penalty(List.of(p))).isCloseTo(penalty, within(1e-5 + 1e-4 * Math.abs(penalty)));
        r.addGradients(List.of(p));
        float[] dw = p.grad().toArray();
        float[] ref = f.tensor("dw").toArray();
        float[] w = f.tensor("w").toArray();
        for (int i = 0; i < dw.length; i++) {
            assertThat((double) dw[i]).as("dw[%d]", i).isCloseTo(ref[i], within(1e-5 + 1e-4 * Math.abs(ref[i])));
        }
        assertThat(w).contains(0f);
    }

    @Test
    void l1() {
        SafeTensorsFile f = file("reg_l1");
        check(new L1(meta(f, "lambda")), f);
    }

    @Test
    void l2() {
        SafeTensorsFile f = file("reg_l2");
        check(new L2(meta(f, "lambda")), f);
    }

    @Test
    void elasticNet() {
        SafeTensorsFile f = file("reg_elasticnet");
        check(new ElasticNet(meta(f, "l1"), meta(f, "l2")), f);
    }
}
