package dev.weft.knowledge.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.retrieve.DatasetCatalog.DatasetInfo;
import dev.weft.knowledge.retrieve.RetrievalSettings.Fusion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreFusionTest {

    private static final DatasetInfo A = new DatasetInfo("a", "A", "m");
    private static final DatasetInfo B = new DatasetInfo("b", "B", "m");

    private static Candidate candidate(DatasetInfo ds, String id, String parent, double vector, int vectorRank, double text, int textRank) {
        IndexedChunk chunk = new IndexedChunk(id, "doc", "doc", 0, id, parent, parent == null ? null : "parent " + parent, Map.of(), null, true);
        return new Candidate(ds, chunk, vector, vectorRank, text, textRank, 0);
    }

    private static RetrievalSettings hybrid(Fusion fusion, double wv, double wk) {
        return new RetrievalSettings(RetrievalMethod.HYBRID_SEARCH, 5, null, fusion, wv, wk, 60, null, MetadataFilter.NONE);
    }

    private static List<String> ids(List<Candidate> cs) {
        return cs.stream().map(c -> c.chunk().chunkId()).toList();
    }

    @Test
    void weightedScoresUseWeightsScaledToSumToOne() {
        List<Candidate> pool = List.of(candidate(A, "v", null, 0.9, 1, 0.1, 2), candidate(A, "t", null, 0.5, 2, 0.8, 1));

        List<Candidate> fused = ScoreFusion.hybrid(pool, hybrid(Fusion.WEIGHTED_SCORE, 7, 3));

        assertThat(ids(fused)).containsExactly("v", "t");
        assertThat(fused.get(0).score()).isCloseTo(0.7 * 0.9 + 0.3 * 0.1, within(1e-9));
        assertThat(fused.get(1).score()).isCloseTo(0.7 * 0.5 + 0.3 * 0.8, within(1e-9));
        assertThat(ids(ScoreFusion.hybrid(pool, hybrid(Fusion.WEIGHTED_SCORE, 0.2, 0.8)))).containsExactly("t", "v");
    }

    @Test
    void reciprocalRanksUseRanksMergedOverDatasetsAndFirstInBothScoresOne() {
        // per-dataset ranks are both 1; merged by score, b's vector hit ranks 2nd and a's text hit 2nd
        List<Candidate> pool = List.of(
                candidate(A, "a1", null, 0.9, 1, 0.7, 1),
                candidate(B, "b1", null, 0.6, 1, 0.2, 1));

        List<Candidate> fused = ScoreFusion.hybrid(pool, hybrid(Fusion.RECIPROCAL_RANK, 0, 0));

        assertThat(ids(fused)).containsExactly("a1", "b1");
        assertThat(fused.get(0).score()).isEqualTo(1.0);
        assertThat(fused.get(0).vectorRank()).isEqualTo(1);
        assertThat(fused.get(1).vectorRank()).isEqualTo(2);
        assertThat(fused.get(1).score()).isCloseTo((2.0 / 62) / (2.0 / 61), within(1e-9));
    }

    @Test
    void aCandidateFoundByOneListOnlyGetsOneTerm() {
        List<Candidate> pool = List.of(candidate(A, "v", null, 0.9, 1, 0, 0), candidate(A, "t", null, 0.1, 0, 0.9, 1));

        List<Candidate> fused = ScoreFusion.hybrid(pool, hybrid(Fusion.RECIPROCAL_RANK, 0, 0));

        assertThat(fused).allSatisfy(c -> assertThat(c.score()).isCloseTo(0.5, within(1e-9)));
        assertThat(ids(ScoreFusion.semantic(pool))).containsExactly("v");
        assertThat(ids(ScoreFusion.fullText(pool))).containsExactly("t");
    }

    @Test
    void childrenCollapseIntoTheirBestPerParentAndDataset() {
        List<Candidate> sorted = List.of(
                candidate(A, "c2", "p1", 0.9, 1, 0, 0).withScore(0.9),
                candidate(A, "c9", null, 0.8, 2, 0, 0).withScore(0.8),
                candidate(A, "c1", "p1", 0.7, 3, 0, 0).withScore(0.7),
                candidate(B, "c3", "p1", 0.6, 4, 0, 0).withScore(0.6));

        assertThat(ids(ScoreFusion.collapseParents(sorted))).containsExactly("c2", "c9", "c3");
    }
}
