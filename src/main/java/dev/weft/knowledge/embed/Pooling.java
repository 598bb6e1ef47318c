package dev.weft.knowledge.embed;

import java.nio.FloatBuffer;

/** How one text's token vectors (a model's {@code last_hidden_state}) become one vector. */
enum Pooling {

    /** The vector of the first token, {@code [CLS]} (bge models). */
    CLS {
        @Override
        void pool(FloatBuffer hidden, int offset, int tokens, int width, float[] out) {
            hidden.get(offset, out, 0, width);
        }
    },

    /**
     * The mean over the tokens the attention mask covers, {@code [CLS]} and {@code [SEP]} included, padding left
     * out (sentence-transformers' mean pooling; all-MiniLM-L6-v2).
     */
    MEAN {
        @Override
        void pool(FloatBuffer hidden, int offset, int tokens, int width, float[] out) {
            java.util.Arrays.fill(out, 0f);
            for (int t = 0; t < tokens; t++) {
                int base = offset + t * width;
                for (int d = 0; d < width; d++) {
                    out[d] += hidden.get(base + d);
                }
            }
            for (int d = 0; d < width; d++) {
                out[d] /= tokens;
            }
        }
    };

    /**
     * Pools the {@code tokens} real (unpadded) token vectors of one sequence, which starts at {@code offset} in
     * {@code hidden} (row-major, {@code width} floats per token), into {@code out}.
     */
    abstract void pool(FloatBuffer hidden, int offset, int tokens, int width, float[] out);
}
