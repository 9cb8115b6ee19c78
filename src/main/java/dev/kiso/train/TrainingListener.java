package dev.kiso.train;

import java.util.Map;

/**
 * Called by the trainer as training proceeds, for progress display, logging or custom stopping.
 * Every method does nothing by default. Epochs and batches count from 0.
 */
public interface TrainingListener {

    /**
     * Before the first epoch.
     *
     * @param epochs  the number of epochs planned
     * @param samples the number of training samples per epoch
     */
    default void onTrainBegin(int epochs, int samples) {
    }

    /**
     * At the start of an epoch.
     *
     * @param epoch   the epoch
     * @param batches the number of batches in it
     */
    default void onEpochBegin(int epoch, int batches) {
    }

    /**
     * Before a batch's forward pass.
     *
     * @param epoch the epoch
     * @param batch the batch within the epoch
     */
    default void onBatchBegin(int epoch, int batch) {
    }

    /**
     * After a batch's optimizer step.
     *
     * @param epoch       the epoch
     * @param batch       the batch within the epoch
     * @param samplesSeen samples trained on so far in this epoch
     * @param running     running means over this epoch so far: {@code loss} and each metric
     */
    default void onBatchEnd(int epoch, int batch, int samplesSeen, Map<String, Double> running) {
    }

    /**
     * After an epoch and its validation.
     *
     * @param epoch the epoch
     * @param logs  this epoch's row of the history ({@code loss}, {@code accuracy},
     *              {@code val_loss}, {@code val_accuracy}, {@code lr}, {@code seconds})
     */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /**
     * After the last epoch (and after early stopping restored the best weights).
     *
     * @param history the whole run
     */
    default void onTrainEnd(History history) {
    }
}
