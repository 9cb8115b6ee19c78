package dev.kiso.optim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReduceLrOnPlateauTest {

    @Test
    void lowersTheRateAfterPatienceEpochsWithoutImprovement() {
        SGD sgd = new SGD(1.0);
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau().patience(2).factor(0.5);
        double[] losses = {1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.94, 0.5};
        double[] lrAfter = {1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5};
        for (int e = 0; e < losses.length; e++) {
            plateau.step(losses[e], sgd);
            assertThat(sgd.learningRate()).as("after epoch %d", e).isEqualTo(lrAfter[e]);
        }
        // 0.5 improved; three more bad epochs (> patience 2) halve the rate again.
        plateau.step(0.6, sgd);
        plateau.step(0.6, sgd);
        assertThat(sgd.learningRate()).isEqualTo(0.5);
        plateau.step(0.6, sgd);
        assertThat(sgd.learningRate()).isEqualTo(0.25);
    }

    @Test
    void relativeThresholdAndMinimumRateAreHonoured() {
        SGD sgd = new SGD(0.1);
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau().patience(0).factor(0.1).threshold(0.1).minLr(0.005);
        plateau.step(1.0, sgd);
        plateau.step(0.95, sgd); // not below 1.0·(1 − 0.1): a bad epoch
        assertThat(sgd.learningRate()).isEqualTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        plateau.step(0.95, sgd);
        assertThat(sgd.learningRate()).isEqualTo(0.005);
        plateau.step(0.95, sgd);
        assertThat(sgd.learningRate()).isEqualTo(0.005);
    }

    @Test
    void accuracyImprovesUpwards() {
        SGD sgd = new SGD(1.0);
        ReduceLrOnPlateau plateau = new ReduceLrOnPlateau().monitor("val_accuracy").patience(0).factor(0.5);
        plateau.step(0.5, sgd);
        plateau.step(0.6, sgd);
        assertThat(sgd.learningRate()).isEqualTo(1.0);
        plateau.step(0.55, sgd);
        assertThat(sgd.learningRate()).isEqualTo(0.5);
    }
}
