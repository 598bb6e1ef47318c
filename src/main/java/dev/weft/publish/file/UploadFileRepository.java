package dev.weft.publish.file;

import org.springframework.data.jpa.repository.JpaRepository;

/** Uploaded files. */
public interface UploadFileRepository extends JpaRepository<UploadFile, String> {}
