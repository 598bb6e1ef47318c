package dev.weft.publish.annotation;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The record of annotation replies. */
public interface AnnotationHitRepository extends JpaRepository<AnnotationHit, String> {

    List<AnnotationHit> findByAnnotationIdOrderByCreatedAtAsc(String annotationId);
}
