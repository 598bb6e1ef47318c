package dev.weft.knowledge.dataset;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DatasetRepository extends JpaRepository<Dataset, String> {

    List<Dataset> findByWorkspaceIdOrderByUpdatedAtDesc(String workspaceId);

    boolean existsByWorkspaceIdAndNameIgnoreCase(String workspaceId, String name);
}
