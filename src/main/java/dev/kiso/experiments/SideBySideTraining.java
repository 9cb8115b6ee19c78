package dev.kiso.experiments;

import dev.kiso.data.Batch;
import dev.kiso.data.Batches;
import dev.kiso.data.Dataset;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.SoftmaxCrossEntropy;
import dev.kiso.optim.Optimizer;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Accuracy;

import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * The book's and the course's training loop, for comparing networks: at each iteration one
 * mini-batch is drawn with replacement (EXPERIMENTS.md §1.3) and every network takes one step on
 * that same batch (§1.2), so the curves differ only by what is being compared.
 *
 * <pre>
 * for i = 1 … iterations:
 *     (x, t) = batchSize indices drawn with replacement
 *     for each network: y = f(x); L = softmax-cross-entropy(y, t); backward; optimizer.step
 *     probe.after(i, batch)          (evaluate here every k iterations, after the update)
 * </pre>
 */
final class SideBySideTraining {

    /**
     * One network in the comparison and the optimizer that trains it.
     *
     * @param model     the network, trained in place
     * @param optimizer its optimizer (its own state)
     */
    record Contender(Layer model, Optimizer optimizer) {
    }

    /** Called after every iteration, once every network has taken its step. */
    @FunctionalInterface
    interface Probe {
        /**
         * @param iteration the number of updates so far (1 after the first)
         * @param batch     the iteration's mini-batch (valid during this call only)
         */
        void after(int iteration, Batch batch);
    }

    private SideBySideTraining() {
    }

    /**
     * Trains the networks side by side.
     *
     * @param nets       the networks
     * @param train      the training set
     * @param batchSize  examples per mini-batch
     * @param iterations number of updates
     * @param batchRng   draws the mini-batch indices (shared by all networks)
     * @param probe      called after each iteration
     * @return {@code loss[n][i]}: network n's loss on iteration i+1's batch, before that update
     */
    static double[][] train(List<Contender> nets, Dataset train, int batchSize, int iterations,
                           Random batchRng, Probe probe) {
        double[][] loss = new double[nets.size()][iterations];
        SoftmaxCrossEntropy[] criteria = new SoftmaxCrossEntropy[nets.size()];
        for (int n = 0; n < nets.size(); n++) {
            criteria[n] = new SoftmaxCrossEntropy();
        }
        Batches batches = Batches.withReplacement(train, batchSize, batchRng);
        Iterator<Batch> epoch = batches.iterator();
        for (int i = 0; i < iterations; i++) {
            if (!epoch.hasNext()) {
                epoch = batches.iterator();
            }
            Batch batch = epoch.next();
            for (int n = 0; n < nets.size(); n++) {
                Layer model = nets.get(n).model();
                List<Parameter> params = model.parameters();
                loss[n][i] = criteria[n].forward(model.forward(batch.x(), true), batch.t());
                model.backward(criteria[n].backward());
                nets.get(n).optimizer().step(params);
            }
            probe.after(i + 1, batch);
        }
        return loss;
    }

    /**
     * The share of examples whose highest score is their label, in evaluation mode.
     *
     * @param model the network
     * @param x     inputs {@code [N, ...]}
     * @param t     class labels {@code [N]}
     * @return the accuracy in [0, 1]
     */
    static double accuracy(Layer model, Tensor x, Tensor t) {
        return new Accuracy().sum(model.forward(x, false), t) / x.shape(0);
    }
}
