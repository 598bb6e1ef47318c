package dev.weft.knowledge.webimport;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface WebImportRepository extends JpaRepository<WebImport, String> {

    List<WebImport> findByDatasetIdOrderByStartedAtDesc(String datasetId, Pageable page);

    List<WebImport> findByStatus(WebImportStatus status);

    @Transactional
    @Modifying
    @Query("update WebImport w set w.pagesAdded = ?2, w.pagesFailed = ?3, w.pagesSkipped = ?4, w.updatedAt = ?5 "
            + "where w.id = ?1 and w.status = ?6")
    int countsWhile(String id, int added, int failed, int skipped, Instant at, WebImportStatus status);

    /** A running import's counts, in one statement; 0 when the import is gone (its dataset was deleted) or ended. */
    default int progress(String id, PageCounts counts) {
        return countsWhile(id, counts.added(), counts.failed(), counts.skipped(), Instant.now(), WebImportStatus.RUNNING);
    }
}
