package dev.kiso.nn;

import dev.kiso.KisoException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer's type name, its hyper-parameters as ordered {@code key=value} pairs, and, for
 * containers, the specifications of its children. It prints like PyTorch's module repr:
 * {@code Conv2D(inChannels=1, outChannels=30, kernel=5x5, stride=1, padding=0)}, and model files
 * store it so a model can be rebuilt without code.
 */
public final class LayerSpec {
    private final String type;
    private final Map<String, String> args;
    private final List<LayerSpec> children;

    private LayerSpec(String type, Map<String, String> args, List<LayerSpec> children) {
        this.type = type;
        this.args = args;
        this.children = children;
    }

    /**
     * A specification with no arguments yet.
     *
     * @param type the layer's type name, e.g. {@code Affine}
     * @return the specification
     */
    public static LayerSpec of(String type) {
        return new LayerSpec(type, new LinkedHashMap<>(), List.of());
    }

    /**
     * This specification with one more argument.
     *
     * @param key   the argument's name
     * @param value its value, stored as {@code String.valueOf(value)}
     * @return a new specification
     */
    public LayerSpec with(String key, Object value) {
        Map<String, String> copy = new LinkedHashMap<>(args);
        copy.put(key, String.valueOf(value));
        return new LayerSpec(type, copy, children);
    }

    /**
     * This specification with children (for containers such as {@code Sequential}).
     *
     * @param kids the children's specifications, in order
     * @return a new specification
     */
    public LayerSpec withChildren(List<LayerSpec> kids) {
        return new LayerSpec(type, args, List.copyOf(kids));
    }

    /** @return the type name */
    public String type() {
        return type;
    }

    /** @return the arguments, in order, read-only */
    public Map<String, String> args() {
        return Collections.unmodifiableMap(args);
    }

    /** @return the children's specifications, read-only */
    public List<LayerSpec> children() {
        return children;
    }

    /**
     * An argument's value.
     *
     * @param key the argument's name
     * @return its value
     * @throws KisoException if there is no such argument
     */
    public String get(String key) {
        String v = args.get(key);
        if (v == null) {
            throw new KisoException(type + ": missing argument '" + key + "' in " + this);
        }
        return v;
    }

    /**
     * An integer argument.
     *
     * @param key the argument's name
     * @return its value
     */
    public int getInt(String key) {
        String v = get(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new KisoException(type + ": argument '" + key + "' should be an integer, got '" + v + "'");
        }
    }

    /**
     * A floating-point argument.
     *
     * @param key the argument's name
     * @return its value
     */
    public float getFloat(String key) {
        String v = get(key);
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new KisoException(type + ": argument '" + key + "' should be a number, got '" + v + "'");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSpec s && s.type.equals(type) && s.args.equals(args) && s.children.equals(children);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + args.hashCode() * 7 + children.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type).append('(');
        List<String> parts = new ArrayList<>();
        args.forEach((k, v) -> parts.add(k + "=" + v));
        sb.append(String.join(", ", parts));
        if (!children.isEmpty()) {
            if (!parts.isEmpty()) {
                sb.append(',');
            }
            sb.append('\n');
            for (int i = 0; i < children.size(); i++) {
                String child = children.get(i).toString().replace("\n", "\n  ");
                sb.append("  (").append(i).append("): ").append(child).append('\n');
            }
        }
        return sb.append(')').toString();
    }
}
