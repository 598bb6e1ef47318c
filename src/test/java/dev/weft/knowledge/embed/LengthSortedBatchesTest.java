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
        int[] lengths = {5, 300, 7, 512, 6, 290, 8, 9};
        List<int[]> batches = LengthSortedBatches.plan(lengths, 3, 1024);
        assertArrayEquals(new int[] {3, 1}, batches.get(0), "512 and 300: a third would pad 3 × 512 > 1024 tokens");
        assertArrayEquals(new int[] {5, 7, 6}, batches.get(1), "290 leaves room for 3");
        assertArrayEquals(new int[] {2, 4, 0}, batches.get(2));
        assertEquals(3, batches.size());
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
