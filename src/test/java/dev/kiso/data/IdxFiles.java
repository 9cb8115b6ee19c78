package dev.kiso.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small synthetic IDX files for the tests, byte by byte as the format describes. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** The bytes of an IDX file: magic {@code 00 00 type rank}, big-endian dims, then the payload. */
    static byte[] idx(int type, int[] dims, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(type);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** An idx3 image file of {@code n} images {@code rows × cols}; pixel {@code k} of the file is {@code k % 256}. */
    static byte[] images(int n, int rows, int cols) {
        byte[] pixels = new byte[n * rows * cols];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) k;
        }
        return idx(0x08, new int[] {n, rows, cols}, pixels);
    }

    /** An idx1 label file. */
    static byte[] labels(int... labels) {
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            b[i] = (byte) labels[i];
        }
        return idx(0x08, new int[] {labels.length}, b);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }
}
