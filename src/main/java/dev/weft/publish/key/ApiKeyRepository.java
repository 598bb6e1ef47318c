package dev.weft.publish.key;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.query.Param;

/** The queries every kind of API key needs; {@link AppApiKeyRepository} and {@link DatasetApiKeyRepository} are its tables. */
@NoRepositoryBean
public interface ApiKeyRepository<K extends StoredApiKey> extends JpaRepository<K, String> {

    List<K> findByOwnerIdOrderByCreatedAtAsc(String ownerId);

    long countByOwnerId(String ownerId);

    Optional<K> findByTokenHash(String tokenHash);

    /** Moves {@code last_used_at} forward, never back. */
    @Modifying
    @Query("update #{#entityName} k set k.lastUsedAt = :at where k.id = :id and (k.lastUsedAt is null or k.lastUsedAt < :at)")
    int touch(@Param("id") String id, @Param("at") Instant at);
}
