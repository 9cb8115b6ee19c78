package dev.kiso.bench;

import dev.kiso.nn.ConvPool;
import dev.kiso.nn.Layer;
import dev.kiso.nn.Loss;
import dev.kiso.nn.Parameter;
import dev.kiso.nn.Sequential;
import dev.kiso.optim.Optimizer;
import dev.kiso.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a training step's time goes, layer by layer: runs a step exactly as {@link Sequential}
 * does ({@link Sequential#executionOrder()} forward, {@link Sequential#backwardParameters}
 * backward, stopping at {@link Sequential#firstTrainable()}) with a clock around each call, and
 * adds the times up. The parameters end up exactly where an untimed step would put them.
 *
 * <p>{@code ./kiso bench W3 --layers} prints these sums as milliseconds per step.
 */
public final class LayerTimes {
    private final Sequential model;
    private final List<Layer> order;
    private final int first;
    private final long[] forwardNanos;
    private final long[] backwardNanos;
    private long lossNanos;
    private long optimizerNanos;
    private int steps;

    /**
     * Times for the layers of {@code model}, all zero.
     *
     * @param model the model whose steps will be timed
     */
    public LayerTimes(Sequential model) {
        this.model = model;
        this.order = model.executionOrder();
        this.first = model.firstTrainable();
        this.forwardNanos = new long[order.size()];
        this.backwardNanos = new long[order.size()];
    }

    /**
     * One training step, timed: forward in training mode, the loss and its gradient, backward down
     * to the first trainable layer, and the optimizer's update.
     *
     * @param x         the batch's inputs
     * @param t         the batch's targets
     * @param loss      the loss
     * @param optimizer the optimizer
     * @param params    the parameters it updates (the model's)
     */
    public void step(Tensor x, Tensor t, Loss loss, Optimizer optimizer, List<Parameter> params) {
        Tensor out = x;
        for (int i = 0; i < order.size(); i++) {
            long t0 = System.nanoTime();
            out = order.get(i).forward(out, true);
            forwardNanos[i] += System.nanoTime() - t0;
        }
        long t0 = System.nanoTime();
        loss.forward(out, t);
        Tensor grad = loss.backward();
        lossNanos += System.nanoTime() - t0;
        for (int i = order.size() - 1; i >= first; i--) {
            long t1 = System.nanoTime();
            if (i > first) {
                grad = order.get(i).backward(grad);
            } else {
                order.get(i).backwardParameters(grad);
            }
            backwardNanos[i] += System.nanoTime() - t1;
        }
        long t2 = System.nanoTime();
        optimizer.step(params);
        optimizerNanos += System.nanoTime() - t2;
        steps++;
    }

    /** @return the steps timed so far */
    public int steps() {
        return steps;
    }

    /**
     * Mean forward time of one layer.
     *
     * @param position the layer's position in {@link Sequential#executionOrder()}
     * @return milliseconds per step
     */
    public double forwardMillis(int position) {
        return perStep(forwardNanos[position]);
    }

    /**
     * Mean backward time of one layer (0 for the layers backward never reaches).
     *
     * @param position the layer's position in {@link Sequential#executionOrder()}
     * @return milliseconds per step
     */
    public double backwardMillis(int position) {
        return perStep(backwardNanos[position]);
    }

    /** @return mean time of the loss and its gradient, milliseconds per step */
    public double lossMillis() {
        return perStep(lossNanos);
    }

    /** @return mean time of the optimizer's update, milliseconds per step */
    public double optimizerMillis() {
        return perStep(optimizerNanos);
    }

    /** @return the sum of everything timed, milliseconds per step */
    public double totalMillis() {
        double total = lossMillis() + optimizerMillis();
        for (int i = 0; i < order.size(); i++) {
            total += forwardMillis(i) + backwardMillis(i);
        }
        return total;
    }

    private double perStep(long nanos) {
        return steps == 0 ? 0 : nanos * 1e-6 / steps;
    }

    /**
     * The table {@code ./kiso bench --layers} prints: one row per layer in execution order, with its
     * number in {@link Sequential#layers()} (a ReLU that runs after the pooling it precedes keeps its
     * own number; a convolution and the pooling run with it as one {@link ConvPool} share a row,
     * numbered like {@code 2+4}), then the loss, the optimizer and the total.
     *
     * @param title the first line
     * @return the lines
     */
    public List<String> table(String title) {
        List<Layer> listed = model.layers();
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add(String.format(Locale.ROOT, "  %5s  %-52s %9s %9s", "#", "layer", "forward", "backward"));
        for (int i = 0; i < order.size(); i++) {
            Layer layer = order.get(i);
            String number;
            String name;
            if (layer instanceof ConvPool fused) {
                number = indexOf(listed, fused.convolution()) + "+" + indexOf(listed, fused.pooling());
                name = describe(fused.convolution(), 52 - " + MaxPool2D".length()) + " + MaxPool2D";
            } else {
                number = String.valueOf(indexOf(listed, layer));
                name = describe(layer, 52);
            }
            lines.add(String.format(Locale.ROOT, "  %5s  %-52s %9.3f %9.3f", number, name,
                    forwardMillis(i), backwardMillis(i)));
        }
        lines.add(String.format(Locale.ROOT, "  %5s  %-52s %9.3f", "", "loss (forward and gradient)", lossMillis()));
        lines.add(String.format(Locale.ROOT, "  %5s  %-52s %9.3f", "", "optimizer update", optimizerMillis()));
        lines.add(String.format(Locale.ROOT, "  %5s  %-52s %9.3f ms per step (%.1f steps/s)", "", "total",
                totalMillis(), 1000 / totalMillis()));
        return lines;
    }

    /** The layer's spec on one line, cut to {@code width} characters. */
    private static String describe(Layer layer, int width) {
        String spec = layer.spec().toString().replace('\n', ' ');
        return spec.length() > width ? spec.substring(0, width - 3) + "..." : spec;
    }

    /** The position of {@code layer} itself (not an equal one) in {@code layers}. */
    private static int indexOf(List<Layer> layers, Layer layer) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == layer) {
                return i;
            }
        }
        return -1;
    }
}
