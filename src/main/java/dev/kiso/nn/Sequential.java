package dev.kiso.nn;

import dev.kiso.KisoException;
import dev.kiso.io.ModelFile;
import dev.kiso.nn.init.SeededRandom;
import dev.kiso.tensor.Tensor;
import dev.kiso.train.Accuracy;
import dev.kiso.train.Evaluation;
import dev.kiso.train.FitConfig;
import dev.kiso.train.History;
import dev.kiso.train.Trainer;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Layers applied one after another, and itself a {@link Layer}, so blocks nest.
 *
 * <pre>
 * forward:  y = f_n(... f_2(f_1(x)))
 * backward: dx = b_1(b_2(... b_n(dout)))   (each layer's backward, in reverse order)
 * </pre>
 *
 * <p>One shortcut: a {@link ReLU} directly followed by a {@link MaxPool2D} runs after it instead,
 * on a quarter of the values for 2×2 pooling. The two commute exactly: ReLU never changes which
 * value of a window is largest, so {@code max(relu(a), relu(b)) = relu(max(a, b))}, and backward
 * sends each window's gradient to the same cell, or nowhere when the window's maximum is not
 * positive. The outputs and gradients are the same bits either way ({@code executionOrder} in the
 * source says why in detail).
 *
 * <p>A second one: a {@link Conv2D} followed (after that move) by 2×2 max pooling runs as one
 * {@link ConvPool}, which pools each image's convolution output while it is still in the cache of
 * the core that computed it, instead of writing the whole output to memory and reading it back.
 * Again the same bits.
 *
 * <p>Building a {@code Sequential} initializes its layers from one seeded generator (seed
 * {@value #DEFAULT_SEED} unless {@link #initialize(long)} is called), so two models built the same
 * way start from the same weights. Parameters are named like PyTorch's: {@code 0.weight},
 * {@code 0.bias}, {@code 2.running_mean}.
 *
 * <p>{@link #save(Path)} and {@link #load(Path)} are a thin facade over
 * {@link dev.kiso.io.ModelFile}: one safetensors file holds the weights, the buffers and the
 * architecture, so {@code Sequential.load} needs no code to rebuild the model.
 *
 * <p>{@link #fit}, {@link #evaluate} and {@link #predict} are a thin facade over
 * {@link dev.kiso.train.Trainer}: the one place where {@code nn} calls up into {@code train}, so
 * that users train the model they built without meeting the trainer.
 */
public class Sequential implements Layer {

    /** The seed used to initialize the weights when none is given. */
    public static final long DEFAULT_SEED = 42L;

    private final List<Layer> layers;
    /** The layers in the order forward runs them (backward in reverse), see {@link #executionOrder}. */
    private final List<Layer> order;
    /** The workspace of evaluation-mode forwards, kept between calls; empty while a call uses it. */
    private final AtomicReference<SoftReference<InferenceWorkspace>> spareWorkspace = new AtomicReference<>();

    /**
     * A model made of these layers, initialized with {@link #DEFAULT_SEED}.
     *
     * @param layers the layers, first to last
     */
    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    /**
     * A model made of these layers, initialized with {@link #DEFAULT_SEED}.
     *
     * @param layers the layers, first to last
     */
    public Sequential(List<? extends Layer> layers) {
        this.layers = new ArrayList<>(layers);
        this.order = executionOrder(this.layers);
        initialize(DEFAULT_SEED);
    }

    /**
     * The layers as given, except that each {@link ReLU} directly followed by a {@link MaxPool2D}
     * is moved after it. Why the result is the same: for a window of values a, b, ...,
     * {@code max(relu(a), relu(b), ...) = relu(max(a, b, ...))} because ReLU is monotone. Backward,
     * if the maximum m is positive, the first cell holding m is the first cell holding relu(m)
     * (the cells ReLU set to 0 are smaller), and ReLU passes the gradient; if m ≤ 0, ReLU's
     * gradient is 0 in both orders. NaN propagates the same way in both. The gain is ReLU's work:
     * in W2 it runs on 30×12×12 values per image instead of 30×24×24, forward and backward, which
     * took W2's training step at one thread from 10.8–14.4 to 9.8–10.6 ms (three alternating
     * rounds, best of ten blocks of 100 steps each).
     *
     * <p>Then each {@link Conv2D} directly followed by a 2×2, stride-2 {@link MaxPool2D} (after the
     * move above: W2's and W3's conv → ReLU → pool blocks) becomes one {@link ConvPool}, which
     * pools each group of images as soon as the convolution has computed it. The convolution's
     * output then never goes to memory: in W2 that is 6.9 MB written by the convolution and read
     * back by the pooling in every training step.
     *
     * @param layers the layers, first to last
     * @return the order to run them in
     */
    static List<Layer> executionOrder(List<Layer> layers) {
        List<Layer> order = new ArrayList<>(layers);
        for (int i = 0; i + 1 < order.size(); i++) {
            if (order.get(i) instanceof ReLU && order.get(i + 1) instanceof MaxPool2D) {
                Layer relu = order.get(i);
                order.set(i, order.get(i + 1));
                order.set(i + 1, relu);   // and on past any further pooling layers
            }
        }
        for (int i = 0; i + 1 < order.size(); i++) {
            if (order.get(i) instanceof Conv2D conv && order.get(i + 1) instanceof MaxPool2D pool && pool.isTwoByTwo()) {
                order.set(i, new ConvPool(conv, pool));
                order.remove(i + 1);
            }
        }
        return order;
    }

    /** @return the layers, first to last (read-only) */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /**
     * The layers in the order a training forward runs them (backward runs them in reverse): the
     * order of {@link #layers()}, except for the two shortcuts described in the class comment (a
     * ReLU moved after the max pooling that follows it; a convolution and the 2×2 max pooling
     * after it as one {@link ConvPool}).
     * For tools that time or inspect each layer of a step as the model itself runs it.
     *
     * @return the layers in execution order (read-only)
     */
    public List<Layer> executionOrder() {
        return List.copyOf(order);
    }

    /**
     * Where {@link #backwardParameters} stops: the position in {@link #executionOrder()} of the
     * first layer with parameters, which is asked for its parameter gradients only; the layers
     * before it get no backward call at all.
     *
     * @return that position, or the number of layers when none has parameters
     */
    public int firstTrainable() {
        int first = 0;
        while (first < order.size() && order.get(first).parameters().isEmpty()) {
            first++;
        }
        return first;
    }

    /**
     * Re-initializes every layer's parameters from a generator seeded with {@code seed}.
     *
     * @param seed the seed
     * @return this model
     */
    public Sequential initialize(long seed) {
        initialize(new SeededRandom(seed));
        return this;
    }

    @Override
    public void initialize(Random rng) {
        for (Layer layer : layers) {
            layer.initialize(rng);
        }
    }

    /**
     * The layers one after another. In evaluation mode ({@code training = false}) the activations
     * between the layers live in an {@link InferenceWorkspace} that this model keeps from one call
     * to the next, so that repeated evaluation does not keep touching fresh memory (see there);
     * the returned tensor is always the caller's own, and the values are bit for bit those of
     * evaluating layer by layer. Threads that evaluate the model at the same time each get a
     * workspace of their own. The kept workspace is softly referenced: the garbage collector frees
     * it before the heap runs out.
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (!training) {
            return forwardEvaluation(x);
        }
        Tensor out = x;
        for (Layer layer : order) {
            out = layer.forward(out, true);
        }
        return out;
    }

    /** Evaluation mode through the kept workspace, or a new one while another thread uses it. */
    private Tensor forwardEvaluation(Tensor x) {
        SoftReference<InferenceWorkspace> kept = spareWorkspace.getAndSet(null);
        InferenceWorkspace workspace = kept == null ? null : kept.get();
        if (workspace == null) {
            workspace = new InferenceWorkspace();
        }
        try {
            return workspace.forward(this, x);
        } finally {
            spareWorkspace.set(new SoftReference<>(workspace));
        }
    }

    /** Every layer's {@link Layer#infer} in turn: the activations stay in {@code workspace}. */
    @Override
    public Tensor infer(Tensor x, InferenceWorkspace workspace) {
        Tensor out = x;
        for (Layer layer : order) {
            out = layer.infer(out, workspace);
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor dout) {
        Tensor grad = dout;
        for (int i = order.size() - 1; i >= 0; i--) {
            grad = order.get(i).backward(grad);
        }
        return grad;
    }

    /**
     * Backward through the layers down to the first one that has parameters, which is asked for its
     * parameter gradients only; the layers before it are skipped, since no one needs their input
     * gradient.
     */
    @Override
    public void backwardParameters(Tensor dout) {
        int first = firstTrainable();
        Tensor grad = dout;
        for (int i = order.size() - 1; i > first; i--) {
            grad = order.get(i).backward(grad);
        }
        if (first < order.size()) {
            order.get(first).backwardParameters(grad);
        }
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        return all;
    }

    /** The children's buffers under their dotted names ({@code 1.running_mean}), like {@link #stateDict()}. */
    @Override
    public Map<String, Tensor> buffers() {
        return ChildState.prefixed(children(), Layer::buffers);
    }

    @Override
    public Map<String, Tensor> stateDict() {
        return ChildState.prefixed(children(), Layer::stateDict);
    }

    /** The layers by index ({@code "0"}, {@code "1"}, ...), the names their state goes under. */
    private Map<String, Layer> children() {
        Map<String, Layer> children = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            children.put(String.valueOf(i), layers.get(i));
        }
        return children;
    }

    @Override
    public LayerSpec spec() {
        List<LayerSpec> children = new ArrayList<>();
        for (Layer layer : layers) {
            children.add(layer.spec());
        }
        return LayerSpec.of("Sequential").withChildren(children);
    }

    // ------------------------------------------------------------------ model files (delegate to dev.kiso.io)

    /**
     * Saves this model, weights, buffers and architecture, to a safetensors file that PyTorch can
     * read; see {@link ModelFile#save}. The file is written under a temporary name and renamed
     * into place.
     *
     * @param path the file, conventionally {@code model.safetensors}
     */
    public void save(Path path) {
        ModelFile.save(this, path);
    }

    /**
     * Loads a model saved by {@link #save(Path)}, rebuilding its layers from the architecture in
     * the file (layer types come from {@link dev.kiso.io.LayerRegistry#global()}; register your
     * own layers there first).
     *
     * @param path the file
     * @return the model, as it was saved
     * @throws KisoException if the file is missing, not a Kiso model, or does not match its architecture
     */
    public static Sequential load(Path path) {
        Layer model = ModelFile.load(path);
        if (!(model instanceof Sequential seq)) {
            throw new KisoException(path + ": the model is a " + model.spec().type()
                    + ", not a Sequential; use ModelFile.load");
        }
        return seq;
    }

    // ------------------------------------------------------------------ training facade (delegates to dev.kiso.train)

    /**
     * Trains this model on in-memory data; see {@link Trainer#fit}.
     *
     * @param x      training inputs, batch first ({@code [N, ...]})
     * @param t      training targets ({@code [N]} class indices, or {@code [N, ...]})
     * @param config loss, optimizer, epochs, batch size and the rest
     * @return one row per epoch: loss, accuracy, val_loss, val_accuracy, lr, seconds
     * @throws dev.kiso.train.TrainingDivergedException if the loss or a weight becomes NaN or infinite
     */
    public History fit(Tensor x, Tensor t, FitConfig config) {
        return Trainer.fit(this, x, t, config);
    }

    /**
     * Mean loss and accuracy over a data set, in evaluation mode, in batches of
     * {@value Trainer#DEFAULT_EVAL_BATCH}.
     *
     * @param x    inputs, batch first
     * @param t    class indices {@code [N]} or one-hot targets
     * @param loss the loss to report
     * @return the loss and accuracy
     */
    public Evaluation evaluate(Tensor x, Tensor t, Loss loss) {
        return Trainer.evaluate(this, x, t, loss, List.of(new Accuracy()), Trainer.DEFAULT_EVAL_BATCH);
    }

    /**
     * Class probabilities (the softmax of the output), in evaluation mode.
     *
     * @param x inputs, batch first
     * @return probabilities {@code [N, C]}
     */
    public Tensor predict(Tensor x) {
        return Trainer.predict(this, x, Trainer.DEFAULT_EVAL_BATCH);
    }

    /**
     * The predicted class of each sample (the largest output), in evaluation mode.
     *
     * @param x inputs, batch first
     * @return one class index per sample
     */
    public int[] predictClasses(Tensor x) {
        return Trainer.predictClasses(this, x, Trainer.DEFAULT_EVAL_BATCH);
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
