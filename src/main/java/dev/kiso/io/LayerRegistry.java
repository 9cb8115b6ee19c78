package dev.kiso.io;

import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.AvgPool2D;
import dev.kiso.nn.BatchNorm;
import dev.kiso.nn.Conv2D;
import dev.kiso.nn.Dropout;
import dev.kiso.nn.Flatten;
import dev.kiso.nn.GlobalAvgPool2D;
import dev.kiso.nn.InstanceNorm;
import dev.kiso.nn.Layer;
import dev.kiso.nn.LayerNorm;
import dev.kiso.nn.LayerSpec;
import dev.kiso.nn.LeakyReLU;
import dev.kiso.nn.MaxPool2D;
import dev.kiso.nn.ReLU;
import dev.kiso.nn.Residual;
import dev.kiso.nn.Sequential;
import dev.kiso.nn.Sigmoid;
import dev.kiso.nn.Softmax;
import dev.kiso.nn.Tanh;
import dev.kiso.nn.init.Constant;
import dev.kiso.nn.init.HeNormal;
import dev.kiso.nn.init.HeUniform;
import dev.kiso.nn.init.Initializer;
import dev.kiso.nn.init.LeCunNormal;
import dev.kiso.nn.init.Normal;
import dev.kiso.nn.init.Uniform;
import dev.kiso.nn.init.XavierNormal;
import dev.kiso.nn.init.XavierUniform;
import dev.kiso.nn.init.Zeros;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rebuilds layers from their {@link LayerSpec}: a table from type name ({@code "Affine"}) to a
 * factory that reads the spec's arguments and calls the layer's constructor. Model files store the
 * spec of the whole model, and loading one is {@code registry.build(spec)} followed by copying the
 * weights in.
 *
 * <p>Every built-in layer is registered here explicitly, one line each (no reflection). Your own
 * layer needs one line too before a model that contains it can be loaded:
 *
 * <pre>{@code
 * LayerRegistry.global().register("Swish", spec -> new Swish());
 * LayerRegistry.global().register("Scale", spec -> new Scale(spec.getFloat("factor")));
 * Sequential model = Sequential.load(Path.of("model.safetensors"));
 * }</pre>
 *
 * <p>A factory gets the spec as stored; containers build their children with {@link #build}.
 * After building, the registry checks that the new layer's {@code spec()} equals the stored one,
 * so a factory that drops or misreads an argument is caught at load time, not after hours of
 * serving a different model.
 */
public final class LayerRegistry {

    /** Builds one layer type from its specification. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param spec the stored specification; read arguments with {@code getInt}, {@code getFloat}, {@code get}
         * @return the layer, with freshly initialized weights (the loader overwrites them)
         */
        Layer create(LayerSpec spec);
    }

    private static final LayerRegistry GLOBAL = standard();

    private final Map<String, Factory> factories = new LinkedHashMap<>();

    private LayerRegistry() {
    }

    /**
     * The registry {@code Sequential.load} uses: the built-in layers plus whatever the program
     * registered.
     *
     * @return the process-wide registry
     */
    public static LayerRegistry global() {
        return GLOBAL;
    }

    /**
     * A new registry holding the built-in layers only, independent of {@link #global()}.
     *
     * @return the registry
     */
    public static LayerRegistry standard() {
        LayerRegistry r = new LayerRegistry();
        r.register("Sequential", r::sequential);
        r.register("Affine", spec -> spec.args().containsKey("init")
                ? new Affine(spec.getInt("in"), spec.getInt("out"), initializer(spec.get("init")))
                : new Affine(spec.getInt("in"), spec.getInt("out")));
        r.register("ReLU", spec -> new ReLU());
        r.register("LeakyReLU", spec -> new LeakyReLU(spec.getFloat("slope")));
        r.register("Sigmoid", spec -> new Sigmoid());
        r.register("Tanh", spec -> new Tanh());
        r.register("Softmax", spec -> new Softmax());
        r.register("Flatten", spec -> new Flatten());
        r.register("Dropout", spec -> new Dropout(spec.getFloat("p")));
        r.register("BatchNorm", spec -> new BatchNorm(spec.getInt("numFeatures"), spec.getFloat("eps"),
                spec.getFloat("momentum")));
        r.register("LayerNorm", spec -> new LayerNorm(spec.getFloat("eps"), dims(spec, "normalizedShape")));
        r.register("InstanceNorm", spec -> new InstanceNorm(spec.getInt("numFeatures"), spec.getFloat("eps")));
        r.register("Conv2D", LayerRegistry::conv2d);
        r.register("MaxPool2D", spec -> new MaxPool2D(spec.getInt("kernel"), spec.getInt("stride"),
                spec.getInt("padding")));
        r.register("AvgPool2D", spec -> new AvgPool2D(spec.getInt("kernel"), spec.getInt("stride"),
                spec.getInt("padding")));
        r.register("GlobalAvgPool2D", spec -> new GlobalAvgPool2D());
        r.register("Residual", r::residual);
        return r;
    }

    /**
     * Adds a layer type, or replaces the factory of one already registered.
     *
     * @param type    the name its {@code spec()} uses
     * @param factory builds the layer from its spec
     * @return this registry
     */
    public synchronized LayerRegistry register(String type, Factory factory) {
        if (type == null || type.isEmpty() || factory == null) {
            throw new KisoException("LayerRegistry.register: need a type name and a factory, got " + type
                    + " and " + factory);
        }
        factories.put(type, factory);
        return this;
    }

    /** @return the registered type names, in registration order */
    public synchronized Set<String> types() {
        return Set.copyOf(factories.keySet());
    }

    /**
     * Builds a layer (and its children) from a specification.
     *
     * @param spec the specification, e.g. from {@link LayerSpec#parse(String)}
     * @return the layer, with fresh weights
     * @throws KisoException for an unknown type (saying how to register it), a bad argument, or a
     *                       factory whose layer does not reproduce the spec
     */
    public Layer build(LayerSpec spec) {
        Factory factory;
        synchronized (this) {
            factory = factories.get(spec.type());
        }
        if (factory == null) {
            throw new KisoException("unknown layer type '" + spec.type() + "': register it before loading, e.g."
                    + " LayerRegistry.global().register(\"" + spec.type() + "\", spec -> new " + spec.type()
                    + "(...)) (known types: " + String.join(", ", types().stream().sorted().toList()) + ")");
        }
        Layer layer = factory.create(spec);
        if (!layer.spec().equals(spec)) {
            throw new KisoException("the factory registered for '" + spec.type() + "' built " + oneLine(layer.spec())
                    + " from " + oneLine(spec) + "; it must rebuild the same layer");
        }
        return layer;
    }

    private Layer sequential(LayerSpec spec) {
        if (!spec.args().isEmpty()) {
            throw new KisoException("Sequential takes no arguments, found " + spec.args());
        }
        List<Layer> layers = new ArrayList<>();
        for (LayerSpec child : spec.children()) {
            layers.add(build(child));
        }
        return new Sequential(layers);
    }

    private static Layer conv2d(LayerSpec spec) {
        int[] kernel = pair(spec, "kernel");
        int[] stride = pair(spec, "stride");
        int[] padding = pair(spec, "padding");
        Conv2D.Builder b = Conv2D.builder(spec.getInt("inChannels"), spec.getInt("outChannels"), kernel[0])
                .kernel(kernel[0], kernel[1]).stride(stride[0], stride[1]).padding(padding[0], padding[1])
                .bias(Boolean.parseBoolean(spec.get("bias")));
        if (spec.args().containsKey("init")) {
            b.initializer(initializer(spec.get("init")));
        }
        return b.build();
    }

    private Layer residual(LayerSpec spec) {
        String shortcut = spec.get("shortcut");
        int expected = shortcut.equals("identity") ? 1 : 2;
        if (spec.children().size() != expected) {
            throw new KisoException("Residual(shortcut=" + shortcut + ") needs " + expected + " children, found "
                    + spec.children().size());
        }
        Layer block = build(spec.children().get(0));
        return expected == 1 ? new Residual(block) : new Residual(block, build(spec.children().get(1)));
    }

    /** Reads {@code 3} as {@code [3, 3]} and {@code 3x1} as {@code [3, 1]}. */
    static int[] pair(LayerSpec spec, String key) {
        int[] d = dims(spec, key);
        if (d.length > 2) {
            throw new KisoException(spec.type() + ": argument '" + key + "' should be N or HxW, got '" + spec.get(key) + "'");
        }
        return d.length == 1 ? new int[] {d[0], d[0]} : d;
    }

    /** Reads an initializer written by its {@code toString()}, e.g. {@code Normal(std=0.01)}. */
    static Initializer initializer(String text) {
        LayerSpec s = LayerSpec.parse(text);
        return switch (s.type()) {
            case "HeNormal" -> new HeNormal();
            case "HeUniform" -> new HeUniform();
            case "XavierNormal" -> new XavierNormal();
            case "XavierUniform" -> new XavierUniform();
            case "LeCunNormal" -> new LeCunNormal();
            case "Zeros" -> new Zeros();
            case "Normal" -> new Normal(s.getFloat("std"));
            case "Uniform" -> new Uniform(s.getFloat("low"), s.getFloat("high"));
            case "Constant" -> new Constant(s.getFloat("value"));
            default -> throw new KisoException("unknown initializer '" + text + "': Kiso can rebuild HeNormal,"
                    + " HeUniform, XavierNormal, XavierUniform, LeCunNormal, Zeros, Normal, Uniform and Constant");
        };
    }

    /** Reads sizes written as {@code 10x20}. */
    static int[] dims(LayerSpec spec, String key) {
        String[] parts = spec.get(key).split("x");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new KisoException(spec.type() + ": argument '" + key + "' should be sizes like 10x20, got '"
                        + spec.get(key) + "'");
            }
        }
        return out;
    }

    /** A spec on one line, for messages. */
    static String oneLine(LayerSpec spec) {
        return spec.toString().replaceAll("\n *", " ");
    }
}
