package dev.weft.model.local;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What Weft reads from a GGUF file's header before handing it to llama.cpp: that it is one (the magic
 * {@code GGUF} and version 2 or 3), its architecture and name, its chat template ({@code tokenizer.chat_template})
 * and its training context length. Arrays (the vocabulary) are skipped, tensor data is never read.
 */
public record GgufFile(Path path, int version, long tensorCount, String architecture, String name, String chatTemplate,
        long contextLength) {

    private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    private static final int MAX_STRING = 64 << 20;

    /** Reads and checks the header; throws {@link IllegalArgumentException} that says what is wrong and how to fix it. */
    public static GgufFile read(Path path) {
        if (path == null || path.toString().isBlank()) {
            throw new IllegalArgumentException("give the path of a .gguf model file");
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("the model file " + path + " does not exist; give the full path of a .gguf file on the Weft server");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("the model path " + path + " is not a file; give the path of the .gguf file itself");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("the model file " + path + " is not readable by the Weft server; check its permissions");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            int magic;
            try {
                magic = Integer.reverseBytes(in.readInt());
            } catch (EOFException e) {
                throw notGguf(path, "it is shorter than a GGUF header");
            }
            if (magic != MAGIC) {
                throw notGguf(path, "it does not start with the GGUF magic bytes");
            }
            Reader r = new Reader(in);
            int version = r.u32();
            if (version < 2 || version > 3) {
                throw new IllegalArgumentException("the model file " + path + " is GGUF version " + version
                        + "; llama.cpp reads versions 2 and 3. Convert it again with a current llama.cpp");
            }
            long tensors = r.u64();
            long kvs = r.u64();
            Map<String, Object> values = new HashMap<>();
            for (long i = 0; i < kvs; i++) {
                String key = r.string();
                int type = r.u32();
                Object value = r.value(type);
                if (value != null) {
                    values.put(key, value);
                }
            }
            String arch = values.get("general.architecture") instanceof String s ? s : null;
            if (arch == null) {
                throw notGguf(path, "its header names no general.architecture");
            }
            Object ctx = values.get(arch + ".context_length");
            return new GgufFile(path, version, tensors, arch,
                    values.get("general.name") instanceof String s ? s : null,
                    values.get("tokenizer.chat_template") instanceof String s ? s : null,
                    ctx instanceof Number n ? n.longValue() : 0);
        } catch (EOFException e) {
            throw notGguf(path, "its header ends early (a truncated download?)");
        } catch (IOException e) {
            throw new IllegalArgumentException("could not read the model file " + path + ": " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException notGguf(Path path, String why) {
        return new IllegalArgumentException("the file " + path + " is not a GGUF model: " + why
                + ". Download a .gguf file (for example from a model's GGUF release) or convert the model with llama.cpp");
    }

    /** Little-endian GGUF values; arrays are skipped (null), scalars and strings returned. */
    private record Reader(DataInputStream in) {

        int u32() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        long u64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        String string() throws IOException {
            long length = u64();
            if (length < 0 || length > MAX_STRING) {
                throw new IOException("a header string claims " + length + " bytes");
            }
            return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
        }

        Object value(int type) throws IOException {
            return switch (type) {
                case 0, 1 -> (long) in.readByte();
                case 2, 3 -> (long) Short.reverseBytes(in.readShort());
                case 4, 5 -> (long) u32();
                case 6 -> (double) Float.intBitsToFloat(u32());
                case 7 -> in.readByte() != 0;
                case 8 -> string();
                case 9 -> {
                    int elementType = u32();
                    long count = u64();
                    for (long i = 0; i < count; i++) {
                        skip(elementType);
                    }
                    yield null;
                }
                case 10, 11 -> u64();
                case 12 -> Double.longBitsToDouble(u64());
                default -> throw new IOException("unknown metadata value type " + type);
            };
        }

        private void skip(int type) throws IOException {
            switch (type) {
                case 0, 1, 7 -> skipBytes(1);
                case 2, 3 -> skipBytes(2);
                case 4, 5, 6 -> skipBytes(4);
                case 10, 11, 12 -> skipBytes(8);
                case 8 -> {
                    long length = u64();
                    if (length < 0 || length > MAX_STRING) {
                        throw new IOException("a header string claims " + length + " bytes");
                    }
                    skipBytes(length);
                }
                case 9 -> value(9);
                default -> throw new IOException("unknown metadata value type " + type);
            }
        }

        private void skipBytes(long n) throws IOException {
            InputStream s = in;
            long left = n;
            while (left > 0) {
                long skipped = s.skip(left);
                if (skipped <= 0) {
                    if (s.read() < 0) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }
    }
}
