package dev.weft.knowledge.webimport;

import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.dataset.WebImportPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an earlier attempt of an import left in the dataset: pages it imported (any document not in error: completed,
 * queued or paused), which are skipped, and failed documents, which are replaced when their page is read again.
 * Not thread-safe: one import's crawl uses it.
 */
final class PreviousPages {

    static final PreviousPages NONE = new PreviousPages(List.of());

    private final Set<String> imported = new HashSet<>();
    private final Map<String, List<String>> failed = new HashMap<>();

    PreviousPages(List<WebImportPage> pages) {
        for (WebImportPage page : pages) {
            if (page.url() == null) {
                continue;
            }
            if (page.status() == DocumentStatus.ERROR) {
                failed.computeIfAbsent(page.url(), u -> new ArrayList<>()).add(page.documentId());
            } else {
                imported.add(page.url());
            }
        }
    }

    boolean imported(String url) {
        return imported.contains(url);
    }

    /** The failed documents of {@code url}, once: the page is about to be read into a new document. */
    List<String> takeFailed(String url) {
        List<String> ids = failed.remove(url);
        return ids == null ? List.of() : ids;
    }
}
