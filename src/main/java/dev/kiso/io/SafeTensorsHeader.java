package dev.kiso.io;

import dev.kiso.KisoException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file, as a checked model: the metadata map and one
 * {@link Entry} per tensor, in header order.
 *
 * <p>{@link #parse} turns the parsed JSON into this model, checking every field;
 * {@link #checkLayout} checks the tensors against the data section (in bounds, sizes matching
 * dtype × shape, back to back with no gaps or overlaps, covering it exactly); {@link #toJson}
 * writes a header back out.
 */
final class SafeTensorsHeader {

    /** The only element type Kiso reads and writes. */
    static final String F32 = "F32";

    /** The dtypes the safetensors specification defines; anything else is not a dtype at all. */
    private static final Set<String> KNOWN_DTYPES = Set.of(
            "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64",
            "F16", "BF16", "F32", "F64", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2",
            "F4", "C64");

    private static final String METADATA_KEY = "__metadata__";

    /** One tensor's header record: {@code data_offsets} are bytes from the start of the data section. */
    static final class Entry {
        final String name;
        final int[] shape;
        final long begin;
        final long end;

        Entry(String name, int[] shape, long begin, long end) {
            this.name = name;
            this.shape = shape;
            this.begin = begin;
            this.end = end;
        }

        /** The number of float32 values, which fits an {@code int} (checked in {@link #parse}). */
        int size() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return (int) n;
        }

        String describe() {
            return "tensor '" + name + "' (data_offsets [" + begin + ", " + end + "])";
        }
    }

    final LinkedHashMap<String, String> metadata;
    final List<Entry> entries;

    SafeTensorsHeader(LinkedHashMap<String, String> metadata, List<Entry> entries) {
        this.metadata = metadata;
        this.entries = entries;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Checks the parsed JSON header and builds the model.
     *
     * @param root the value {@link Json#parse} returned
     * @param file the file name for messages
     * @return the header
     */
    static SafeTensorsHeader parse(Object root, String file) {
        if (!(root instanceof Map)) {
            throw new KisoException(file + ": the header must be a JSON object, found " + kind(root));
        }
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
            String key = (String) e.getKey();
            if (key.equals(METADATA_KEY)) {
                parseMetadata(e.getValue(), file, metadata);
            } else {
                entries.add(parseEntry(key, e.getValue(), file));
            }
        }
        return new SafeTensorsHeader(metadata, entries);
    }

    private static void parseMetadata(Object value, String file, Map<String, String> metadata) {
        if (!(value instanceof Map)) {
            throw new KisoException(file + ": " + METADATA_KEY + " must be an object of strings, found "
                    + kind(value));
        }
        for (Map.Entry<?, ?> m : ((Map<?, ?>) value).entrySet()) {
            if (!(m.getValue() instanceof String)) {
                throw new KisoException(file + ": " + METADATA_KEY + " value for key '" + m.getKey()
                        + "' must be a string, found " + kind(m.getValue()));
            }
            metadata.put((String) m.getKey(), (String) m.getValue());
        }
    }

    private static Entry parseEntry(String name, Object value, String file) {
        String where = file + ": tensor '" + name + "'";
        if (!(value instanceof Map)) {
            throw new KisoException(where + " must be an object with dtype, shape and data_offsets, found "
                    + kind(value));
        }
        Map<?, ?> fields = (Map<?, ?>) value;
        for (Object key : fields.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new KisoException(where + " has an unexpected field '" + key
                        + "' (expected dtype, shape and data_offsets)");
            }
        }
        Object dtype = require(fields, "dtype", where);
        if (!(dtype instanceof String)) {
            throw new KisoException(where + ": dtype must be a string, found " + kind(dtype));
        }
        if (!KNOWN_DTYPES.contains(dtype)) {
            throw new KisoException(file + ": unknown dtype '" + dtype + "' of tensor '" + name + "'");
        }
        if (!dtype.equals(F32)) {
            throw new KisoException(file + ": dtype " + dtype + " of tensor '" + name
                    + "' is not supported: Kiso reads F32 only");
        }
        List<?> shapeList = requireList(fields, "shape", where);
        int[] shape = new int[shapeList.size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) integer(shapeList.get(i), Integer.MAX_VALUE, where + ": shape[" + i + "]");
            size *= shape[i];
            if (size > Integer.MAX_VALUE - 8) {
                throw new KisoException(where + ": shape " + shapeList + " has more elements than a Java"
                        + " array holds");
            }
        }
        List<?> offsets = requireList(fields, "data_offsets", where);
        if (offsets.size() != 2) {
            throw new KisoException(where + ": data_offsets must be [begin, end], found " + offsets);
        }
        long begin = integer(offsets.get(0), Long.MAX_VALUE, where + ": data_offsets[0]");
        long end = integer(offsets.get(1), Long.MAX_VALUE, where + ": data_offsets[1]");
        return new Entry(name, shape, begin, end);
    }

    private static Object require(Map<?, ?> fields, String key, String where) {
        Object v = fields.get(key);
        if (v == null) {
            throw new KisoException(where + " has no " + key);
        }
        return v;
    }

    private static List<?> requireList(Map<?, ?> fields, String key, String where) {
        Object v = require(fields, key, where);
        if (!(v instanceof List)) {
            throw new KisoException(where + ": " + key + " must be an array, found " + kind(v));
        }
        return (List<?>) v;
    }

    /** A JSON number that must be a whole number in {@code [0, max]}. */
    private static long integer(Object v, long max, String what) {
        if (!(v instanceof BigDecimal)) {
            throw new KisoException(what + " must be a non-negative integer, found " + kind(v));
        }
        BigInteger n;
        try {
            n = ((BigDecimal) v).toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new KisoException(what + " must be a non-negative integer, found " + v);
        }
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new KisoException(what + " must be an integer in [0, " + max + "], found " + n);
        }
        return n.longValue();
    }

    private static String kind(Object v) {
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "the string \"" + v + "\"";
        }
        return v instanceof BigDecimal ? "the number " + v : String.valueOf(v);
    }

    /**
     * Checks the tensors against a data section of {@code dataLength} bytes: each inside it, each
     * exactly 4 × (product of shape) bytes long, and together back to back from byte 0 to the end,
     * with no gap and no overlap (the order in the header does not matter).
     *
     * @param dataLength the size of the data section in bytes
     * @param file       the file name for messages
     */
    void checkLayout(long dataLength, String file) {
        for (Entry e : entries) {
            if (e.begin > e.end) {
                throw new KisoException(file + ": " + e.describe() + " ends before it begins");
            }
            if (e.end > dataLength) {
                throw new KisoException(file + ": " + e.describe() + " lies outside the data section,"
                        + " which holds " + dataLength + " bytes (truncated file?)");
            }
            long expected = 4L * e.size();
            if (e.end - e.begin != expected) {
                throw new KisoException(file + ": " + e.describe() + " spans " + (e.end - e.begin)
                        + " bytes but dtype F32 and shape " + Arrays.toString(e.shape) + " need " + expected);
            }
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.<Entry>comparingLong(e -> e.begin).thenComparingLong(e -> e.end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin > covered) {
                throw new KisoException(file + ": gap of " + (e.begin - covered) + " bytes in the data"
                        + " section before " + e.describe()
                        + (previous == null ? "" : "; the previous " + previous.describe() + " ends there"));
            }
            if (e.begin < covered) {
                throw new KisoException(file + ": " + e.describe() + " overlaps " + previous.describe());
            }
            covered = e.end;
            previous = e;
        }
        if (covered != dataLength) {
            throw new KisoException(file + ": the data section holds " + dataLength + " bytes but the"
                    + " tensors cover only " + covered + " (" + (dataLength - covered)
                    + " bytes of trailing garbage)");
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * The header as JSON: {@code __metadata__} first, then each tensor in order, with no
     * whitespace, padded with spaces to a multiple of 8 bytes.
     *
     * @return the UTF-8 bytes of the padded header
     */
    byte[] toJson() {
        StringBuilder sb = new StringBuilder("{");
        sb.append(Json.quote(METADATA_KEY)).append(":{");
        boolean first = true;
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            sb.append(first ? "" : ",").append(Json.quote(m.getKey())).append(':').append(Json.quote(m.getValue()));
            first = false;
        }
        sb.append('}');
        for (Entry e : entries) {
            sb.append(',').append(Json.quote(e.name)).append(":{\"dtype\":\"").append(F32).append("\",\"shape\":[");
            for (int i = 0; i < e.shape.length; i++) {
                sb.append(i == 0 ? "" : ",").append(e.shape[i]);
            }
            sb.append("],\"data_offsets\":[").append(e.begin).append(',').append(e.end).append("]}");
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }
}
