package dev.weft.model.catalog;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface ModelCatalogEntryRepository extends JpaRepository<ModelCatalogEntry, ModelCatalogEntry.Key> {

    List<ModelCatalogEntry> findByWorkspaceId(String workspaceId);
}
