package dev.kiso.io;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The safetensors reader on hand-made files (bytes built here, independently of the writer), on
 * every kind of malformed file, and on the PyTorch parity files.
 */
class SafeTensorsReadTest {

    @TempDir
    Path dir;

    /** Builds a file from a header string and raw float values, exactly as the format says. */
    private Path file(String header, float... values) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + json.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(json.length).put(json);
        for (float v : values) {
            buf.putFloat(v);
        }
        return bytes(buf.array());
    }

    private Path bytes(byte[] content) throws IOException {
        Path p = dir.resolve("m.safetensors");
        Files.write(p, content);
        return p;
    }

    private static final String TWO = "{\"__metadata__\":{\"note\":\"a, b: c\"},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}}";

    @Test
    void readsTensorsMetadataAndHeaderOrder() throws IOException {
        SafeTensorsFile f = SafeTensors.read(file(TWO + "   ", 1, 2, 3, 4, -0.5f));
        assertThat(f.names()).containsExactly("w", "b");
        assertThat(f.metadata()).containsExactly(java.util.Map.entry("note", "a, b: c"));
        assertThat(f.tensor("w").shape()).containsExactly(2, 2);
        assertThat(f.tensor("w").toArray()).containsExactly(1, 2, 3, 4);
        assertThat(f.tensor("b").toArray()).containsExactly(-0.5f);
        assertThat(f.contains("w")).isTrue();
        assertThat(f.contains("x")).isFalse();
    }

    @Test
    void tensorReturnsAFreshCopyEachTime() throws IOException {
        SafeTensorsFile f = SafeTensors.read(file(TWO, 1, 2, 3, 4, 5));
        f.tensor("w").set(99f, 0, 0);
        assertThat(f.tensor("w").get(0, 0)).isEqualTo(1f);
    }

    @Test
    void dataOrderMayDifferFromHeaderOrder() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        SafeTensorsFile f = SafeTensors.read(file(header, 7, 8));
        assertThat(f.names()).containsExactly("a", "b");
        assertThat(f.tensor("a").item()).isEqualTo(8f);
        assertThat(f.tensor("b").item()).isEqualTo(7f);
        assertThat(f.metadata()).isEmpty();
    }

    @Test
    void scalarsAndEmptyTensorsAndEscapedNames() throws IOException {
        String header = "{\"s\\\"q\\u00e9\\ud83d\\ude00\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[4,4]}}";
        SafeTensorsFile f = SafeTensors.read(file(header, 3));
        assertThat(f.names()).containsExactly("s\"q\u00e9\ud83d\ude00", "e");
        assertThat(f.tensor("s\"q\u00e9\ud83d\ude00").rank()).isZero();
        assertThat(f.tensor("e").shape()).containsExactly(0, 3);
    }

    @Test
    void missingTensorNamesFileNameAndNamesPresent() throws IOException {
        SafeTensorsFile f = SafeTensors.read(file(TWO, 1, 2, 3, 4, 5));
        assertThatThrownBy(() -> f.tensor("gamma"))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining("m.safetensors").hasMessageContaining("'gamma'")
                .hasMessageContaining("[w, b]");
    }

    // ------------------------------------------------------------------ malformed files

    private void rejects(Path p, String... parts) {
        assertThatThrownBy(() -> SafeTensors.read(p))
                .isInstanceOf(KisoException.class)
                .hasMessageContaining(p.toString())
                .hasMessageContainingAll(parts);
    }

    private static String one(String dtype, String shape, String offsets) {
        return "{\"x\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}}";
    }

    @Test
    void rejectsMissingFile() {
        rejects(dir.resolve("none.safetensors"), "no such file");
    }

    @Test
    void rejectsFileShorterThanTheLengthField() throws IOException {
        rejects(bytes(new byte[] {1, 0, 0}), "3 bytes, too short");
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100).put("{}      ".getBytes(StandardCharsets.US_ASCII));
        rejects(bytes(b.array()), "header length 100 bytes runs past the end", "16 bytes");
    }

    @Test
    void rejectsHeaderLengthAboveTheLimit() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(200_000_000L);
        rejects(bytes(b.array()), "header length 200000000 bytes is above the limit");
        ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L);
        rejects(bytes(huge.array()), "header length 18446744073709551615 bytes");
    }

    @Test
    void rejectsMalformedJsonSayingWhere() throws IOException {
        rejects(file("{\"x\":{\"dtype\" \"F32\"}}"), "malformed JSON", "at character 14", "expected ':'");
        rejects(file("{\"x\":[1,2,]}"), "malformed JSON", "expected a value");
        rejects(file("{\"x\":\"abc"), "unterminated string");
        rejects(file("{\"x\":\"a\\qb\"}"), "invalid escape '\\q'");
        rejects(file("{\"x\":1} x"), "after the end of the JSON value");
        rejects(file("{\"x\":01}"), "expected ',' or '}'");
    }

    @Test
    void rejectsHeaderThatIsNotAnObject() throws IOException {
        rejects(file("[1,2]   "), "does not start with '{'");
        rejects(file("{\"x\":3}"), "tensor 'x' must be an object");
    }

    @Test
    void rejectsInvalidUtf8() throws IOException {
        byte[] header = {'{', '"', (byte) 0xC3, '"', ':', '1', '}', ' '};
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(8).put(header);
        rejects(bytes(b.array()), "not valid UTF-8");
    }

    @Test
    void rejectsOtherDtypesByName() throws IOException {
        rejects(file(one("BF16", "[1]", "[0,2]"), 0), "dtype BF16 of tensor 'x' is not supported: Kiso reads F32 only");
        rejects(file(one("F64", "[1]", "[0,8]"), 0, 0), "dtype F64 of tensor 'x' is not supported");
        rejects(file(one("FLOAT", "[1]", "[0,4]"), 0), "unknown dtype 'FLOAT' of tensor 'x'");
    }

    @Test
    void rejectsDuplicateNames() throws IOException {
        String header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        rejects(file(header, 1, 2), "duplicate key \"x\"");
    }

    @Test
    void rejectsOffsetsOutsideTheDataSection() throws IOException {
        rejects(file(one("F32", "[2]", "[0,8]"), 1), "tensor 'x' (data_offsets [0, 8]) lies outside the data section",
                "holds 4 bytes", "truncated");
    }

    @Test
    void rejectsSizeNotMatchingShape() throws IOException {
        rejects(file(one("F32", "[2,3]", "[0,20]"), 1, 2, 3, 4, 5), "spans 20 bytes", "shape [2, 3] need 24");
    }

    @Test
    void rejectsEndBeforeBegin() throws IOException {
        rejects(file(one("F32", "[1]", "[4,0]"), 1, 2), "ends before it begins");
    }

    @Test
    void rejectsGaps() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        rejects(file(header, 1, 2, 3), "gap of 4 bytes", "before tensor 'b'");
        rejects(file(one("F32", "[1]", "[4,8]"), 1, 2), "gap of 4 bytes", "before tensor 'x'");
    }

    @Test
    void rejectsOverlaps() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        rejects(file(header, 1, 2, 3), "tensor 'b' (data_offsets [4, 12]) overlaps tensor 'a'");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        rejects(file(one("F32", "[1]", "[0,4]"), 1, 2), "data section holds 8 bytes but the tensors cover only 4");
    }

    @Test
    void rejectsBadFields() throws IOException {
        rejects(file(one("F32", "[1.5]", "[0,4]"), 1), "shape[0] must be a non-negative integer, found 1.5");
        rejects(file(one("F32", "[-1]", "[0,4]"), 1), "shape[0] must be an integer in [0,");
        rejects(file(one("F32", "3", "[0,4]"), 1), "shape must be an array");
        rejects(file(one("F32", "[1]", "[0]"), 1), "data_offsets must be [begin, end]");
        rejects(file(one("F32", "[1]", "[0,\"4\"]"), 1), "data_offsets[1] must be a non-negative integer");
        rejects(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1]}}"), "tensor 'x' has no data_offsets");
        rejects(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"extra\":1}}", 1),
                "unexpected field 'extra'");
        rejects(file("{\"__metadata__\":{\"k\":1}}"), "__metadata__ value for key 'k' must be a string");
        rejects(file("{\"__metadata__\":[]}"), "__metadata__ must be an object");
        rejects(file(one("F32", "[100000,100000]", "[0,4]"), 1), "more elements than a Java array holds");
    }

    // ------------------------------------------------------------------ parity files

    private static List<Path> parityFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/parity"))) {
            return s.filter(p -> p.toString().endsWith(".safetensors")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyParityFileReads() throws IOException {
        List<Path> files = parityFiles();
        assertThat(files).hasSizeGreaterThan(20);
        for (Path p : files) {
            SafeTensorsFile f = SafeTensors.read(p);
            String name = p.getFileName().toString().replace(".safetensors", "");
            assertThat(f.metadata()).as(p.toString()).containsEntry("case", name);
            assertThat(f.names()).as(p.toString()).isNotEmpty();
            for (String n : f.names()) {
                assertThat(f.tensor(n).toArray()).as(p + " " + n).doesNotContain(Float.NaN);
            }
        }
    }

    @Test
    void affineParityValuesAreConsistent() {
        // Independent check that bytes decode to the right floats: y must equal x·W + b (naive loop).
        SafeTensorsFile f = SafeTensors.read(Path.of("src/test/resources/parity/affine.safetensors"));
        Tensor x = f.tensor("x");
        Tensor w = f.tensor("W");
        Tensor b = f.tensor("b");
        Tensor y = f.tensor("y");
        for (int i = 0; i < x.shape(0); i++) {
            for (int j = 0; j < w.shape(1); j++) {
                double s = b.get(j);
                for (int k = 0; k < x.shape(1); k++) {
                    s += (double) x.get(i, k) * w.get(k, j);
                }
                assertThat(y.get(i, j)).isCloseTo((float) s, org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
