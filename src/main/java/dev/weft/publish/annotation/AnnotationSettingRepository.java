package dev.weft.publish.annotation;

import org.springframework.data.jpa.repository.JpaRepository;

/** Annotation reply settings by app id. */
public interface AnnotationSettingRepository extends JpaRepository<AnnotationSetting, String> {}
