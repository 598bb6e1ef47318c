package dev.weft.knowledge.dataset;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface DatasetDocumentRepository extends JpaRepository<DatasetDocument, String> {

    List<DatasetDocument> findByDatasetIdOrderByPositionAsc(String datasetId);

    @Query("select new dev.weft.knowledge.dataset.QueuedDocument(d.id, d.datasetId) from DatasetDocument d "
            + "where d.status in ?1 order by d.queuedAt asc, d.id asc")
    List<QueuedDocument> queued(Collection<DocumentStatus> statuses, Pageable page);

    long countByStatusIn(Collection<DocumentStatus> statuses);

    long countByDatasetId(String datasetId);

    @Query("select coalesce(sum(d.wordCount), 0) from DatasetDocument d where d.datasetId = ?1")
    long wordCount(String datasetId);

    long countByDatasetIdAndStatus(String datasetId, DocumentStatus status);

    @Query("select coalesce(max(d.position), 0) from DatasetDocument d where d.datasetId = ?1")
    int maxPosition(String datasetId);

    @Query("select d.id from DatasetDocument d where d.datasetId = ?1 and (d.enabled = false or d.archived = true)")
    List<String> disabledIds(String datasetId);

    @Query("select new dev.weft.knowledge.dataset.WebImportPage(d.id, d.sourceUrl, d.status) from DatasetDocument d "
            + "where d.webImportId = ?1")
    List<WebImportPage> webImportPages(String importId);

    long countByWebImportIdAndFilePathIsNotNull(String importId);

    long countByWebImportIdAndFilePathIsNull(String importId);

    /** Pages web import {@code importId} turned into documents (they have a stored page). */
    default long pagesImported(String importId) {
        return countByWebImportIdAndFilePathIsNotNull(importId);
    }

    /** Pages web import {@code importId} could not read (kept as failed documents without a stored page). */
    default long pagesFailed(String importId) {
        return countByWebImportIdAndFilePathIsNull(importId);
    }
}
