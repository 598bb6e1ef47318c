package dev.weft.model.defaults;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface WorkspaceDefaultModelRepository extends JpaRepository<WorkspaceDefaultModel, String> {

    Optional<WorkspaceDefaultModel> findByWorkspaceIdAndModelType(String workspaceId, String modelType);

    List<WorkspaceDefaultModel> findByWorkspaceId(String workspaceId);

    List<WorkspaceDefaultModel> findByProviderId(String providerId);
}
