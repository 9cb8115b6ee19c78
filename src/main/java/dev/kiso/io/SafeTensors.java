package dev.kiso.io;

import dev.kiso.AtomicWrite;
import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * float32 tensors only.
 *
 * <p>Layout: bytes 0..7 hold the header length {@code N} (little-endian unsigned 64-bit); bytes
 * 8..8+N hold a UTF-8 JSON object mapping each tensor name to
 * {@code {"dtype":"F32","shape":[...],"data_offsets":[begin,end]}}, plus an optional
 * {@code "__metadata__"} object of strings; the rest of the file is the data section, where each
 * tensor's values sit row-major, little-endian, at its offsets (relative to the start of the data
 * section). See {@code docs/model-files.md} for a byte diagram.
 *
 * <p>The reader checks everything and says what is wrong and where; the writer never leaves half
 * a file behind.
 */
public final class SafeTensors {

    /** Headers larger than this are refused as corrupt (the reference implementation does the same). */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Bytes moved per I/O call when copying tensor data. */
    private static final int CHUNK_BYTES = 1 << 16;

    private SafeTensors() {
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads and validates a safetensors file.
     *
     * @param path the file
     * @return its tensors and metadata
     * @throws KisoException naming the file and what is wrong: missing or unreadable file, header
     *                       length beyond the file or above 100 MB, malformed JSON (with the
     *                       position), a dtype other than F32, offsets outside the data section,
     *                       gaps, overlaps, sizes not matching shapes, duplicate names, truncation
     */
    public static SafeTensorsFile read(Path path) {
        String file = path.toString();
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = in.size();
            if (fileSize < 8) {
                throw new KisoException(file + ": the file is " + fileSize + " bytes, too short to hold the"
                        + " 8-byte header length (truncated, or not a safetensors file)");
            }
            long n = readFully(in, 0, 8).getLong();
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new KisoException(file + ": header length " + Long.toUnsignedString(n) + " bytes is"
                        + " above the limit of " + MAX_HEADER_BYTES + " bytes (corrupt, or not a safetensors file)");
            }
            if (8 + n > fileSize) {
                throw new KisoException(file + ": header length " + n + " bytes runs past the end of the"
                        + " file, which is " + fileSize + " bytes (truncated file?)");
            }
            String json = decodeUtf8(readFully(in, 8, (int) n), file);
            if (!json.startsWith("{")) {
                throw new KisoException(file + ": the header does not start with '{'"
                        + " (not a safetensors file?)");
            }
            SafeTensorsHeader header = SafeTensorsHeader.parse(Json.parse(json, file), file);
            long dataStart = 8 + n;
            header.checkLayout(fileSize - dataStart, file);
            LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : header.entries) {
                float[] values = readFloats(in, dataStart + e.begin, e.size());
                tensors.put(e.name, Tensor.of(values, e.shape));
            }
            return new SafeTensorsFile(path, tensors, header.metadata);
        } catch (NoSuchFileException e) {
            throw new KisoException(file + ": no such file", e);
        } catch (IOException e) {
            throw new KisoException(file + ": cannot read the file: " + e, e);
        }
    }

    private static String decodeUtf8(ByteBuffer bytes, String file) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new KisoException(file + ": the header is not valid UTF-8", e);
        }
    }

    /** Reads {@code length} bytes at {@code position}; the caller has checked they exist. */
    private static ByteBuffer readFully(FileChannel in, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (in.read(buf, position + buf.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buf.position()));
            }
        }
        return buf.flip();
    }

    /** Reads {@code count} little-endian floats starting at byte {@code position}, a chunk at a time. */
    private static float[] readFloats(FileChannel in, long position, int count) throws IOException {
        float[] values = new float[count];
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, CHUNK_BYTES / 4);
            readFully(in, position + 4L * done, 4 * n).asFloatBuffer().get(values, done, n);
            done += n;
        }
        return values;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes tensors to a safetensors file, atomically: the bytes go to a temporary file in the same
     * directory that is then renamed into place, so a crash or an error never leaves half a file
     * (and on error nothing new is left behind).
     *
     * <p>Tensors are written in the map's iteration order, back to back; any tensor may be a
     * non-contiguous view. The metadata gains {@code "format":"pt"} (as PyTorch's tools expect)
     * unless it already has a {@code format} key. The header is padded with spaces to a multiple
     * of 8 bytes so that the data section is aligned.
     *
     * @param path     the file to create or replace
     * @param tensors  the tensors by name, in the order to write them (use a {@link LinkedHashMap})
     * @param metadata string metadata for {@code __metadata__} (may be empty)
     * @throws KisoException if a name or tensor is missing or invalid, or the file cannot be written
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (path == null || tensors == null || metadata == null) {
            throw new KisoException("SafeTensors.write: path, tensors and metadata must not be null");
        }
        String file = path.toString();
        LinkedHashMap<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, String> m : metadata.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new KisoException(file + ": metadata entry " + m.getKey() + "=" + m.getValue()
                        + " has a null key or value");
            }
            meta.put(m.getKey(), m.getValue());
        }
        meta.putIfAbsent("format", "pt");
        List<SafeTensorsHeader.Entry> entries = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            String name = t.getKey();
            if (name == null || name.equals("__metadata__")) {
                throw new KisoException(file + ": cannot write a tensor named " + name
                        + " (null and \"__metadata__\" are not tensor names)");
            }
            if (t.getValue() == null) {
                throw new KisoException(file + ": tensor '" + name + "' is null");
            }
            long bytes = 4L * t.getValue().size();
            entries.add(new SafeTensorsHeader.Entry(name, t.getValue().shape(), offset, offset + bytes));
            values.add(t.getValue());
            offset += bytes;
        }
        byte[] header = new SafeTensorsHeader(meta, entries).toJson();
        AtomicWrite.write(path, "safetensors file", tmp -> {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                writeFully(out, length.flip());
                writeFully(out, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor t : values) {
                    writeFloats(out, t.contiguous(), chunk);
                }
            }
        });
    }

    /** Writes the values of a contiguous tensor in little-endian order, a chunk at a time. */
    private static void writeFloats(FileChannel out, Tensor t, ByteBuffer chunk) throws IOException {
        float[] data = t.data();
        int start = t.offset();
        int count = t.size();
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, chunk.capacity() / 4);
            chunk.clear();
            chunk.asFloatBuffer().put(data, start + done, n);
            chunk.limit(4 * n);
            writeFully(out, chunk);
            done += n;
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
