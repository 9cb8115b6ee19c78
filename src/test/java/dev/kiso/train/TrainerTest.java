package dev.kiso.train;

import dev.kiso.KisoException;
import dev.kiso.data.BatchTransform;
import dev.kiso.nn.Affine;
import dev.kiso.nn.MeanSquaredError;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.nn.reg.L2;
import dev.kiso.optim.LrSchedule;
import dev.kiso.optim.SGD;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrainerTest {

    private static Sequential linearModel() {
        return new Sequential(new Affine(2, 3));
    }

    private static FitConfig.Builder sgd(double lr) {
        return FitConfig.builder().loss(new SoftmaxCrossEntropy()).optimizer(new SGD(lr)).quiet();
    }

    private static float[] weights(Sequential model) {
        List<Float> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (float v : p.value().toArray()) {
                all.add(v);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    @Test
    void learnsSeparableBlobs() {
        Blobs train = new Blobs(300, 1);
        Blobs test = new Blobs(150, 2);
        Sequential model = linearModel();
        History h = model.fit(train.x, train.t, sgd(0.1).epochs(10).batchSize(16).build());

        assertThat(h.epochs()).isEqualTo(10);
        assertThat(h.names()).containsExactly("loss", "accuracy", "lr", "seconds");
        assertThat(h.loss()[9]).isLessThan(h.loss()[0]);
        assertThat(model.evaluate(test.x, test.t, new SoftmaxCrossEntropy()).accuracy()).isGreaterThan(0.95);
    }

    @Test
    void everyEpochVisitsEachSampleOnceInAFreshOrderWithTheLastBatchSmaller() {
        int n = 10;
        float[] ids = new float[n * 2];
        for (int i = 0; i < n; i++) {
            ids[2 * i] = i;
        }
        Tensor x = Tensor.of(ids, n, 2);
        Tensor t = Tensor.zeros(n);
        List<List<Integer>> orders = new ArrayList<>();
        List<Integer> batchSizes = new ArrayList<>();
        BatchTransform spy = (xb, rng) -> {
            if (batchSizes.size() % 3 == 0) {
                orders.add(new ArrayList<>());
            }
            batchSizes.add(xb.shape(0));
            for (int r = 0; r < xb.shape(0); r++) {
                orders.get(orders.size() - 1).add((int) xb.get(r, 0));
            }
            return xb;
        };
        linearModel().fit(x, t, sgd(0.01).epochs(3).batchSize(4).batchTransform(spy).metrics().build());

        assertThat(batchSizes).containsExactly(4, 4, 2, 4, 4, 2, 4, 4, 2);
        Set<List<Integer>> distinct = new HashSet<>();
        for (List<Integer> order : orders) {
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            distinct.add(order);
        }
        assertThat(distinct).hasSize(3);

        orders.clear();
        batchSizes.clear();
        linearModel().fit(x, t, sgd(0.01).epochs(1).batchSize(4).shuffle(false).batchTransform(spy).metrics().build());
        assertThat(orders.get(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void withReplacementAnEpochIsNOverBBatchesOfFullSize() {
        Blobs data = new Blobs(10, 16);
        List<Integer> sizes = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int seen, Map<String, Double> running) {
                sizes.add(seen);
            }
        };
        linearModel().fit(data.x, data.t, sgd(0.1).epochs(2).batchSize(4).sampleWithReplacement().listener(l).build());
        assertThat(sizes).containsExactly(4, 8, 4, 8);
    }

    @Test
    void trainsOnADatasetWithLabels() {
        Blobs data = new Blobs(120, 17);
        int[] labels = new int[120];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) data.t.get(i);
        }
        Sequential a = linearModel();
        Sequential b = linearModel();
        Trainer.fit(a, new dev.kiso.data.Dataset(data.x, labels), sgd(0.1).epochs(2).batchSize(10).build());
        b.fit(data.x, data.t, sgd(0.1).epochs(2).batchSize(10).build());
        assertThat(weights(a)).containsExactly(weights(b));
    }

    @Test
    void reportedLossIsDataLossPlusPenaltyAtTheStartOfTheStep() {
        Blobs data = new Blobs(30, 3);
        Sequential model = linearModel();
        double lambda = 0.3;
        // Reference: the loss of the untrained model on the whole batch, penalty ½λΣW² by hand.
        double dataLoss = new SoftmaxCrossEntropy().forward(model.forward(data.x, false), data.t);
        double sq = 0;
        for (float w : model.parameters().get(0).value().toArray()) {
            sq += (double) w * w;
        }
        History h = model.fit(data.x, data.t, sgd(0.1).regularizer(new L2(lambda)).batchSize(30).build());
        assertThat(h.loss()[0]).isCloseTo(dataLoss + 0.5 * lambda * sq, within(1e-5));
    }

    @Test
    void zeroStrengthRegularizerGivesTheSameWeightsAsNone() {
        Blobs data = new Blobs(60, 4);
        Sequential a = linearModel();
        Sequential b = linearModel();
        a.fit(data.x, data.t, sgd(0.1).epochs(2).batchSize(8).build());
        b.fit(data.x, data.t, sgd(0.1).epochs(2).batchSize(8).regularizer(new L2(0)).build());
        assertThat(weights(b)).containsExactly(weights(a));
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        Blobs data = new Blobs(90, 5);
        float[][] runs = new float[3][];
        long[] seeds = {7, 7, 8};
        for (int r = 0; r < 3; r++) {
            Sequential model = linearModel();
            model.fit(data.x, data.t, sgd(0.1).epochs(3).batchSize(10).seed(seeds[r]).build());
            runs[r] = weights(model);
        }
        assertThat(runs[1]).containsExactly(runs[0]);
        assertThat(runs[2]).isNotEqualTo(runs[0]);
    }

    @Test
    void divergingLossStopsWithTheWeightsFromBeforeTheFailingStep() {
        // Linear regression with far too large a rate: |w| grows geometrically until ½Σ(y−t)² overflows.
        Blobs data = new Blobs(40, 6);
        Tensor target = Tensor.full(1f, 40, 3);
        Sequential model = linearModel();
        List<float[]> afterStep = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int seen, Map<String, Double> running) {
                afterStep.add(weights(model));
            }
        };
        FitConfig config = FitConfig.builder().loss(new MeanSquaredError()).optimizer(new SGD(5.0))
                .metrics().epochs(50).batchSize(10).listener(recorder).quiet().build();

        assertThatThrownBy(() -> model.fit(data.x, target, config))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.where()).isEqualTo("loss");
                    assertThat(e.step()).isEqualTo(afterStep.size() + 1);
                    assertThat(e.epoch()).isEqualTo(afterStep.size() / 4);
                    assertThat(e.getMessage()).contains("epoch " + (e.epoch() + 1), "step " + e.step(), "loss");
                });
        assertThat(afterStep.size()).isGreaterThan(2);
        assertThat(weights(model)).containsExactly(afterStep.get(afterStep.size() - 1));
    }

    @Test
    void nanInTheDataStopsTrainingAndKeepsTheBuffersFromBeforeTheStep() {
        // The second batch holds a NaN: batch norm's running statistics, updated by that forward
        // pass, must be put back along with the weights.
        Blobs data = new Blobs(20, 18);
        data.x.set(Float.NaN, 13, 1);
        Sequential model = new Sequential(new Affine(2, 4), new dev.kiso.nn.BatchNorm(4), new Affine(4, 3));
        Map<String, float[]> afterFirstStep = new java.util.LinkedHashMap<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onBatchEnd(int epoch, int batch, int seen, Map<String, Double> running) {
                model.stateDict().forEach((name, t) -> afterFirstStep.put(name, t.toArray()));
            }
        };
        assertThatThrownBy(() -> model.fit(data.x, data.t, sgd(0.1).batchSize(10).shuffle(false).listener(recorder).build()))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.where()).isEqualTo("output");
                    assertThat(e.step()).isEqualTo(2);
                });
        assertThat(afterFirstStep).containsKey("1.running_mean");
        model.stateDict().forEach((name, t) -> assertThat(t.toArray()).as(name).containsExactly(afterFirstStep.get(name)));
    }

    @Test
    void parameterBecomingInfiniteRollsBackTheStepAndNamesTheParameter() {
        Blobs data = new Blobs(30, 7);
        Sequential model = linearModel();
        float[] before = weights(model);
        // (float) 1e39 is +∞: the first update makes the weights non-finite while the loss was fine.
        FitConfig config = FitConfig.builder().loss(new SoftmaxCrossEntropy()).optimizer(new SGD(1e39))
                .batchSize(30).quiet().build();

        assertThatThrownBy(() -> model.fit(data.x, data.t, config))
                .isInstanceOfSatisfying(TrainingDivergedException.class, e -> {
                    assertThat(e.where()).isEqualTo("0.weight");
                    assertThat(e.step()).isEqualTo(1);
                    assertThat(e.epoch()).isZero();
                });
        assertThat(weights(model)).containsExactly(before);
        assertThat(config.optimizer().stateOf(model.parameters().get(0), 0)).isNull();
    }

    @Test
    void validationFractionHoldsOutTheLastSamples() {
        Blobs data = new Blobs(100, 8);
        int[] trainSamples = new int[1];
        TrainingListener l = new TrainingListener() {
            @Override
            public void onTrainBegin(int epochs, int samples) {
                trainSamples[0] = samples;
            }
        };
        Sequential model = linearModel();
        History h = model.fit(data.x, data.t, sgd(0.1).epochs(2).validationFraction(0.2).listener(l).build());

        assertThat(trainSamples[0]).isEqualTo(80);
        assertThat(h.names()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds");
        Evaluation last20 = model.evaluate(data.x.slice(0, 80, 100), data.t.slice(0, 80, 100), new SoftmaxCrossEntropy());
        assertThat(h.valLoss()[1]).isCloseTo(last20.loss(), within(1e-6));
        assertThat(h.valAccuracy()[1]).isEqualTo(last20.accuracy());
    }

    @Test
    void scheduleSetsTheRateOfEachEpoch() {
        Blobs data = new Blobs(30, 9);
        History h = linearModel().fit(data.x, data.t,
                sgd(0.1).epochs(5).schedule(LrSchedule.step(2, 0.5)).build());
        assertThat(h.lr()).containsExactly(0.1, 0.1, 0.05, 0.05, 0.025);
    }

    @Test
    void earlyStoppingInTheLoopStopsAndRestoresTheBestEpoch() {
        Blobs data = new Blobs(60, 10);
        Sequential model = linearModel();
        List<float[]> endOfEpoch = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                endOfEpoch.add(weights(model));
            }
        };
        // Monitoring the training loss in MAX mode: the first epoch is the best and nothing improves on it.
        EarlyStopping es = new EarlyStopping().monitor("loss").mode(dev.kiso.optim.MonitorMode.MAX)
                .patience(2).restoreBestWeights(true);
        History h = model.fit(data.x, data.t, sgd(0.1).epochs(10).earlyStopping(es).listener(recorder).build());

        assertThat(h.epochs()).isEqualTo(3);
        assertThat(h.bestEpoch()).isZero();
        assertThat(h.stoppedEpoch()).isEqualTo(2);
        assertThat(weights(model)).containsExactly(endOfEpoch.get(0));
    }

    @Test
    void evaluateInBatchesEqualsOneBatchAndPredictIsTheSoftmax() {
        Blobs data = new Blobs(50, 11);
        Sequential model = linearModel();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Evaluation whole = Trainer.evaluate(model, data.x, data.t, loss, List.of(new Accuracy()), 50);
        Evaluation batched = Trainer.evaluate(model, data.x, data.t, loss, List.of(new Accuracy()), 7);
        assertThat(batched.loss()).isCloseTo(whole.loss(), within(1e-6));
        assertThat(batched.accuracy()).isEqualTo(whole.accuracy());

        Tensor logits = model.forward(data.x, false);
        Tensor p = Trainer.predict(model, data.x, 7);
        int[] classes = model.predictClasses(data.x);
        int correct = 0;
        for (int i = 0; i < 50; i++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.exp(logits.get(i, k));
            }
            int best = 0;
            for (int k = 0; k < 3; k++) {
                assertThat((double) p.get(i, k)).isCloseTo(Math.exp(logits.get(i, k)) / sum, within(1e-6));
                best = logits.get(i, k) > logits.get(i, best) ? k : best;
            }
            assertThat(classes[i]).isEqualTo(best);
            correct += best == (int) data.t.get(i) ? 1 : 0;
        }
        assertThat(whole.accuracy()).isEqualTo(correct / 50.0);
    }

    @Test
    void listenersSeeEventsInOrder() {
        Blobs data = new Blobs(5, 12);
        List<String> events = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onTrainBegin(int epochs, int samples) {
                events.add("train " + epochs + " " + samples);
            }

            @Override
            public void onEpochBegin(int epoch, int batches) {
                events.add("epoch " + epoch + " of " + batches);
            }

            @Override
            public void onBatchBegin(int epoch, int batch) {
                events.add("batch " + batch);
            }

            @Override
            public void onBatchEnd(int epoch, int batch, int seen, Map<String, Double> running) {
                events.add("end " + batch + " " + seen);
            }

            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                events.add("epoch end " + epoch);
            }

            @Override
            public void onTrainEnd(History history) {
                events.add("train end " + history.epochs());
            }
        };
        linearModel().fit(data.x, data.t, sgd(0.1).epochs(2).batchSize(3).listener(l).build());
        assertThat(events).containsExactly("train 2 5",
                "epoch 0 of 2", "batch 0", "end 0 3", "batch 1", "end 1 5", "epoch end 0",
                "epoch 1 of 2", "batch 0", "end 0 3", "batch 1", "end 1 5", "epoch end 1", "train end 2");
    }

    @Test
    void progressBarPrintsOneLinePerEpochOrRedrawsInPlace() {
        Blobs data = new Blobs(20, 13);
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        linearModel().fit(data.x, data.t, sgd(0.1).epochs(2).batchSize(5)
                .listener(new ProgressBar(new PrintStream(plain, true, StandardCharsets.UTF_8), false))
                .listener(new ProgressBar(new PrintStream(tty, true, StandardCharsets.UTF_8), true)).build());
        String[] lines = plain.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("Epoch 1/2 4/4 batches - loss ").contains("accuracy", "samples/s").doesNotContain("\r");
        assertThat(tty.toString(StandardCharsets.UTF_8)).contains("\rEpoch 2/2 [====================] 4/4");
    }

    @Test
    void historyCsvRoundTrips(@TempDir Path dir) throws IOException {
        Blobs data = new Blobs(30, 14);
        History h = linearModel().fit(data.x, data.t, sgd(0.1).epochs(3).validationFraction(0.2).build());
        Path file = dir.resolve("history.csv");
        h.writeCsv(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds");
        assertThat(lines).hasSize(4);
        for (int e = 0; e < 3; e++) {
            String[] cells = lines.get(e + 1).split(",");
            assertThat(cells[0]).isEqualTo(Integer.toString(e + 1));
            assertThat(Double.parseDouble(cells[1])).isEqualTo(h.loss()[e]);
            assertThat(Double.parseDouble(cells[4])).isEqualTo(h.valAccuracy()[e]);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void badInputIsReportedClearly() {
        Blobs data = new Blobs(30, 15);
        Sequential model = linearModel();
        assertThatThrownBy(() -> model.fit(data.x, Tensor.zeros(29), sgd(0.1).build()))
                .isInstanceOf(KisoException.class).hasMessageContaining("[30, 2]").hasMessageContaining("[29]");
        assertThatThrownBy(() -> model.fit(data.x, data.t, sgd(0.1).earlyStopping(new EarlyStopping()).build()))
                .isInstanceOf(KisoException.class).hasMessageContaining("val_loss").hasMessageContaining("no validation data");
        assertThatThrownBy(() -> FitConfig.builder().loss(new SoftmaxCrossEntropy()).build())
                .isInstanceOf(KisoException.class).hasMessageContaining("optimizer");
        assertThatThrownBy(() -> sgd(0.1).batchSize(0))
                .isInstanceOf(KisoException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new Accuracy().sum(Tensor.zeros(4, 1), Tensor.zeros(4)))
                .isInstanceOf(KisoException.class).hasMessageContaining("[4, 1]");
    }
}
