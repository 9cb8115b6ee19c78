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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safetensors writer: byte layout, round trips, and that a failed write leaves nothing behind. */
class SafeTensorsWriteTest {

    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Random rng = new Random(7);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("conv.weight", Tensor.randn(rng, 0f, 1f, 4, 3, 3, 3));
        m.put("a.bias", Tensor.rand(rng, -1f, 1f, 5));
        m.put("scalar", Tensor.scalar(2.5f));
        m.put("empty", Tensor.zeros(0, 4));
        m.put("transposed", Tensor.randn(rng, 0f, 1f, 3, 7).t()); // a non-contiguous view
        return m;
    }

    @Test
    void writesTheDocumentedByteLayout() throws IOException {
        Path p = dir.resolve("t.safetensors");
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("z", Tensor.of(new float[] {1f, -2f}, 2));
        m.put("a", Tensor.of(new float[] {0.5f}, 1));
        SafeTensors.write(p, m, Map.of("k", "v"));

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong();
        assertThat((8 + n) % 8).isZero();
        String header = new String(b.array(), 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.stripTrailing()).isEqualTo("{\"__metadata__\":{\"k\":\"v\",\"format\":\"pt\"},"
                + "\"z\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}");
        assertThat(header.substring(header.stripTrailing().length())).matches(" *");
        b.position((int) (8 + n));
        assertThat(b.getFloat()).isEqualTo(1f);
        assertThat(b.getFloat()).isEqualTo(-2f);
        assertThat(b.getFloat()).isEqualTo(0.5f);
        assertThat(b.remaining()).isZero();
    }

    @Test
    void roundTripsTensorsOrderAndMetadata() {
        Path p = dir.resolve("m.safetensors");
        Map<String, Tensor> m = sample();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("note", "quotes \" backslash \\ newline \n tab \t unicode \u00e9 \u0001");
        SafeTensors.write(p, m, meta);

        SafeTensorsFile f = SafeTensors.read(p);
        assertThat(f.names()).containsExactlyElementsOf(m.keySet());
        for (Map.Entry<String, Tensor> e : m.entrySet()) {
            Tensor t = f.tensor(e.getKey());
            assertThat(t.shape()).containsExactly(e.getValue().shape());
            assertThat(t.toArray()).containsExactly(e.getValue().toArray());
        }
        assertThat(f.metadata()).containsEntry("note", meta.get("note")).containsEntry("format", "pt");
    }

    @Test
    void keepsAGivenFormat() {
        Path p = dir.resolve("m.safetensors");
        SafeTensors.write(p, sample(), Map.of("format", "np"));
        assertThat(SafeTensors.read(p).metadata()).containsEntry("format", "np");
    }

    @Test
    void largeTensorsCrossChunkBoundaries() {
        Path p = dir.resolve("big.safetensors");
        Tensor big = Tensor.randn(new Random(1), 0f, 1f, 100_003);
        SafeTensors.write(p, Map.of("big", big), Map.of());
        assertThat(SafeTensors.read(p).tensor("big").toArray()).containsExactly(big.toArray());
    }

    @Test
    void everyParityFileRoundTrips() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/parity"))) {
            for (Path src : (Iterable<Path>) files.filter(q -> q.toString().endsWith(".safetensors"))::iterator) {
                SafeTensorsFile a = SafeTensors.read(src);
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                for (String n : a.names()) {
                    tensors.put(n, a.tensor(n));
                }
                Path copy = dir.resolve(src.getFileName());
                SafeTensors.write(copy, tensors, a.metadata());
                SafeTensorsFile b = SafeTensors.read(copy);
                assertThat(b.names()).as(src.toString()).isEqualTo(a.names());
                assertThat(b.metadata()).as(src.toString()).isEqualTo(a.metadata());
                for (String n : a.names()) {
                    assertThat(b.tensor(n).toArray()).containsExactly(a.tensor(n).toArray());
                }
            }
        }
    }

    // ------------------------------------------------------------------ failures leave nothing

    private void assertOnlyFiles(String... names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(q -> q.getFileName().toString())).containsExactlyInAnyOrder(names);
        }
    }

    @Test
    void invalidInputWritesNothingAndKeepsTheOldFile() throws IOException {
        Path p = dir.resolve("m.safetensors");
        SafeTensors.write(p, sample(), Map.of());
        byte[] before = Files.readAllBytes(p);

        Map<String, Tensor> withNull = new LinkedHashMap<>(sample());
        withNull.put("missing", null);
        assertThatThrownBy(() -> SafeTensors.write(p, withNull, Map.of()))
                .isInstanceOf(KisoException.class).hasMessageContaining("tensor 'missing' is null");
        Map<String, Tensor> reserved = Map.of("__metadata__", Tensor.zeros(1));
        assertThatThrownBy(() -> SafeTensors.write(p, reserved, Map.of()))
                .isInstanceOf(KisoException.class).hasMessageContaining("__metadata__");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> SafeTensors.write(p, sample(), nullValue))
                .isInstanceOf(KisoException.class).hasMessageContaining("null key or value");

        assertThat(Files.readAllBytes(p)).isEqualTo(before);
        assertOnlyFiles("m.safetensors");
    }

    @Test
    void unwritableDirectoryFailsCleanly() {
        Path p = dir.resolve("no-such-dir").resolve("m.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(p, sample(), Map.of()))
                .isInstanceOf(KisoException.class).hasMessageContaining("m.safetensors")
                .hasMessageContaining("cannot write");
        assertThat(Files.exists(p.getParent())).isFalse();
    }

    @Test
    void failureAfterTheDataIsWrittenLeavesNoTemporaryFile() throws IOException {
        // The target is a non-empty directory: writing the temporary file succeeds, the rename fails.
        Path target = dir.resolve("m.safetensors");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep"), "x");
        assertThatThrownBy(() -> SafeTensors.write(target, sample(), Map.of()))
                .isInstanceOf(KisoException.class).hasMessageContaining("cannot write");
        assertOnlyFiles("m.safetensors");
        assertThat(Files.readString(target.resolve("keep"))).isEqualTo("x");
    }
}
