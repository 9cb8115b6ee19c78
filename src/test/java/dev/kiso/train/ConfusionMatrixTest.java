package dev.kiso.train;

import dev.kiso.KisoException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfusionMatrixTest {

    // actual:    0 0 0 1 1 2 2 2 2
    // predicted: 0 0 1 1 2 2 2 2 0
    private static final int[] ACTUAL = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 1, 2, 2, 2, 2, 0};

    @Test
    void countsAccuracyAndPerClassAccuracy() {
        ConfusionMatrix cm = ConfusionMatrix.of(ACTUAL, PREDICTED, List.of("cat", "dog", "bird"));
        assertThat(cm.count(0, 0)).isEqualTo(2);
        assertThat(cm.count(0, 1)).isEqualTo(1);
        assertThat(cm.count(1, 2)).isEqualTo(1);
        assertThat(cm.count(2, 0)).isEqualTo(1);
        assertThat(cm.count(2, 2)).isEqualTo(3);
        assertThat(cm.total()).isEqualTo(9);
        assertThat(cm.accuracy()).isCloseTo(6.0 / 9, within(1e-12));
        assertThat(cm.classAccuracy(0)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(cm.classAccuracy(1)).isCloseTo(0.5, within(1e-12));
        assertThat(cm.classAccuracy(2)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void printsATableWithNamesAndAccuracies() {
        ConfusionMatrix cm = ConfusionMatrix.of(ACTUAL, PREDICTED, List.of("cat", "dog", "bird"));
        assertThat(cm.toString()).isEqualTo(String.join("\n",
                "actual \\ predicted   0   1   2   accuracy",
                "0 cat                2   1   0     0.6667",
                "1 dog                0   1   1     0.5000",
                "2 bird               1   0   3     0.7500",
                "all 9 samples                      0.6667"));
    }

    @Test
    void rejectsClassesOutOfRangeAndLengthMismatch() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        assertThatThrownBy(() -> cm.add(3, 0)).isInstanceOf(KisoException.class).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> cm.addAll(new int[2], new int[3])).isInstanceOf(KisoException.class)
                .hasMessageContaining("2 actual labels but 3 predictions");
        assertThat(cm.classNames()).containsExactly("0", "1", "2");
    }
}
