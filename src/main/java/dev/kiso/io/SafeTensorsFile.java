package dev.kiso.io;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contents of a safetensors file, read and validated by {@link SafeTensors#read(Path)}: the
 * tensors by name, in header order, and the {@code __metadata__} string map.
 *
 * <p>Each call to {@link #tensor(String)} returns a new tensor that the caller owns, so changing
 * it never changes what a later call returns.
 */
public final class SafeTensorsFile {

    private final Path path;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;

    /**
     * @param path     the file the contents came from (for messages)
     * @param tensors  the tensors in header order; kept, not copied
     * @param metadata the {@code __metadata__} map; kept, not copied
     */
    SafeTensorsFile(Path path, LinkedHashMap<String, Tensor> tensors, LinkedHashMap<String, String> metadata) {
        this.path = path;
        this.tensors = tensors;
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** @return the file these contents were read from */
    public Path path() {
        return path;
    }

    /**
     * A tensor by name.
     *
     * @param name the tensor's key in the header
     * @return a new contiguous tensor with the stored values and shape
     * @throws KisoException naming the file, the missing name and the names present, if there is
     *                       no such tensor
     */
    public Tensor tensor(String name) {
        return lookup(name).copy();
    }

    /**
     * The shape of a tensor, without copying its values.
     *
     * @param name the tensor's key in the header
     * @return a new array with the size of each axis
     * @throws KisoException if there is no such tensor (as {@link #tensor(String)})
     */
    public int[] shape(String name) {
        return lookup(name).shape();
    }

    private Tensor lookup(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new KisoException(path + ": no tensor named '" + name + "'; the file holds " + names());
        }
        return t;
    }

    /** @return the tensor names in header order (an unmodifiable list) */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.keySet()));
    }

    /** @return the {@code __metadata__} map in header order (unmodifiable; empty if absent) */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * @param name a tensor name
     * @return whether the file holds a tensor with that name
     */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** @return the file name and its tensor names */
    @Override
    public String toString() {
        return "SafeTensorsFile(" + path + ", " + names() + ")";
    }
}
