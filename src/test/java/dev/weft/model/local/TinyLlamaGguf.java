package dev.weft.model.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny llama-architecture model in the GGUF v3 format with random F32 weights: 2 layers, 32 dimensions,
 * 2 heads, a SentencePiece ("llama") vocabulary of 3 special tokens, the 128 ASCII byte tokens and about 170 words.
 * The text it generates is nonsense; the file is a real model llama.cpp loads and runs.
 *
 * <p>Layout: header (magic, version 3, tensor count, metadata count), metadata key/values, tensor infos (name,
 * dimensions innermost first, type 0 = F32, offset into the data section), padding to the alignment (32), then each
 * tensor's data, each starting at a multiple of 32.
 */
public final class TinyLlamaGguf {

    static final int EMBED = 32;
    static final int LAYERS = 2;
    static final int HEADS = 2;
    static final int FFN = 64;
    static final int CONTEXT = 256;
    private static final int ALIGNMENT = 32;

    private static final int T_UINT32 = 4;
    private static final int T_INT32 = 5;
    private static final int T_FLOAT32 = 6;
    private static final int T_BOOL = 7;
    private static final int T_STRING = 8;
    private static final int T_ARRAY = 9;

    private final List<String> tokens = new ArrayList<>();
    private final List<Float> scores = new ArrayList<>();
    private final List<Integer> types = new ArrayList<>();
    private final Map<String, long[]> tensors = new LinkedHashMap<>();
    private String chatTemplate;

    private TinyLlamaGguf() {
        addToken("<unk>", 0f, 2);
        addToken("<s>", 0f, 3);
        addToken("</s>", 0f, 3);
        for (int b = 0; b < 128; b++) {
            addToken(String.format("<0x%02X>", b), 0f, 6);
        }
        String words = "the of and to in is it you that he was for on are with as his they be at one have this from or had by"
                + " hot word but what some we can out other were all there when up use your how said an each she which do their"
                + " time if will way about many then them write would like so these her long make thing see him two has look"
                + " more day could go come did number sound no most people my over know water than call first who may down side"
                + " been now find any new work part take get place made live where after back little only round man year came"
                + " show every good me give our under name very through just form sentence great think say help low line differ"
                + " turn cause much mean before move right boy old too same tell does set three want air well also play small end";
        int score = -1;
        for (String w : words.split(" ")) {
            addToken("\u2581" + w, score--, 1);
        }
        for (char c = 'a'; c <= 'z'; c++) {
            addToken(String.valueOf(c), score--, 1);
        }
        addToken("\u2581", score, 1);
    }

    /** Writes the model without a chat template (Weft falls back to ChatML). */
    public static Path write(Path file, long seed) throws IOException {
        return new TinyLlamaGguf().writeTo(file, seed);
    }

    /** Writes the model with {@code template} as its {@code tokenizer.chat_template}. */
    public static Path writeWithTemplate(Path file, long seed, String template) throws IOException {
        TinyLlamaGguf gguf = new TinyLlamaGguf();
        gguf.chatTemplate = template;
        return gguf.writeTo(file, seed);
    }

    static int vocabSize() {
        return new TinyLlamaGguf().tokens.size();
    }

    private void addToken(String text, float score, int type) {
        tokens.add(text);
        scores.add(score);
        types.add(type);
    }

    private Path writeTo(Path file, long seed) throws IOException {
        int vocab = tokens.size();
        tensors.put("token_embd.weight", new long[] {EMBED, vocab});
        for (int i = 0; i < LAYERS; i++) {
            String b = "blk." + i + ".";
            tensors.put(b + "attn_norm.weight", new long[] {EMBED});
            tensors.put(b + "attn_q.weight", new long[] {EMBED, EMBED});
            tensors.put(b + "attn_k.weight", new long[] {EMBED, EMBED});
            tensors.put(b + "attn_v.weight", new long[] {EMBED, EMBED});
            tensors.put(b + "attn_output.weight", new long[] {EMBED, EMBED});
            tensors.put(b + "ffn_norm.weight", new long[] {EMBED});
            tensors.put(b + "ffn_gate.weight", new long[] {EMBED, FFN});
            tensors.put(b + "ffn_up.weight", new long[] {EMBED, FFN});
            tensors.put(b + "ffn_down.weight", new long[] {FFN, EMBED});
        }
        tensors.put("output_norm.weight", new long[] {EMBED});
        tensors.put("output.weight", new long[] {EMBED, vocab});

        Buf out = new Buf();
        out.bytes("GGUF".getBytes(StandardCharsets.US_ASCII));
        out.u32(3);
        out.u64(tensors.size());
        List<Runnable> kvs = new ArrayList<>();
        kvs.add(() -> out.kvString("general.architecture", "llama"));
        kvs.add(() -> out.kvString("general.name", "weft-tiny-random-llama"));
        kvs.add(() -> out.kvU32("general.alignment", ALIGNMENT));
        kvs.add(() -> out.kvU32("llama.context_length", CONTEXT));
        kvs.add(() -> out.kvU32("llama.embedding_length", EMBED));
        kvs.add(() -> out.kvU32("llama.block_count", LAYERS));
        kvs.add(() -> out.kvU32("llama.feed_forward_length", FFN));
        kvs.add(() -> out.kvU32("llama.attention.head_count", HEADS));
        kvs.add(() -> out.kvU32("llama.attention.head_count_kv", HEADS));
        kvs.add(() -> out.kvU32("llama.rope.dimension_count", EMBED / HEADS));
        kvs.add(() -> out.kvF32("llama.attention.layer_norm_rms_epsilon", 1e-5f));
        kvs.add(() -> out.kvString("tokenizer.ggml.model", "llama"));
        kvs.add(() -> out.kvStrings("tokenizer.ggml.tokens", tokens));
        kvs.add(() -> out.kvF32s("tokenizer.ggml.scores", scores));
        kvs.add(() -> out.kvI32s("tokenizer.ggml.token_type", types));
        kvs.add(() -> out.kvU32("tokenizer.ggml.unknown_token_id", 0));
        kvs.add(() -> out.kvU32("tokenizer.ggml.bos_token_id", 1));
        kvs.add(() -> out.kvU32("tokenizer.ggml.eos_token_id", 2));
        kvs.add(() -> out.kvBool("tokenizer.ggml.add_bos_token", true));
        kvs.add(() -> out.kvBool("tokenizer.ggml.add_eos_token", false));
        if (chatTemplate != null) {
            kvs.add(() -> out.kvString("tokenizer.chat_template", chatTemplate));
        }
        out.u64(kvs.size());
        kvs.forEach(Runnable::run);

        long offset = 0;
        for (Map.Entry<String, long[]> t : tensors.entrySet()) {
            out.string(t.getKey());
            out.u32(t.getValue().length);
            for (long d : t.getValue()) {
                out.u64(d);
            }
            out.u32(0); // GGML_TYPE_F32
            out.u64(offset);
            offset = align(offset + 4 * elements(t.getValue()));
        }
        out.padTo(ALIGNMENT);

        Random random = new Random(seed);
        try (OutputStream file0 = Files.newOutputStream(file)) {
            file0.write(out.toArray());
            for (Map.Entry<String, long[]> t : tensors.entrySet()) {
                long n = elements(t.getValue());
                boolean norm = t.getKey().endsWith("norm.weight");
                ByteBuffer data = ByteBuffer.allocate((int) align(4 * n)).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; i++) {
                    data.putFloat(norm ? 1f : (float) (random.nextGaussian() * 0.2));
                }
                file0.write(data.array());
            }
        }
        return file;
    }

    private static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    private static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** A little-endian byte buffer that grows. */
    private static final class Buf {

        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void room(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void bytes(byte[] b) {
            room(b.length);
            buf.put(b);
        }

        void u32(int v) {
            room(4);
            buf.putInt(v);
        }

        void u64(long v) {
            room(8);
            buf.putLong(v);
        }

        void f32(float v) {
            room(4);
            buf.putFloat(v);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void kvString(String key, String value) {
            string(key);
            u32(T_STRING);
            string(value);
        }

        void kvU32(String key, int value) {
            string(key);
            u32(T_UINT32);
            u32(value);
        }

        void kvF32(String key, float value) {
            string(key);
            u32(T_FLOAT32);
            f32(value);
        }

        void kvBool(String key, boolean value) {
            string(key);
            u32(T_BOOL);
            bytes(new byte[] {(byte) (value ? 1 : 0)});
        }

        void kvStrings(String key, List<String> values) {
            string(key);
            u32(T_ARRAY);
            u32(T_STRING);
            u64(values.size());
            values.forEach(this::string);
        }

        void kvF32s(String key, List<Float> values) {
            string(key);
            u32(T_ARRAY);
            u32(T_FLOAT32);
            u64(values.size());
            values.forEach(this::f32);
        }

        void kvI32s(String key, List<Integer> values) {
            string(key);
            u32(T_ARRAY);
            u32(T_INT32);
            u64(values.size());
            values.forEach(this::u32);
        }

        void padTo(int alignment) {
            while (buf.position() % alignment != 0) {
                bytes(new byte[] {0});
            }
        }

        byte[] toArray() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }
}
