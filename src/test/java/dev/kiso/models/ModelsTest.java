package dev.kiso.models;

import dev.kiso.KisoException;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Sequential;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The preset models: their shapes, and a save/load round trip for each that keeps every prediction. */
class ModelsTest {

    @TempDir
    Path dir;

    private static final Tensor X = Tensor.rand(new Random(3), 0f, 1f, 4, 1, 28, 28);

    @Test
    void everyPresetRoundTripsThroughAFileWithTheSamePredictions() {
        List<Sequential> models = new ArrayList<>();
        for (Preset p : Models.all()) {
            models.add(p.create(0f));
            models.add(p.create(0.25f));
        }
        models.add(LeNet5.classic(0f));
        for (Sequential m : models) {
            m.initialize(17);                     // not the default seed: the file, not the constructor, must restore these
            Path file = dir.resolve("m.safetensors");
            m.save(file);
            Sequential back = Sequential.load(file);
            assertThat(back.toString()).isEqualTo(m.toString());
            Tensor y = m.forward(X, false);
            assertThat(y.shape()).as(m.toString()).containsExactly(4, 10);
            assertThat(back.forward(X, false).toArray()).as(m.toString()).containsExactly(y.toArray());
        }
    }

    @Test
    void dropoutGoesWhereEachPresetSays() {
        assertThat(Models.create("mlp", 0f).toString()).doesNotContain("Dropout");
        assertThat(Models.create("mlp", 0.2f).toString().split("Dropout\\(p=0.2\\)", -1)).hasSize(5);
        assertThat(Models.create("deepcnn", 0f).toString().split("Dropout\\(p=0.5\\)", -1)).hasSize(3);
        assertThat(Models.create("deepcnn", 0.3f).toString()).contains("Dropout(p=0.3)").doesNotContain("p=0.5");
        assertThat(Models.create("simplecnn", 0.1f).toString()).contains("Dropout(p=0.1)");
    }

    /** The course notes' LeNet shape trace: 6@28x28, 6@14x14, 16@10x10, 16@5x5, 120, 84, 10. */
    @Test
    void leNetHasTheCourseShapes() {
        for (Sequential m : List.of(LeNet5.modern(0f), LeNet5.classic(0f))) {
            List<String> shapes = new ArrayList<>();
            Tensor x = X;
            for (Layer layer : m.layers()) {
                x = layer.forward(x, false);
                shapes.add(Arrays.toString(Arrays.copyOfRange(x.shape(), 1, x.shape().length)));
            }
            assertThat(shapes).containsSubsequence("[6, 28, 28]", "[6, 14, 14]", "[16, 10, 10]", "[16, 5, 5]",
                    "[400]", "[120]", "[84]", "[10]");
        }
    }

    @Test
    void unknownNamesListThePresets() {
        assertThatThrownBy(() -> Models.find("resnet9000")).isInstanceOf(KisoException.class)
                .hasMessage("unknown model 'resnet9000'; choose one of mlp, simplecnn, deepcnn, lenet5, alexnet-mini, resnet20, plain20");
    }
}
