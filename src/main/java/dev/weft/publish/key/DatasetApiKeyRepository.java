package dev.weft.publish.key;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Knowledge API keys. */
public interface DatasetApiKeyRepository extends JpaRepository<DatasetApiKey, String> {

    List<DatasetApiKey> findByWorkspaceIdOrderByCreatedAtAsc(String workspaceId);

    long countByWorkspaceId(String workspaceId);

    Optional<DatasetApiKey> findByTokenHash(String tokenHash);

    /** Moves {@code last_used_at} forward, never back. */
    @Modifying
    @Query("update DatasetApiKey k set k.lastUsedAt = :at where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :at)")
    int touch(@Param("id") String id, @Param("at") Instant at);
}
