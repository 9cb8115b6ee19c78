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
 * store it so a model can be rebuilt without code: {@link #parse(String)} reads {@code toString()}
 * back, children included.
 *
 * <p>So that every specification can be read back, type names and argument names are Java
 * identifiers (a type may be qualified with dots), and an argument's value is one line whose
 * brackets {@code () [] {}} balance and which has no comma outside them; {@link #of} and
 * {@link #with} refuse anything else.
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
        if (type == null || !isName(type, true)) {
            throw new KisoException("LayerSpec.of: the type name must be a Java identifier (dots allowed), got '"
                    + type + "'");
        }
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
        if (key == null || !isName(key, false)) {
            throw new KisoException(type + ": argument name must be a Java identifier, got '" + key + "'");
        }
        String text = String.valueOf(value);
        if (!isValue(text)) {
            throw new KisoException(type + ": argument '" + key + "' = '" + text + "' cannot be read back: a value"
                    + " must be one non-empty line with balanced brackets and no comma outside them");
        }
        Map<String, String> copy = new LinkedHashMap<>(args);
        copy.put(key, text);
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

    /**
     * Reads a specification back from its {@link #toString()} form, children included:
     * {@code parse(spec.toString()).equals(spec)} for every spec.
     *
     * @param text the text, e.g. {@code Sequential(\n  (0): Affine(in=784, out=10)\n)}
     * @return the specification
     * @throws KisoException if the text is not a specification, naming the position and what was expected
     */
    public static LayerSpec parse(String text) {
        if (text == null) {
            throw new KisoException("LayerSpec.parse: the text is null");
        }
        return new SpecParser(text).parse();
    }

    /** Whether {@code s} is a Java identifier, or, if {@code dotted}, identifiers joined by dots. */
    static boolean isName(String s, boolean dotted) {
        if (s.isEmpty()) {
            return false;
        }
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (dotted && c == '.' && !start && i < s.length() - 1) {
                start = true;
            } else if (start ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                start = false;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} can stand as an argument value in {@link #toString()} and be read back. */
    static boolean isValue(String s) {
        if (s.isEmpty()) {
            return false;
        }
        StringBuilder open = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int kind = "([{".indexOf(c);
            int closing = ")]}".indexOf(c);
            if (c == '\n' || c == '\r' || (c == ',' && open.length() == 0)) {
                return false;
            } else if (kind >= 0) {
                open.append(c);
            } else if (closing >= 0) {
                if (open.length() == 0 || open.charAt(open.length() - 1) != "([{".charAt(closing)) {
                    return false;
                }
                open.setLength(open.length() - 1);
            }
        }
        return open.length() == 0;
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
