package dev.weft.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs consecutive pieces into chunks of at most {@code maxTokens}. A chunk is a span of the original text, so the
 * separators between its pieces stay as they were. Each chunk after the first starts with up to
 * {@code overlapTokens} from the end of the one before, beginning at a word (and never inside a table row); the
 * overlap shrinks when the next piece leaves no room for it. Sums of piece counts decide; every chunk of more than
 * one piece is then counted whole once, and if the counter disagrees (tokenizers are not always additive) pieces
 * are dropped from its end until it fits.
 */
final class ChunkPacker {

    private final String text;
    private final List<Piece> pieces;
    private final int maxTokens;
    private final int overlapTokens;
    private final TokenTally tally;
    private final TableRows rows;

    /** A chunk being built: its text starts at {@code start} (before its first piece when it has an overlap). */
    private record Draft(int start, int overlapTokens, int first, int last) {}

    ChunkPacker(String text, List<Piece> pieces, int maxTokens, int overlapTokens, TokenTally tally, TableRows rows) {
        this.text = text;
        this.pieces = pieces;
        this.maxTokens = maxTokens;
        this.overlapTokens = overlapTokens;
        this.tally = tally;
        this.rows = rows;
    }

    List<TextChunk> pack() {
        List<TextChunk> chunks = new ArrayList<>();
        int next = 0;
        int overlapStart = -1;
        int overlapCount = 0;
        while (next < pieces.size()) {
            Draft draft = fill(next, overlapStart, overlapCount);
            String content = content(draft);
            boolean onePiece = draft.first() == draft.last() && draft.overlapTokens() == 0;
            int tokens = onePiece ? tally.overhead() + pieces.get(draft.first()).tokens() : tally.exact(content);
            while (tokens > maxTokens && (draft.last() > draft.first() || draft.overlapTokens() > 0)) {
                draft = draft.last() > draft.first()
                        ? new Draft(draft.start(), draft.overlapTokens(), draft.first(), draft.last() - 1)
                        : new Draft(pieces.get(draft.first()).start(), 0, draft.first(), draft.last());
                content = content(draft);
                tokens = tally.exact(content);
            }
            chunks.add(new TextChunk(chunks.size(), content, tokens));
            next = draft.last() + 1;
            if (overlapTokens > 0 && next < pieces.size()) {
                Piece following = pieces.get(next);
                int room = maxTokens - tally.overhead() - following.tokens() - tally.gap(pieces.get(next - 1).end(), following.start());
                int[] overlap = overlap(draft, Math.min(overlapTokens, room));
                overlapStart = overlap[0];
                overlapCount = overlap[1];
            } else {
                overlapStart = -1;
                overlapCount = 0;
            }
        }
        return chunks;
    }

    /** The longest run of pieces from {@code first} whose summed count fits, after the overlap. */
    private Draft fill(int first, int overlapStart, int overlapCount) {
        boolean overlap = overlapStart >= 0;
        int total = tally.overhead() + pieces.get(first).tokens()
                + (overlap ? overlapCount + tally.gap(pieceEndBefore(overlapStart, first), pieces.get(first).start()) : 0);
        if (overlap && total > maxTokens) {
            overlap = false;
            total = tally.overhead() + pieces.get(first).tokens();
        }
        int last = first;
        while (last + 1 < pieces.size()) {
            Piece current = pieces.get(last);
            Piece candidate = pieces.get(last + 1);
            int more = tally.gap(current.end(), candidate.start()) + candidate.tokens();
            if (total + more > maxTokens) {
                break;
            }
            total += more;
            last++;
        }
        return overlap ? new Draft(overlapStart, overlapCount, first, last) : new Draft(pieces.get(first).start(), 0, first, last);
    }

    /** Where the overlap before piece {@code first} ends: the end of the piece before it. */
    private int pieceEndBefore(int overlapStart, int first) {
        return first > 0 ? pieces.get(first - 1).end() : overlapStart;
    }

    private String content(Draft draft) {
        return text.substring(draft.start(), pieces.get(draft.last()).end()).strip();
    }

    /**
     * The start and token count of the longest tail of {@code chunk} that has at most {@code budget} tokens, starts
     * at a word outside any table row, and leaves the chunk's first word out; {@code {-1, 0}} when there is none.
     */
    private int[] overlap(Draft chunk, int budget) {
        int[] none = {-1, 0};
        if (budget <= 0) {
            return none;
        }
        int used = 0;
        int start = -1;
        for (int p = chunk.last(); p >= chunk.first(); p--) {
            Piece piece = pieces.get(p);
            int gapAfter = p < chunk.last() ? tally.gap(piece.end(), pieces.get(p + 1).start()) : 0;
            boolean whole = p > chunk.first() && used + gapAfter + piece.tokens() <= budget && !rows.splitsRow(piece.start());
            if (whole) {
                used += gapAfter + piece.tokens();
                start = piece.start();
                continue;
            }
            int[] partial = partialTail(piece, p == chunk.first(), budget - used - gapAfter);
            if (partial[0] >= 0) {
                return new int[] {partial[0], used + gapAfter + partial[1]};
            }
            break;
        }
        return start < 0 ? none : new int[] {start, used};
    }

    /** The longest tail of one piece, starting at a word, with at most {@code budget} tokens. */
    private int[] partialTail(Piece piece, boolean keepFirstWord, int budget) {
        if (budget <= 0) {
            return new int[] {-1, 0};
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = piece.end() - 1; i > piece.start() && starts.size() < budget; i--) {
            if (!Character.isWhitespace(text.charAt(i)) && Character.isWhitespace(text.charAt(i - 1))
                    && !rows.splitsRow(i)) {
                starts.add(i);
            }
        }
        if (!keepFirstWord && starts.size() < budget && !rows.splitsRow(piece.start())) {
            starts.add(piece.start());
        }
        int best = -1;
        int bestTokens = 0;
        int low = 0;
        int high = starts.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int tokens = tally.span(starts.get(mid), piece.end());
            if (tokens <= budget) {
                best = starts.get(mid);
                bestTokens = tokens;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return new int[] {best, bestTokens};
    }
}
