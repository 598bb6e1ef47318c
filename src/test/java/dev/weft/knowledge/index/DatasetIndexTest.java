package dev.weft.knowledge.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.knowledge.retrieve.MetadataFilter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Lucene on disk; vectors are small hand-made ones so that the expected neighbours are known. */
class DatasetIndexTest {

    @TempDir
    Path dir;

    private DatasetIndex index;

    @BeforeEach
    void open() {
        index = DatasetIndex.open(dir);
    }

    @AfterEach
    void close() {
        index.close();
    }

    static float[] vec(double... xs) {
        float[] v = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            v[i] = (float) xs[i];
        }
        return v;
    }

    static IndexedChunk chunk(String id, String doc, String content, float[] vector) {
        return chunk(id, doc, content, vector, Map.of());
    }

    static IndexedChunk chunk(String id, String doc, String content, float[] vector, Map<String, String> metadata) {
        return new IndexedChunk(id, doc, doc + ".txt", 0, content, null, null, metadata, vector, true);
    }

    private static List<String> ids(List<ChunkHit> hits) {
        return hits.stream().map(h -> h.chunk().chunkId()).toList();
    }

    private void threeChunks() {
        index.upsert(List.of(
                chunk("a", "d1", "the cat sat on the mat", vec(1, 0, 0, 0)),
                chunk("b", "d1", "dogs chase cats in the garden", vec(0.8, 0.6, 0, 0)),
                chunk("c", "d2", "quarterly revenue grew by ten percent", vec(0, 0, 1, 0))));
    }

    @Test
    void searchesSeeWritesBeforeTheyAreCommitted() {
        threeChunks();

        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 2, MetadataFilter.NONE))).containsExactly("a", "b");
        assertThat(ids(index.searchText("revenue", 5, MetadataFilter.NONE))).containsExactly("c");
        assertThat(index.chunkCount()).isEqualTo(3);
        assertThat(index.documentChunkCount("d1")).isEqualTo(2);
    }

    @Test
    void writingTheSameChunksAgainReplacesThemInsteadOfAddingDuplicates() {
        threeChunks();
        index.commit();
        threeChunks();
        index.upsert(List.of(chunk("c", "d2", "annual profit fell sharply", vec(0, 0, 1, 0))));

        assertThat(index.chunkCount()).isEqualTo(3);
        assertThat(ids(index.searchVector(vec(0, 0, 1, 0), 10, MetadataFilter.NONE))).containsExactly("c", "a", "b");
        assertThat(index.searchText("revenue", 5, MetadataFilter.NONE)).isEmpty();
        assertThat(ids(index.searchText("profit", 5, MetadataFilter.NONE))).containsExactly("c");
    }

    @Test
    void closingWithoutCommitLosesOnlyWhatWasNotCommitted() throws IOException {
        threeChunks();
        index.commit();
        index.upsert(List.of(chunk("x", "d3", "uncommitted words", vec(0, 0, 0, 1))));
        index.deleteDocument("d2");
        index.setDocumentEnabled("d1", false);

        // what a crash would leave: a reader of the directory sees the last commit only
        try (FSDirectory d = FSDirectory.open(dir); DirectoryReader onDisk = DirectoryReader.open(d)) {
            assertThat(onDisk.numDocs()).isEqualTo(3);
        }
        assertThat(index.chunkCount()).isEqualTo(3);
        assertThat(index.searchText("cat", 5, MetadataFilter.NONE)).isEmpty();

        index.close();
        index = DatasetIndex.open(dir);

        assertThat(index.chunkCount()).isEqualTo(3);
        assertThat(index.documentChunkCount("d3")).isZero();
        assertThat(ids(index.searchText("cat", 5, MetadataFilter.NONE))).contains("a");
        assertThat(ids(index.searchText("revenue", 5, MetadataFilter.NONE))).containsExactly("c");
    }

    @Test
    void committedChangesSurviveReopening() {
        threeChunks();
        index.setDocumentEnabled("d2", false);
        index.setChunkEnabled("b", false);
        index.commit();
        index.close();
        index = DatasetIndex.open(dir);

        assertThat(ids(index.searchVector(vec(0.5, 0.5, 0.5, 0), 10, MetadataFilter.NONE))).containsExactly("a");
        index.upsert(List.of(chunk("c2", "d2", "more revenue", vec(0, 0, 1, 0))));
        assertThat(index.searchText("revenue", 5, MetadataFilter.NONE)).as("a chunk added to a disabled document stays hidden").isEmpty();
    }

    @Test
    void disabledDocumentsAndChunksAreLeftOutOfBothSearches() {
        threeChunks();
        index.setDocumentEnabled("d1", false);

        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 10, MetadataFilter.NONE))).containsExactly("c");
        assertThat(index.searchText("cat", 10, MetadataFilter.NONE)).isEmpty();
        assertThat(index.chunkCount()).as("disabled chunks stay in the index").isEqualTo(3);

        index.setChunkEnabled("a", false);
        index.setDocumentEnabled("d1", true);
        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 10, MetadataFilter.NONE))).containsExactly("b", "c");
        assertThat(ids(index.searchText("cat", 10, MetadataFilter.NONE))).containsExactly("b");

        index.setChunkEnabled("a", true);
        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 10, MetadataFilter.NONE))).containsExactly("a", "b", "c");
        assertThat(index.documentChunks("d1")).extracting(IndexedChunk::enabled).containsOnly(true);
    }

    @Test
    void disablingOrDeletingAParentActsOnItsChildren() {
        index.upsert(List.of(
                new IndexedChunk("p1-c1", "d1", "d1.txt", 0, "alpha child", "p1", "alpha parent text", Map.of(), vec(1, 0), true),
                new IndexedChunk("p1-c2", "d1", "d1.txt", 1, "beta child", "p1", "alpha parent text", Map.of(), vec(0.9, 0.1), true),
                new IndexedChunk("p2-c1", "d1", "d1.txt", 2, "gamma child", "p2", "gamma parent text", Map.of(), vec(0, 1), true)));

        index.setChunkEnabled("p1", false);
        assertThat(ids(index.searchVector(vec(1, 0), 10, MetadataFilter.NONE))).containsExactly("p2-c1");

        index.setChunkEnabled("p1", true);
        index.deleteChunk("p1");
        assertThat(index.chunkCount()).isEqualTo(1);
        ChunkHit hit = index.searchVector(vec(0, 1), 1, MetadataFilter.NONE).getFirst();
        assertThat(hit.chunk().parentId()).isEqualTo("p2");
        assertThat(hit.chunk().parentContent()).isEqualTo("gamma parent text");
    }

    @Test
    void deletingADocumentOrAChunkRemovesOnlyThose() {
        threeChunks();
        index.deleteChunk("a");
        assertThat(index.documentChunkCount("d1")).isEqualTo(1);
        index.deleteDocument("d1");
        assertThat(index.chunkCount()).isEqualTo(1);
        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 10, MetadataFilter.NONE))).containsExactly("c");
    }

    @Test
    void metadataIsRewrittenFromTheIndexWithoutTouchingVectorsContentOrFlags() {
        index.upsert(List.of(
                chunk("a", "d1", "the cat sat", vec(1, 0, 0, 0), Map.of("lang", "en")),
                new IndexedChunk("b", "d1", "d1.txt", 1, "dogs bark", null, null, Map.of("lang", "en"), vec(0.6, 0.8, 0, 0), false),
                chunk("c", "d2", "revenue grew", vec(0, 0, 1, 0), Map.of("lang", "en"))));
        List<IndexedChunk> before = index.documentChunks("d1");

        index.updateDocumentMetadata("d1", Map.of("lang", "de", "year", "2024"));

        List<IndexedChunk> after = index.documentChunks("d1");
        assertThat(after).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(after.get(i).vector()).containsExactly(before.get(i).vector());
            assertThat(after.get(i).content()).isEqualTo(before.get(i).content());
            assertThat(after.get(i).enabled()).isEqualTo(before.get(i).enabled());
            assertThat(after.get(i).metadata()).isEqualTo(Map.of("lang", "de", "year", "2024"));
        }
        MetadataFilter german = new MetadataFilter("and", List.of(new MetadataCondition("lang", "is", "de")));
        assertThat(ids(index.searchVector(vec(1, 1, 1, 0), 10, german))).containsExactly("a");
        assertThat(index.chunkCount()).isEqualTo(3);
    }

    @Test
    void theFilterIsAppliedInsideTheVectorSearchNotAfterIt() {
        Random random = new Random(7);
        List<IndexedChunk> near = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            near.add(chunk("n" + i, "d" + i, "filler", vec(1, random.nextDouble() * 0.1, random.nextDouble() * 0.1, 0),
                    Map.of("kind", "common")));
        }
        index.upsert(near);
        index.upsert(List.of(chunk("far", "dfar", "the one", vec(0, 0, 0, 1), Map.of("kind", "rare"))));

        MetadataFilter rare = new MetadataFilter("and", List.of(new MetadataCondition("kind", "is", "rare")));
        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 3, rare))).containsExactly("far");
        assertThat(ids(index.searchVector(vec(1, 0, 0, 0), 3, MetadataFilter.NONE))).doesNotContain("far");
    }

    @Test
    void vectorScoresAreTheCosineAndTextScoresStayWithinZeroAndOne() {
        threeChunks();

        List<ChunkHit> hits = index.searchVector(vec(1, 0, 0, 0), 3, MetadataFilter.NONE);
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-5));
        assertThat(hits.get(1).score()).isCloseTo(0.8, within(1e-5));
        assertThat(hits.get(2).score()).isCloseTo(0.0, within(1e-5));

        List<ChunkHit> text = index.searchText("cat garden", 3, MetadataFilter.NONE);
        assertThat(ids(text)).containsExactly("b", "a");
        assertThat(text).allSatisfy(h -> assertThat(h.score()).isGreaterThan(0).isLessThan(1));
        assertThat(text.get(0).score()).as("b matches both terms, a only one").isGreaterThan(text.get(1).score());
    }

    @Test
    void userTextIsNeverParsedAsQuerySyntax() {
        threeChunks();
        assertThat(ids(index.searchText("cat AND (mat OR \"[unclosed *?~ -garden: \\", 5, MetadataFilter.NONE)))
                .containsExactlyInAnyOrder("a", "b");
        assertThat(index.searchText("the and of", 5, MetadataFilter.NONE)).as("only stop words").isEmpty();
        assertThat(index.searchText("", 5, MetadataFilter.NONE)).isEmpty();
    }

    @Test
    void hybridCandidatesCarryBothScores() {
        threeChunks();
        List<HybridHit> hits = index.searchHybrid("revenue", vec(1, 0, 0, 0), 1, MetadataFilter.NONE);

        assertThat(hits).extracting(h -> h.chunk().chunkId()).containsExactly("a", "c");
        HybridHit a = hits.get(0);
        HybridHit c = hits.get(1);
        assertThat(a.vectorRank()).isEqualTo(1);
        assertThat(a.textRank()).isZero();
        assertThat(a.textScore()).isZero();
        assertThat(c.textRank()).isEqualTo(1);
        assertThat(c.vectorRank()).isZero();
        assertThat(c.vectorScore()).as("computed from the stored vector").isCloseTo(0.0, within(1e-5));
        assertThat(c.textScore()).isGreaterThan(0);

        // b is the nearest vector, a the best BM25 match for "cat"; b also contains "cats", so its text score is filled in
        List<HybridHit> both = index.searchHybrid("cat", vec(0.8, 0.6, 0, 0), 1, MetadataFilter.NONE);
        assertThat(both).extracting(h -> h.chunk().chunkId()).containsExactly("b", "a");
        HybridHit b = both.get(0);
        assertThat(b.vectorRank()).isEqualTo(1);
        assertThat(b.textRank()).isZero();
        assertThat(b.textScore()).isGreaterThan(0).isLessThan(both.get(1).textScore());
        assertThat(both.get(1).vectorScore()).isCloseTo(0.8, within(1e-5));
    }

    @Test
    void vectorsOfAnotherDimensionAreRefusedWithAClearMessage() {
        threeChunks();
        assertThatThrownBy(() -> index.upsert(List.of(chunk("z", "d9", "x", vec(1, 0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2-dimension vector but this index holds 4-dimension vectors");
        assertThatThrownBy(() -> index.searchVector(vec(1, 0, 0), 3, MetadataFilter.NONE))
                .hasMessageContaining("3 dimensions but this index holds 4-dimension vectors");
        assertThatThrownBy(() -> index.upsert(List.of(chunk("z", "d9", "x", vec(0, 0, 0, 0)))))
                .hasMessageContaining("all zeros");
    }

    @Test
    void anEmptyIndexAnswersEmpty() {
        assertThat(index.searchVector(vec(1, 0), 5, MetadataFilter.NONE)).isEmpty();
        assertThat(index.searchText("anything", 5, MetadataFilter.NONE)).isEmpty();
        assertThat(index.searchHybrid("anything", vec(1, 0), 5, MetadataFilter.NONE)).isEmpty();
        assertThat(index.chunkCount()).isZero();
        index.setDocumentEnabled("nothing", false);
        index.setChunkEnabled("nothing", false);
        index.updateDocumentMetadata("nothing", Map.of("a", "b"));
        index.commit();
    }
}
