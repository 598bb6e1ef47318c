package dev.weft.knowledge.embed;

/** Vector helpers shared by the embedding models. */
final class Vectors {

    private Vectors() {}

    /**
     * Scales {@code v} in place to unit length, as {@code torch.nn.functional.normalize} does (the norm is taken
     * as at least 1e-12, so a zero vector stays zero). Returns {@code v}.
     */
    static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
        return v;
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of different lengths: " + a.length + " and " + b.length);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
