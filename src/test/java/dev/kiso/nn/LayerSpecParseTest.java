package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.nn.init.Normal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LayerSpec.parse reads back exactly what toString writes. */
class LayerSpecParseTest {

    private static void assertRoundTrip(LayerSpec spec) {
        String text = spec.toString();
        LayerSpec back = LayerSpec.parse(text);
        assertThat(back).isEqualTo(spec);
        assertThat(back.toString()).isEqualTo(text);
    }

    @Test
    void readsAHandWrittenNestedSpecIntoItsParts() {
        String text = """
                Sequential(
                  (0): Affine(in=784, out=100)
                  (1): Block(depth=2, mode=fast,
                    (0): ReLU()
                    (1): Sequential(
                      (0): Dropout(p=0.5)
                    )
                  )
                  (2): Affine(in=100, out=10, init=Normal(std=0.01))
                )""";
        LayerSpec s = LayerSpec.parse(text);
        assertThat(s.type()).isEqualTo("Sequential");
        assertThat(s.args()).isEmpty();
        assertThat(s.children()).hasSize(3);
        assertThat(s.children().get(0).args()).isEqualTo(Map.of("in", "784", "out", "100"));
        LayerSpec block = s.children().get(1);
        assertThat(block.type()).isEqualTo("Block");
        assertThat(List.copyOf(block.args().keySet())).containsExactly("depth", "mode");
        assertThat(block.children().get(0)).isEqualTo(LayerSpec.of("ReLU"));
        assertThat(block.children().get(1).children().get(0).getFloat("p")).isEqualTo(0.5f);
        assertThat(s.children().get(2).get("init")).isEqualTo("Normal(std=0.01)");
        assertThat(s.toString()).isEqualTo(text);
    }

    @Test
    void invertsToStringForRealLayersAndNestedContainers() {
        Sequential inner = new Sequential(new Affine(8, 4, new Normal(0.01f)), new BatchNorm(4), new Tanh());
        Sequential model = new Sequential(new Flatten(), new Affine(16, 8), new LeakyReLU(0.2f), new Dropout(0.25f),
                inner, new LayerNorm(4), new Softmax());
        assertRoundTrip(model.spec());
        assertRoundTrip(new BatchNorm(3).spec());
        assertRoundTrip(LayerSpec.of("Empty"));
        assertRoundTrip(LayerSpec.of("com.example.Swish").with("beta", 1.5f));
        assertRoundTrip(LayerSpec.of("Deep").withChildren(List.of(LayerSpec.of("Deeper").with("a", "[1, 2]")
                .withChildren(List.of(LayerSpec.of("Deepest").withChildren(List.of(LayerSpec.of("Leaf"))))))));
    }

    @Test
    void rejectsMalformedTextWithThePosition() {
        assertThatThrownBy(() -> LayerSpec.parse("Affine(in=3, out=4"))
                .isInstanceOf(KisoException.class).hasMessageContaining("expected ','")
                .hasMessageContaining("line 1, column 19");
        assertThatThrownBy(() -> LayerSpec.parse("Sequential(\n  (1): ReLU()\n)"))
                .isInstanceOf(KisoException.class).hasMessageContaining("expected '  (0): '")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> LayerSpec.parse("ReLU() extra"))
                .isInstanceOf(KisoException.class).hasMessageContaining("expected end of text");
        assertThatThrownBy(() -> LayerSpec.parse("Affine(in=, out=4)"))
                .isInstanceOf(KisoException.class).hasMessageContaining("a value after '='");
        assertThatThrownBy(() -> LayerSpec.parse("not a spec"))
                .isInstanceOf(KisoException.class).hasMessageContaining("a layer type name");
        assertThatThrownBy(() -> LayerSpec.parse("Sequential(\n)"))
                .isInstanceOf(KisoException.class).hasMessageContaining("at least one child");
    }

    @Test
    void refusesValuesThatCouldNotBeReadBack() {
        LayerSpec s = LayerSpec.of("X");
        assertThatThrownBy(() -> s.with("k", "a, b")).isInstanceOf(KisoException.class)
                .hasMessageContaining("cannot be read back");
        assertThatThrownBy(() -> s.with("k", "two\nlines")).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> s.with("k", "(open")).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> s.with("k", "")).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> s.with("bad key", 1)).isInstanceOf(KisoException.class);
        assertThatThrownBy(() -> LayerSpec.of("Bad(")).isInstanceOf(KisoException.class);
        assertThat(s.with("k", "f(a, b)").get("k")).isEqualTo("f(a, b)");
    }
}
