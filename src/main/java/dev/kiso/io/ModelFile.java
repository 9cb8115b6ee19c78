package dev.kiso.io;

import dev.kiso.KisoException;
import dev.kiso.nn.Affine;
import dev.kiso.nn.Layer;
import dev.kiso.nn.LayerSpec;
import dev.kiso.nn.Residual;
import dev.kiso.nn.Sequential;
import dev.kiso.tensor.Tensor;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A whole model in one safetensors file: every parameter and buffer under its PyTorch-style name
 * ({@code 0.weight}, {@code 0.bias}, {@code 2.running_mean}), and the architecture in the
 * header's {@code __metadata__}, so that {@link #load} rebuilds the model without code.
 *
 * <p>Metadata written: {@code format = pt}, {@code kiso_version}, {@code kiso_architecture} (the
 * model's {@link LayerSpec} text) and {@code kiso_affine_layout = out,in}.
 *
 * <p><b>Affine weights are stored transposed</b>, as {@code [out, in]}, the layout of PyTorch's
 * {@code nn.Linear}, so the file loads into the equivalent PyTorch model with
 * {@code load_state_dict}. Kiso keeps {@code W [in, out]} in memory ({@code y = x·W + b}, as in
 * the course); the transpose happens here, by name, on save and on load, for the weight of every
 * {@link Affine} found in the model (directly or inside {@link Sequential} and {@link Residual} containers). Every
 * other tensor, convolution weights {@code [F, C, kh, kw]} included, is stored as it is in memory,
 * which is also PyTorch's layout.
 */
public final class ModelFile {

    /** The Kiso version written into files. */
    public static final String KISO_VERSION = "0.1.0";
    /** Metadata key of the architecture text. */
    public static final String ARCHITECTURE = "kiso_architecture";
    /** Metadata key of the Kiso version. */
    public static final String VERSION = "kiso_version";
    /** Metadata key saying how Affine weights are laid out in the file. */
    public static final String AFFINE_LAYOUT = "kiso_affine_layout";

    private ModelFile() {
    }

    /**
     * Writes a model: its state under its {@code stateDict()} names and its architecture, through
     * {@link SafeTensors#write} (a temporary file renamed into place).
     *
     * @param model the model
     * @param path  the file, conventionally {@code *.safetensors}
     */
    public static void save(Layer model, Path path) {
        Set<Tensor> affineWeights = affineWeights(model);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> tensors.put(name, affineWeights.contains(t) ? t.t() : t));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(VERSION, KISO_VERSION);
        metadata.put(ARCHITECTURE, model.spec().toString());
        metadata.put(AFFINE_LAYOUT, "out,in");
        SafeTensors.write(path, tensors, metadata);
    }

    /**
     * Reads a model with the {@link LayerRegistry#global() global} registry.
     *
     * @param path the file
     * @return the model, in the state it was saved
     * @throws KisoException if the file is not a Kiso model, names an unknown layer type, or its
     *                       tensors do not match the architecture (missing, extra, wrong shape)
     */
    public static Layer load(Path path) {
        return load(path, LayerRegistry.global());
    }

    /**
     * Reads a model, building its layers with the given registry.
     *
     * @param path     the file
     * @param registry the layer factories
     * @return the model, in the state it was saved
     */
    public static Layer load(Path path, LayerRegistry registry) {
        SafeTensorsFile file = SafeTensors.read(path);
        String architecture = file.metadata().get(ARCHITECTURE);
        if (architecture == null) {
            throw new KisoException(path + ": not a Kiso model file, its __metadata__ has no '" + ARCHITECTURE
                    + "' (read plain tensors with SafeTensors.read)");
        }
        String layout = file.metadata().getOrDefault(AFFINE_LAYOUT, "out,in");
        if (!layout.equals("out,in")) {
            throw new KisoException(path + ": unknown " + AFFINE_LAYOUT + " '" + layout + "', expected 'out,in'");
        }
        Layer model;
        try {
            model = registry.build(LayerSpec.parse(architecture));
        } catch (KisoException e) {
            throw new KisoException(path + ": cannot rebuild the architecture: " + e.getMessage(), e);
        }
        Set<Tensor> affineWeights = affineWeights(model);
        Map<String, Tensor> state = model.stateDict();
        Set<String> extra = new LinkedHashSet<>(file.names());
        extra.removeAll(state.keySet());
        if (!extra.isEmpty()) {
            throw new KisoException(path + ": tensors " + extra + " are not part of the architecture, which has "
                    + state.keySet());
        }
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            String name = e.getKey();
            Tensor target = e.getValue();
            boolean transposed = affineWeights.contains(target);
            int[] expected = transposed ? new int[] {target.shape(1), target.shape(0)} : target.shape();
            if (!file.contains(name)) {
                throw new KisoException(path + ": tensor '" + name + "' " + Arrays.toString(expected)
                        + " of the architecture is missing from the file");
            }
            int[] found = file.shape(name);
            if (!Arrays.equals(found, expected)) {
                throw new KisoException(path + ": tensor '" + name + "' should have shape " + Arrays.toString(expected)
                        + (transposed ? " (an Affine weight, stored as [out, in])" : "") + ", found "
                        + Arrays.toString(found));
            }
            Tensor value = file.tensor(name);
            copyInto(transposed ? value.t() : value, target);
        }
        return model;
    }

    /** Copies {@code source}'s values (any layout) into the model's own tensor {@code target}. */
    private static void copyInto(Tensor source, Tensor target) {
        if (!target.isContiguous()) {
            throw new KisoException("ModelFile: a model tensor of shape " + Arrays.toString(target.shape())
                    + " is not contiguous and cannot be filled in place");
        }
        float[] values = source.toArray();
        System.arraycopy(values, 0, target.data(), target.offset(), values.length);
    }

    /** The weight tensors of every {@link Affine} in the model, by identity. */
    private static Set<Tensor> affineWeights(Layer model) {
        Set<Tensor> weights = Collections.newSetFromMap(new IdentityHashMap<>());
        collectAffineWeights(model, weights);
        return weights;
    }

    private static void collectAffineWeights(Layer layer, Set<Tensor> weights) {
        if (layer instanceof Affine affine) {
            weights.add(affine.weight().value());
        } else if (layer instanceof Sequential seq) {
            for (Layer child : seq.layers()) {
                collectAffineWeights(child, weights);
            }
        } else if (layer instanceof Residual residual) {
            collectAffineWeights(residual.block(), weights);
            if (residual.shortcut() != null) {
                collectAffineWeights(residual.shortcut(), weights);
            }
        }
    }
}
