package dev.kiso.io;

import com.example.Swish;
import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.LayerNorm;
import dev.kiso.nn.LeakyReLU;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Tanh;
import dev.kiso.nn.init.XavierUniform;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole-model files: what is written, what comes back, and the files that are refused. */
class ModelFileTest {

    @TempDir
    Path dir;

    /** A model with every kind of state: affine weights, batch-norm buffers, nesting. */
    private static Sequential model() {
        return new Sequential(new Flatten(), new Affine(12, 8), new BatchNorm(8), new ReLU(),
                new Sequential(new Affine(8, 6, new XavierUniform()), new LayerNorm(6), new Tanh(), new Dropout(0.3f)),
                new Affine(6, 3)).initialize(5);
    }

    /** Trains batch norm for a few steps so that its running statistics are not the initial 0 and 1. */
    private static void disturb(Sequential m) {
        Random rng = new Random(3);
        for (int i = 0; i < 3; i++) {
            m.forward(Tensor.randn(rng, 1f, 2f, 16, 3, 2, 2), true);
        }
    }

    @Test
    void roundTripGivesTheSameStateAndPredictions() {
        Sequential m = model();
        disturb(m);
        Path p = dir.resolve("m.safetensors");
        m.save(p);
        Sequential back = Sequential.load(p);
        assertThat(back.toString()).isEqualTo(m.toString());
        assertThat(back.stateDict().keySet()).containsExactlyElementsOf(m.stateDict().keySet());
        m.stateDict().forEach((name, t) ->
                assertThat(back.stateDict().get(name).toArray()).as(name).containsExactly(t.toArray()));
        Tensor x = Tensor.randn(new Random(9), 0f, 1f, 5, 3, 2, 2);
        assertThat(back.forward(x, false).toArray()).containsExactly(m.forward(x, false).toArray());
    }

    @Test
    void batchNormRunningStatisticsAreSavedAndRestored() {
        Sequential m = model();
        disturb(m);
        BatchNorm bn = (BatchNorm) m.layers().get(2);
        assertThat(bn.runningVar().toArray()).isNotEqualTo(Tensor.ones(8).toArray());
        Path p = dir.resolve("bn.safetensors");
        m.save(p);
        SafeTensorsFile f = SafeTensors.read(p);
        assertThat(f.tensor("2.running_mean").toArray()).containsExactly(bn.runningMean().toArray());
        assertThat(f.tensor("2.running_var").toArray()).containsExactly(bn.runningVar().toArray());
        BatchNorm loaded = (BatchNorm) Sequential.load(p).layers().get(2);
        assertThat(loaded.runningMean().toArray()).containsExactly(bn.runningMean().toArray());
        assertThat(loaded.runningVar().toArray()).containsExactly(bn.runningVar().toArray());
    }

    @Test
    void writesPyTorchNamesLayoutsAndTheArchitecture() {
        Sequential m = model();
        Path p = dir.resolve("names.safetensors");
        m.save(p);
        SafeTensorsFile f = SafeTensors.read(p);
        assertThat(f.names()).containsExactly("1.weight", "1.bias", "2.weight", "2.bias", "2.running_mean",
                "2.running_var", "4.0.weight", "4.0.bias", "4.1.weight", "4.1.bias", "5.weight", "5.bias");
        Affine first = (Affine) m.layers().get(1);
        // nn.Linear layout: [out, in], element (o, i) = W[i][o]
        assertThat(f.shape("1.weight")).containsExactly(8, 12);
        Tensor stored = f.tensor("1.weight");
        Tensor W = first.weight().value();
        for (int o = 0; o < 8; o++) {
            for (int i = 0; i < 12; i++) {
                assertThat(stored.get(o, i)).isEqualTo(W.get(i, o));
            }
        }
        assertThat(f.metadata()).containsEntry("format", "pt").containsEntry("kiso_version", ModelFile.KISO_VERSION)
                .containsEntry("kiso_architecture", m.toString()).containsEntry("kiso_affine_layout", "out,in");
    }

    /** Writes the model's file with one change to its tensors. */
    private Path tampered(String name, Map<String, Tensor> changes) {
        Sequential m = model();
        Path good = dir.resolve("good.safetensors");
        m.save(good);
        SafeTensorsFile f = SafeTensors.read(good);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String n : f.names()) {
            tensors.put(n, f.tensor(n));
        }
        changes.forEach((n, t) -> {
            if (t == null) {
                tensors.remove(n);
            } else {
                tensors.put(n, t);
            }
        });
        Path p = dir.resolve(name);
        SafeTensors.write(p, tensors, f.metadata());
        return p;
    }

    @Test
    void rejectsMissingExtraAndMisshapenTensors() {
        Map<String, Tensor> missing = new LinkedHashMap<>();
        missing.put("2.running_var", null);
        assertThatThrownBy(() -> Sequential.load(tampered("missing.safetensors", missing)))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("missing.safetensors: tensor '2.running_var' [8] of the architecture is missing");
        assertThatThrownBy(() -> Sequential.load(tampered("extra.safetensors", Map.of("9.weight", Tensor.zeros(2)))))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("extra.safetensors: tensors [9.weight] are not part of the architecture");
        assertThatThrownBy(() -> Sequential.load(tampered("shape.safetensors", Map.of("1.weight", Tensor.zeros(12, 8)))))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("tensor '1.weight' should have shape [8, 12] (an Affine weight, stored as [out, in]),"
                        + " found [12, 8]");
        assertThatThrownBy(() -> Sequential.load(tampered("bias.safetensors", Map.of("5.bias", Tensor.zeros(4)))))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("tensor '5.bias' should have shape [3], found [4]");
    }

    @Test
    void rejectsFilesWithoutOrWithABadArchitecture() {
        Path plain = dir.resolve("plain.safetensors");
        SafeTensors.write(plain, Map.of("w", Tensor.zeros(2)), Map.of());
        assertThatThrownBy(() -> Sequential.load(plain)).isInstanceOf(KisoException.class)
                .hasMessageContaining("plain.safetensors: not a Kiso model file");

        Path garbled = dir.resolve("garbled.safetensors");
        SafeTensors.write(garbled, Map.of(), Map.of("kiso_architecture", "Sequential(\n  (0): Affine(in=3"));
        assertThatThrownBy(() -> Sequential.load(garbled)).isInstanceOf(KisoException.class)
                .hasMessageContaining("garbled.safetensors: cannot rebuild the architecture: LayerSpec.parse");

        Path notSeq = dir.resolve("relu.safetensors");
        ModelFile.save(new ReLU(), notSeq);
        assertThat(ModelFile.load(notSeq)).isInstanceOf(ReLU.class);
        assertThatThrownBy(() -> Sequential.load(notSeq)).isInstanceOf(KisoException.class)
                .hasMessageContaining("the model is a ReLU, not a Sequential");

        assertThatThrownBy(() -> Sequential.load(dir.resolve("absent.safetensors"))).isInstanceOf(KisoException.class)
                .hasMessageContaining("absent.safetensors");
    }

    @Test
    void unknownLayerTypesSayHowToRegisterThem() {
        Sequential m = new Sequential(new Affine(3, 4), new Swish(), new Affine(4, 2));
        Path p = dir.resolve("swish.safetensors");
        m.save(p);
        assertThatThrownBy(() -> ModelFile.load(p, LayerRegistry.standard())).isInstanceOf(KisoException.class)
                .hasMessageContaining("unknown layer type 'Swish'")
                .hasMessageContaining("LayerRegistry.global().register(\"Swish\", spec -> new Swish(...))");

        LayerRegistry registry = LayerRegistry.standard().register("Swish", spec -> new Swish());
        Sequential back = (Sequential) ModelFile.load(p, registry);
        Tensor x = Tensor.randn(new Random(1), 0f, 1f, 2, 3);
        assertThat(back.forward(x, false).toArray()).containsExactly(m.forward(x, false).toArray());
    }

    @Test
    void aFactoryThatDropsAnArgumentIsCaught() {
        Sequential m = new Sequential(new Affine(3, 4), new LeakyReLU(0.3f));
        Path p = dir.resolve("leaky.safetensors");
        m.save(p);
        LayerRegistry sloppy = LayerRegistry.standard().register("LeakyReLU", spec -> new LeakyReLU());
        assertThatThrownBy(() -> ModelFile.load(p, sloppy)).isInstanceOf(KisoException.class)
                .hasMessageContaining("the factory registered for 'LeakyReLU' built LeakyReLU(slope=0.01)"
                        + " from LeakyReLU(slope=0.3)");
    }

    @Test
    void aFailedSaveLeavesTheOldFile() throws Exception {
        Path p = dir.resolve("keep.safetensors");
        model().save(p);
        byte[] before = Files.readAllBytes(p);
        Sequential bad = new Sequential(new Affine(2, 2)) {
            @Override
            public Map<String, Tensor> stateDict() {
                Map<String, Tensor> s = new LinkedHashMap<>(super.stateDict());
                s.put("__metadata__", Tensor.zeros(1));
                return s;
            }
        };
        assertThatThrownBy(() -> bad.save(p)).isInstanceOf(KisoException.class);
        assertThat(Files.readAllBytes(p)).isEqualTo(before);
    }
}
