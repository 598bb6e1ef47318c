package dev.weft.knowledge.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthSortedBatchesTest {

    @Test
    void groupsSimilarLengthsLongestFirstWithinTheLimits() {
        int[] lengths = {5, 300, 7, 480, 6, 290, 8, 9, 500, 270};
        List<int[]> batches = LengthSortedBatches.plan(lengths, 3, 1024);
        assertArrayEquals(new int[] {8, 3}, batches.get(0), "500 and 480: a third would pad 3 × 500 > 1024 tokens");
        assertArrayEquals(new int[] {1, 5, 9}, batches.get(1), "300 leaves room for 3, and 270 is within an eighth of it");
        assertArrayEquals(new int[] {7, 6, 2}, batches.get(2), "9, 8 and 7 tokens: within 8 tokens of padding");
        assertArrayEquals(new int[] {4, 0}, batches.get(3));
        assertEquals(4, batches.size());
    }

    @Test
    void aMuchShorterTextGetsABatchOfItsOwnRatherThanPadding() {
        List<int[]> batches = LengthSortedBatches.plan(new int[] {120, 400}, 8, 1024);
        assertArrayEquals(new int[] {1}, batches.get(0));
        assertArrayEquals(new int[] {0}, batches.get(1));
    }

    @Test
    void everyTextOnceAndPaddingWithinTheLimit() {
        Random random = new Random(3);
        int[] lengths = random.ints(1000, 3, 513).toArray();
        List<int[]> batches = LengthSortedBatches.plan(lengths, 8, 1024);
        int[] seen = new int[lengths.length];
        int previousLongest = Integer.MAX_VALUE;
        for (int[] batch : batches) {
            assertTrue(batch.length >= 1 && batch.length <= 8);
            int longest = Arrays.stream(batch).map(i -> lengths[i]).max().orElseThrow();
            assertTrue(batch.length * longest <= 1024 || batch.length == 1);
            int shortest = Arrays.stream(batch).map(i -> lengths[i]).min().orElseThrow();
            assertTrue(longest - shortest <= Math.max(LengthSortedBatches.SLACK_TOKENS, longest / 8), "little padding");
            assertTrue(longest <= previousLongest, "longest first");
            previousLongest = longest;
            for (int i : batch) {
                seen[i]++;
            }
        }
        assertTrue(Arrays.stream(seen).allMatch(n -> n == 1));
    }

    @Test
    void aTextLongerThanTheTokenLimitStillGetsABatch() {
        assertArrayEquals(new int[] {0}, LengthSortedBatches.plan(new int[] {5000}, 8, 1024).getFirst());
        assertEquals(List.of(), LengthSortedBatches.plan(new int[0], 8, 1024));
        assertThrows(IllegalArgumentException.class, () -> LengthSortedBatches.plan(new int[] {1}, 0, 10));
    }
}
