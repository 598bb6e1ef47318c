package dev.weft.knowledge.retrieve;

import dev.weft.knowledge.retrieve.RetrievalSettings.Fusion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns candidates from one or more datasets into one ranking.
 * <ul>
 *   <li>Ranks are re-computed over all datasets together: the vector list and the full-text list are each merged
 *       by score (both scales mean the same in every dataset, see {@code DatasetIndex}).
 *   <li>{@code WEIGHTED_SCORE}: {@code vectorWeight · vectorScore + keywordWeight · textScore}, weights scaled to sum
 *       to 1. Every candidate has both scores (the index computes the one its list did not give).
 *   <li>{@code RECIPROCAL_RANK}: {@code Σ 1/(k + rank)} over the lists a candidate is in, divided by
 *       {@code 2/(k + 1)}, the sum of a chunk ranked first in both lists, so the display score is 0..1.
 *   <li>Parent-child: children of the same parent collapse into the best-scoring one.
 * </ul>
 */
final class ScoreFusion {

    private ScoreFusion() {}

    static List<Candidate> semantic(List<Candidate> all) {
        return sorted(all.stream().filter(c -> c.vectorRank() > 0).map(c -> c.withScore(c.vectorScore())).toList());
    }

    static List<Candidate> fullText(List<Candidate> all) {
        return sorted(all.stream().filter(c -> c.textRank() > 0).map(c -> c.withScore(c.textScore())).toList());
    }

    static List<Candidate> hybrid(List<Candidate> all, RetrievalSettings settings) {
        List<Candidate> ranked = reRank(all);
        if (settings.fusion() == Fusion.RECIPROCAL_RANK) {
            int k = settings.rrfK();
            double best = 2.0 / (k + 1);
            return sorted(ranked.stream().map(c -> c.withScore(
                    ((c.vectorRank() > 0 ? 1.0 / (k + c.vectorRank()) : 0) + (c.textRank() > 0 ? 1.0 / (k + c.textRank()) : 0)) / best)).toList());
        }
        double wv = Math.max(0, settings.vectorWeight());
        double wk = Math.max(0, settings.keywordWeight());
        double sum = wv + wk;
        double vector = sum == 0 ? 0.5 : wv / sum;
        double keyword = sum == 0 ? 0.5 : wk / sum;
        return sorted(ranked.stream().map(c -> c.withScore(vector * c.vectorScore() + keyword * c.textScore())).toList());
    }

    /** Ranks in the lists merged over all datasets. */
    private static List<Candidate> reRank(List<Candidate> all) {
        int[] vectorRanks = ranks(all, true);
        int[] textRanks = ranks(all, false);
        List<Candidate> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            out.add(all.get(i).withRanks(vectorRanks[i], textRanks[i]));
        }
        return out;
    }

    private static int[] ranks(List<Candidate> all, boolean vector) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if ((vector ? all.get(i).vectorRank() : all.get(i).textRank()) > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> vector ? all.get(i).vectorScore() : all.get(i).textScore()).reversed());
        int[] ranks = new int[all.size()];
        for (int r = 0; r < order.size(); r++) {
            ranks[order.get(r)] = r + 1;
        }
        return ranks;
    }

    /** Keeps the best child per parent (the list must be sorted best first); chunks without a parent stay as they are. */
    static List<Candidate> collapseParents(List<Candidate> sorted) {
        Map<String, Candidate> seen = new LinkedHashMap<>();
        for (Candidate c : sorted) {
            String parent = c.chunk().parentId();
            String key = c.dataset().id() + '\u0000' + (parent == null ? "chunk\u0000" + c.chunk().chunkId() : "parent\u0000" + parent);
            seen.putIfAbsent(key, c);
        }
        return List.copyOf(seen.values());
    }

    private static List<Candidate> sorted(List<Candidate> list) {
        List<Candidate> out = new ArrayList<>(list);
        out.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return out;
    }
}
