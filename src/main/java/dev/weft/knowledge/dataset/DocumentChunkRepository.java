package dev.weft.knowledge.dataset;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface DocumentChunkRepository extends JpaRepository<DocumentChunk, String> {

    List<DocumentChunk> findByDocumentIdOrderByKindAscPositionAsc(String documentId);

    Page<DocumentChunk> findByDocumentIdAndKindInOrderByPositionAsc(String documentId, Collection<ChunkKind> kinds,
            Pageable page);

    List<DocumentChunk> findByDocumentIdAndIndexedFalseAndPositionGreaterThanOrderByPositionAsc(String documentId,
            int position, Pageable page);

    List<DocumentChunk> findByParentIdOrderByPositionAsc(String parentId);

    @Query("select coalesce(max(c.position), -1) from DocumentChunk c where c.documentId = ?1 and c.kind in ?2")
    int maxPosition(String documentId, Collection<ChunkKind> kinds);

    List<DocumentChunk> findByIdIn(Collection<String> ids);

    long countByDocumentIdAndKindIn(String documentId, Collection<ChunkKind> kinds);

    long countByDocumentIdAndKindInAndIndexedTrue(String documentId, Collection<ChunkKind> kinds);

    long countByDatasetIdAndKindIn(String datasetId, Collection<ChunkKind> kinds);

    @Query("select coalesce(sum(c.hitCount), 0) from DocumentChunk c where c.documentId = ?1")
    long hitCount(String documentId);

    @Modifying
    @Query("delete from DocumentChunk c where c.documentId = ?1")
    int deleteByDocumentId(String documentId);

    @Modifying
    @Query("update DocumentChunk c set c.indexed = true where c.id in ?1")
    int markIndexed(Collection<String> ids);

    @Modifying
    @Query("update DocumentChunk c set c.hitCount = c.hitCount + 1 where c.id in ?1")
    int countHits(Collection<String> ids);
}
