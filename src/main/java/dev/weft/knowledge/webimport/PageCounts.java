package dev.weft.knowledge.webimport;

/**
 * An import's pages so far: {@code added} as documents, {@code failed} (unreadable, kept as failed documents) and
 * {@code skipped} (already imported by an earlier attempt of the same import).
 */
public record PageCounts(int added, int failed, int skipped) {

    public static final PageCounts NONE = new PageCounts(0, 0, 0);
}
