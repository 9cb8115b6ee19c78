package dev.kiso.train;

import dev.kiso.nn.Affine;
import dev.kiso.optim.MonitorMode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives EarlyStopping with scripted metric sequences. Before each epoch's end the model's one
 * weight is set to the epoch number, so the restored weight says which epoch was restored.
 */
class EarlyStoppingTest {

    private final Affine model = new Affine(1, 1);

    /** Runs the sequence; returns the number of epochs run before stopping (all if none). */
    private int run(EarlyStopping es, String monitor, double... values) {
        es.onTrainBegin(model);
        int epochs = values.length;
        for (int e = 0; e < values.length; e++) {
            model.parameters().get(0).value().data()[0] = e;
            if (es.onEpochEnd(e, Map.of(monitor, values[e]))) {
                epochs = e + 1;
                break;
            }
        }
        es.onTrainEnd();
        return epochs;
    }

    private float weight() {
        return model.parameters().get(0).value().data()[0];
    }

    @Test
    void stopsPatienceEpochsAfterTheBestAndRestoresIt() {
        EarlyStopping es = new EarlyStopping().patience(2).restoreBestWeights(true);
        int epochs = run(es, "val_loss", 1.0, 0.8, 0.5, 0.6, 0.55, 0.4, 0.3);
        assertThat(epochs).isEqualTo(5);
        assertThat(es.stoppedEpoch()).isEqualTo(4);
        assertThat(es.bestEpoch()).isEqualTo(2);
        assertThat(es.best()).isEqualTo(0.5);
        assertThat(weight()).isEqualTo(2f);
    }

    @Test
    void restoresTheBestWeightsEvenWithoutAnEarlyStop() {
        EarlyStopping es = new EarlyStopping().patience(5).restoreBestWeights(true);
        int epochs = run(es, "val_loss", 1.0, 0.4, 0.6, 0.7);
        assertThat(epochs).isEqualTo(4);
        assertThat(es.stoppedEpoch()).isEqualTo(-1);
        assertThat(weight()).isEqualTo(1f);
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        EarlyStopping es = new EarlyStopping().patience(1);
        int epochs = run(es, "val_loss", 1.0, 0.4, 0.6, 0.7);
        assertThat(epochs).isEqualTo(3);
        assertThat(weight()).isEqualTo(2f);
    }

    @Test
    void patienceZeroStopsAtTheFirstNonImprovementButNeverAfterEpochZero() {
        EarlyStopping es = new EarlyStopping();
        assertThat(run(es, "val_loss", 1.0, 1.0, 0.5)).isEqualTo(2);
    }

    @Test
    void minDeltaMakesSmallGainsCountAsNoImprovement() {
        EarlyStopping es = new EarlyStopping().minDelta(0.1).patience(2).restoreBestWeights(true);
        int epochs = run(es, "val_loss", 1.0, 0.95, 0.91, 0.5);
        assertThat(epochs).isEqualTo(3);
        assertThat(weight()).isEqualTo(0f);
    }

    @Test
    void accuracyIsMaximisedInAutoMode() {
        EarlyStopping es = new EarlyStopping().monitor("val_accuracy").patience(1).restoreBestWeights(true);
        int epochs = run(es, "val_accuracy", 0.5, 0.7, 0.6, 0.65, 0.9);
        assertThat(epochs).isEqualTo(3);
        assertThat(weight()).isEqualTo(1f);
    }

    @Test
    void explicitModeOverridesTheName() {
        EarlyStopping es = new EarlyStopping().monitor("loss").mode(MonitorMode.MAX).patience(1);
        assertThat(run(es, "loss", 1.0, 2.0, 1.5)).isEqualTo(3);
    }

    @Test
    void baselineMustBeBeatenBeforePatienceResets() {
        // Improvements that do not beat the baseline 0.5 leave the patience count running (Keras).
        EarlyStopping es = new EarlyStopping().baseline(0.5).patience(3).restoreBestWeights(true);
        int epochs = run(es, "val_loss", 0.9, 0.8, 0.85, 0.86, 0.87, 0.88);
        assertThat(epochs).isEqualTo(3);
        assertThat(es.bestEpoch()).isEqualTo(1);
        assertThat(weight()).isEqualTo(1f);

        EarlyStopping noBaseline = new EarlyStopping().patience(3);
        assertThat(run(noBaseline, "val_loss", 0.9, 0.8, 0.85, 0.86, 0.87, 0.88)).isEqualTo(5);

        EarlyStopping beaten = new EarlyStopping().baseline(0.5).patience(3);
        assertThat(run(beaten, "val_loss", 0.9, 0.8, 0.4, 0.45, 0.46, 0.47, 0.48)).isEqualTo(6);
    }

    @Test
    void epochsBeforeStartFromEpochAreIgnored() {
        EarlyStopping es = new EarlyStopping().startFromEpoch(3).patience(1).restoreBestWeights(true);
        int epochs = run(es, "val_loss", 0.1, 0.2, 0.3, 0.9, 1.0, 1.1);
        assertThat(epochs).isEqualTo(5);
        assertThat(es.bestEpoch()).isEqualTo(3);
        assertThat(weight()).isEqualTo(3f);
    }

    @Test
    void aMissingMetricIsAClearError() {
        EarlyStopping es = new EarlyStopping();
        es.onTrainBegin(model);
        assertThatThrownBy(() -> es.onEpochEnd(0, Map.of("loss", 1.0)))
                .hasMessageContaining("val_loss").hasMessageContaining("validation");
    }
}
