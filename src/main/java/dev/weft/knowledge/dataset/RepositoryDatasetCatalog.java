package dev.weft.knowledge.dataset;

import dev.weft.knowledge.retrieve.DatasetCatalog;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Retrieval's view of the datasets table. */
@Component
class RepositoryDatasetCatalog implements DatasetCatalog {

    private final DatasetRepository datasets;

    RepositoryDatasetCatalog(DatasetRepository datasets) {
        this.datasets = datasets;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<DatasetInfo> find(String datasetId) {
        return datasets.findById(datasetId).map(d -> new DatasetInfo(d.getId(), d.getName(), d.getEmbeddingModel()));
    }
}
