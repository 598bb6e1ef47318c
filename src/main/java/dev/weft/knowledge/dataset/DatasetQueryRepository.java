package dev.weft.knowledge.dataset;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DatasetQueryRepository extends JpaRepository<DatasetQuery, String> {

    Page<DatasetQuery> findByDatasetId(String datasetId, Pageable page);
}
