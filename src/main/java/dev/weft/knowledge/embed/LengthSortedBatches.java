package dev.weft.knowledge.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits texts into batches of similar length, so little padding is computed: texts are sorted by token count and
 * cut into runs of at most {@code maxTexts} texts whose padded size (texts × longest) stays within {@code maxTokens}
 * (a single text longer than that still gets its own batch) and whose texts are each at most an eighth of the
 * longest shorter, or {@value #SLACK_TOKENS} tokens: padding costs the model as much as text, while a run more costs
 * little (on CPU, the SciFact chunks of a job's documents, one or two per call, took 7 % more ONNX time when a short
 * tail chunk was padded to its long first chunk than one by one). Batches come out longest first, so parallel
 * workers finish close together. Public for the benches, which run raw ONNX on the same plan.
 */
public final class LengthSortedBatches {

    /** Padding any text of a batch may get, whatever the longest text's length. */
    static final int SLACK_TOKENS = 8;

    private LengthSortedBatches() {}

    /** The batches as lists of indexes into {@code lengths}. */
    public static List<int[]> plan(int[] lengths, int maxTexts, int maxTokens) {
        if (maxTexts < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("batches need room for at least one text and one token, got " + maxTexts + " and " + maxTokens);
        }
        int[] order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt(i -> -lengths[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int longest = Math.max(1, lengths[order[start]]);
            int size = Math.max(1, Math.min(maxTexts, maxTokens / longest));
            int shortest = longest - Math.max(SLACK_TOKENS, longest / 8);
            int end = start + 1;
            while (end < order.length && end - start < size && lengths[order[end]] >= shortest) {
                end++;
            }
            int[] batch = new int[end - start];
            System.arraycopy(order, start, batch, 0, batch.length);
            batches.add(batch);
            start = end;
        }
        return batches;
    }
}
