package dev.kiso.data;

import dev.kiso.KisoException;
import dev.kiso.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised by the gzip
 * magic bytes {@code 1f 8b}, whatever the file name).
 *
 * <p>An IDX file is a 4-byte magic number {@code 00 00 TT DD} (TT the element type, {@code 08}
 * for unsigned bytes; DD the number of dimensions), then DD big-endian 32-bit sizes, then the
 * elements in row-major order and nothing after them. Images are {@code idx3} ({@code [N, rows,
 * cols]}), labels {@code idx1} ({@code [N]}). Only unsigned-byte files exist for these data sets,
 * and only those are read.
 */
public final class Idx {

    private static final int UNSIGNED_BYTE = 0x08;
    /** Bytes of image data decoded at a time. */
    private static final int CHUNK = 1 << 16;

    /** The value {@code i / 255} for each byte value {@code i}: the same float PyTorch computes. */
    private static final float[] SCALE = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            SCALE[i] = i / 255f;
        }
    }

    private Idx() {
    }

    /**
     * Reads an {@code idx3-ubyte} image file, scaled to {@code [0, 1]} (each byte divided by 255).
     *
     * @param path the file, raw or gzip-compressed
     * @return the images, shape {@code [N, 1, rows, cols]}
     * @throws KisoException naming the file if it is missing, not an idx3 unsigned-byte file,
     *                       truncated, or followed by extra bytes
     */
    public static Tensor readImages(Path path) {
        // Decoded in chunks straight into the float array: the 47 MB of raw bytes of the training
        // set are never held at once, only CHUNK bytes of them.
        return read(path, 3, (in, dims, count) -> {
            float[] x = new float[count];
            byte[] chunk = new byte[Math.min(count, CHUNK)];
            int done = 0;
            while (done < count) {
                int wanted = Math.min(chunk.length, count - done);
                int got = readUpTo(in, chunk, wanted);
                for (int i = 0; i < got; i++) {
                    x[done + i] = SCALE[chunk[i] & 0xff];
                }
                done += got;
                if (got < wanted) {
                    return truncated(path, dims, count, done);
                }
            }
            return Tensor.of(x, dims[0], 1, dims[1], dims[2]);
        });
    }

    /**
     * Reads an {@code idx1-ubyte} label file.
     *
     * @param path the file, raw or gzip-compressed
     * @return the labels, one per example, each in {@code 0..255}
     * @throws KisoException naming the file if it is missing, not an idx1 unsigned-byte file,
     *                       truncated, or followed by extra bytes
     */
    public static int[] readLabels(Path path) {
        return read(path, 1, (in, dims, count) -> {
            byte[] v = new byte[count];
            int got = readUpTo(in, v, count);
            if (got < count) {
                return truncated(path, dims, count, got);
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = v[i] & 0xff;
            }
            return labels;
        });
    }

    /** Turns the data part of an IDX file, {@code count} unsigned bytes, into the result. */
    @FunctionalInterface
    private interface Decoder<T> {
        T decode(InputStream in, int[] dims, int count) throws IOException;
    }

    /** Throws the error for a file whose data ends after {@code got} of its {@code count} bytes. */
    private static <T> T truncated(Path path, int[] dims, int count, int got) {
        throw new KisoException(path + ": truncated: dimensions " + Arrays.toString(dims) + " need "
                + count + " bytes of data but the file holds only " + got);
    }

    /**
     * Reads an unsigned-byte IDX file that must have {@code rank} dimensions: checks the header,
     * lets {@code decoder} read the data, then checks that nothing follows it.
     */
    private static <T> T read(Path path, int rank, Decoder<T> decoder) {
        try (InputStream in = open(path)) {
            byte[] magic = readExactly(in, 4, path, "the magic number");
            if (magic[0] != 0 || magic[1] != 0) {
                throw new KisoException(path + ": not an IDX file: the magic number must start with"
                        + " 00 00, found " + hex(magic));
            }
            if (magic[2] != UNSIGNED_BYTE) {
                throw new KisoException(path + ": IDX element type 0x" + String.format("%02x", magic[2])
                        + " is not supported: Kiso reads unsigned bytes (0x08) only");
            }
            if (magic[3] != rank) {
                throw new KisoException(path + ": expected an idx" + rank + " file (" + rank
                        + " dimensions) but it has " + magic[3] + (rank == 3 ? " (a label file?)" : " (an image file?)"));
            }
            byte[] header = readExactly(in, 4 * rank, path, "the dimensions");
            int[] dims = new int[rank];
            long count = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = ((header[4 * d] & 0xff) << 24) | ((header[4 * d + 1] & 0xff) << 16)
                        | ((header[4 * d + 2] & 0xff) << 8) | (header[4 * d + 3] & 0xff);
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new KisoException(path + ": invalid dimension " + Integer.toUnsignedString(dims[d])
                            + " at position " + d);
                }
                count *= dims[d];
                if (count > Integer.MAX_VALUE - 8) {
                    throw new KisoException(path + ": dimensions " + Arrays.toString(dims)
                            + " hold more values than a Java array");
                }
            }
            T result = decoder.decode(in, dims, (int) count);
            if (in.read() != -1) {
                throw new KisoException(path + ": trailing bytes after the " + count + " bytes of data that"
                        + " dimensions " + Arrays.toString(dims) + " describe");
            }
            return result;
        } catch (NoSuchFileException e) {
            throw new KisoException(path + ": no such file", e);
        } catch (ZipException | EOFException e) {
            throw new KisoException(path + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KisoException(path + ": cannot read the file: " + e, e);
        }
    }

    /** Opens the file, decompressing if it starts with the gzip magic bytes. */
    private static InputStream open(Path path) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    /** Reads up to {@code len} bytes into the start of {@code buf}; fewer only at the end of the stream. */
    private static int readUpTo(InputStream in, byte[] buf, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r = in.read(buf, n, len - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static byte[] readExactly(InputStream in, int n, Path path, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new KisoException(path + ": truncated: the file ends inside " + what + " (" + b.length
                    + " of " + n + " bytes)");
        }
        return b;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
