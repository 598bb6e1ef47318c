package dev.weft.publish.annotation;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Annotations of apps. */
public interface AppAnnotationRepository extends JpaRepository<AppAnnotation, String> {

    Page<AppAnnotation> findByAppIdOrderByCreatedAtDescIdDesc(String appId, Pageable page);

    @Query("""
            select a from AppAnnotation a where a.appId = :appId
             and (lower(a.question) like :like escape '\\' or lower(a.answer) like :like escape '\\')
             order by a.createdAt desc, a.id desc""")
    Page<AppAnnotation> search(@Param("appId") String appId, @Param("like") String like, Pageable page);

    List<AppAnnotation> findByAppId(String appId);

    @Modifying
    @Query("update AppAnnotation a set a.hitCount = a.hitCount + 1 where a.id = :id")
    int countHit(@Param("id") String id);
}
