package dev.weft.app;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Drafts and published versions of apps. */
public interface AppVersionRepository extends JpaRepository<AppVersion, String> {

    Optional<AppVersion> findByAppIdAndVersion(String appId, int version);

    /** Published versions, newest first. */
    @Query("select v from AppVersion v where v.appId = ?1 and v.version > 0 order by v.version desc")
    List<AppVersion> findPublished(String appId);

    /** The draft's id and last change, without its definition. */
    @Query("select new dev.weft.app.VersionStamp(v.id, v.version, v.updatedAt) from AppVersion v where v.appId = ?1 and v.version = 0")
    Optional<VersionStamp> findDraftStamp(String appId);

    @Query("select coalesce(max(v.version), 0) from AppVersion v where v.appId = ?1")
    int maxVersion(String appId);

    @Modifying
    @Query("delete from AppVersion v where v.appId = ?1")
    int deleteByAppId(String appId);
}
