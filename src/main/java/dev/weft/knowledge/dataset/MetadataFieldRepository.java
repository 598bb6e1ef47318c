package dev.weft.knowledge.dataset;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MetadataFieldRepository extends JpaRepository<MetadataField, String> {

    List<MetadataField> findByDatasetIdOrderByCreatedAtAsc(String datasetId);

    boolean existsByDatasetIdAndName(String datasetId, String name);
}
