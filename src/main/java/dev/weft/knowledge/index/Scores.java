package dev.weft.knowledge.index;

/** Vector normalisation and the 0..1 score scales (see {@link DatasetIndex}). */
final class Scores {

    private Scores() {}

    /** Lucene scores unit vectors as (1 + cos) / 2; this returns max(0, cos). */
    static double vector(float luceneScore) {
        return Math.max(0, Math.min(1, 2.0 * luceneScore - 1));
    }

    /** BM25 divided by the most the query could score ({@link TextQuery#maxScore}). */
    static double text(float bm25, double maxScore) {
        return maxScore <= 0 ? 0 : Math.min(1, bm25 / maxScore);
    }

    /** A unit-length copy; {@code what} names the vector in the message for a zero or non-finite one. */
    static float[] normalised(float[] v, String what) {
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("the vector of " + what + " holds " + x);
            }
            sum += (double) x * x;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("the vector of " + what + " is all zeros");
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }
}
