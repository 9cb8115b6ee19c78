package dev.kiso.models;

import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Layer;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.Initializer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The course's fully connected network ({@code MultiLayerNet} / {@code MultiLayerNetExtend}) built
 * from Kiso's layers: for each hidden size h_k,
 *
 * <pre>
 * Affine(n_{k−1}, h_k) → [BatchNorm(h_k)] → activation → [Dropout(p)]
 * </pre>
 *
 * then an output {@code Affine(n_last, outputs)}; the loss (softmax cross-entropy) is kept apart,
 * as everywhere in Kiso. Every {@code Affine}, the output one included, takes its weights from the
 * same {@link Initializer} and starts with zero biases. Defaults as in the course: ReLU and He.
 *
 * <pre>{@code
 * Sequential net = MultiLayerNet.builder(784, 10).hidden(40, 20)
 *         .activation(Sigmoid::new).init(new Normal(0.01f)).build();
 * }</pre>
 *
 * <p>The course's {@code weight_init_std} choices map to: a number σ → {@code new Normal(σ)};
 * {@code 'xavier'}/{@code 'sigmoid'} (std {@code sqrt(1/n)}) → {@code new LeCunNormal()};
 * {@code 'he'}/{@code 'relu'} (std {@code sqrt(2/n)}) → {@code new HeNormal()}.
 */
public final class MultiLayerNet {

    private MultiLayerNet() {
    }

    /**
     * Starts a network with these input and output sizes (no hidden layer yet, ReLU, He).
     *
     * @param inputs  input features (784 for a flattened 28×28 image)
     * @param outputs output units (the number of classes)
     * @return a builder
     */
    public static Builder builder(int inputs, int outputs) {
        return new Builder(inputs, outputs);
    }

    /** Collects the hidden sizes and options; {@link #build()} makes the {@link Sequential}. */
    public static final class Builder {
        private final int inputs;
        private final int outputs;
        private int[] hidden = new int[0];
        private Supplier<? extends Layer> activation = ReLU::new;
        private Initializer init = new HeNormal();
        private boolean batchNorm;
        private float batchNormEps = BatchNorm.DEFAULT_EPS;
        private float runningVarStart = 1f;
        private float dropout;

        private Builder(int inputs, int outputs) {
            if (inputs <= 0 || outputs <= 0) {
                throw new KisoException("MultiLayerNet: inputs and outputs must be positive, got inputs="
                        + inputs + ", outputs=" + outputs);
            }
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /**
         * The hidden layers' sizes, first to last (the course's {@code hidden_size_list}).
         *
         * @param sizes one positive size per hidden layer
         * @return this builder
         */
        public Builder hidden(int... sizes) {
            for (int h : sizes) {
                if (h <= 0) {
                    throw new KisoException("MultiLayerNet: hidden sizes must be positive, got " + Arrays.toString(sizes));
                }
            }
            this.hidden = sizes.clone();
            return this;
        }

        /**
         * The activation after each hidden layer, made fresh for each (e.g. {@code Sigmoid::new}).
         *
         * @param activation makes one activation layer
         * @return this builder
         */
        public Builder activation(Supplier<? extends Layer> activation) {
            this.activation = activation;
            return this;
        }

        /**
         * The weight initializer of every {@code Affine} (called with fan-in = the layer's inputs).
         *
         * @param init the initializer
         * @return this builder
         */
        public Builder init(Initializer init) {
            this.init = init;
            return this;
        }

        /**
         * Puts a {@link BatchNorm} between each hidden {@code Affine} and its activation.
         *
         * @param on whether to
         * @return this builder
         */
        public Builder batchNorm(boolean on) {
            this.batchNorm = on;
            return this;
        }

        /**
         * The settings of the {@link BatchNorm} layers that {@link #batchNorm(boolean)} puts in: this
         * ε and this start value of the running variance (momentum 0.1 as always; the defaults are
         * PyTorch's, 1e-5 and 1). The book's and the course's settings are
         * {@code batchNormSettings(1e-6f, 0f)} (quirk Q7): with PyTorch's start
         * value of 1, an evaluation at tiny weight scales would be swamped by that start value for
         * the first hundred iterations.
         *
         * <p>{@code initialize(...)} on the built network resets the running variance to 1 (that is
         * {@link BatchNorm#initialize}'s job); use {@link #build(Random)} to draw the weights from
         * your own generator and keep the start value.
         *
         * @param eps             added to the variance inside the square root, &gt; 0
         * @param runningVarStart the running variance's value before the first training forward
         * @return this builder
         */
        public Builder batchNormSettings(float eps, float runningVarStart) {
            this.batchNormEps = eps;
            this.runningVarStart = runningVarStart;
            return this;
        }

        /**
         * Puts a {@link Dropout} after each hidden activation (0 for none).
         *
         * @param p the drop probability, in [0, 1)
         * @return this builder
         */
        public Builder dropout(float p) {
            if (!(p >= 0f && p < 1f)) {
                throw new KisoException("MultiLayerNet: dropout must be in [0, 1), got " + p);
            }
            this.dropout = p;
            return this;
        }

        /**
         * Builds the network, initialized from {@link Sequential#DEFAULT_SEED} (call
         * {@code initialize(seed)} or {@code initialize(rng)} for another draw).
         *
         * @return the layers in a {@link Sequential}
         */
        public Sequential build() {
            return withRunningVarStart(assemble());
        }

        /**
         * Builds the network and draws its weights from {@code rng} (layer by layer, first to last).
         *
         * @param rng draws the weights
         * @return the layers in a {@link Sequential}
         */
        public Sequential build(Random rng) {
            Sequential model = assemble();
            model.initialize(rng);
            return withRunningVarStart(model);
        }

        private Sequential withRunningVarStart(Sequential model) {
            for (Layer layer : model.layers()) {
                if (layer instanceof BatchNorm bn) {
                    Arrays.fill(bn.runningVar().data(), runningVarStart);
                }
            }
            return model;
        }

        private Sequential assemble() {
            List<Layer> layers = new ArrayList<>();
            int n = inputs;
            for (int h : hidden) {
                layers.add(new Affine(n, h, init));
                if (batchNorm) {
                    layers.add(new BatchNorm(h, batchNormEps, BatchNorm.DEFAULT_MOMENTUM));
                }
                layers.add(activation.get());
                if (dropout > 0f) {
                    layers.add(new Dropout(dropout));
                }
                n = h;
            }
            layers.add(new Affine(n, outputs, init));
            return new Sequential(layers);
        }
    }
}
