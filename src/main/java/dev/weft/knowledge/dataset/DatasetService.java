package dev.weft.knowledge.dataset;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.defaults.ModelType;
import dev.weft.security.Account;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, edits and deletes datasets, and decides who may use them: {@code only_me} (the creator),
 * {@code all_team_members} (the workspace), {@code partial_members} (the creator and chosen members); an account acting
 * for a workspace-wide Knowledge API key ({@link Account#reachesWholeWorkspace()}) may use all of its workspace's.
 * Changing the embedding model or the chunk settings puts every document back in the indexing queue. A new dataset
 * without an embedding model or retrieval settings takes the workspace's default embedding model and, when one is
 * set, its default rerank model ({@link DefaultModelService}).
 */
@Service
@Transactional
public class DatasetService {

    static final int MAX_NAME_LENGTH = 255;

    private final DatasetRepository datasets;
    private final DatasetDocumentRepository documents;
    private final DatasetMembers members;
    private final KnowledgeIndexes indexes;
    private final SourceFileStore files;
    private final EmbeddingModels embeddingModels;
    private final ApplicationEventPublisher events;
    private final DefaultModelService defaultModels;

    public DatasetService(DatasetRepository datasets, DatasetDocumentRepository documents, DatasetMembers members,
            KnowledgeIndexes indexes, SourceFileStore files, EmbeddingModels embeddingModels,
            ApplicationEventPublisher events, DefaultModelService defaultModels) {
        this.datasets = datasets;
        this.documents = documents;
        this.members = members;
        this.indexes = indexes;
        this.files = files;
        this.embeddingModels = embeddingModels;
        this.events = events;
        this.defaultModels = defaultModels;
    }

    /** What a new dataset or an edit sets; null fields take the defaults (create) or keep their value (update). */
    public record DatasetDraft(String name, String description, String permission, List<String> memberIds,
            String embeddingModel, ChunkSettings chunkSettings, RetrievalSettings retrievalSettings) {}

    public Dataset create(Account creator, DatasetDraft draft) {
        String name = checkName(draft.name());
        if (datasets.existsByWorkspaceIdAndNameIgnoreCase(creator.getWorkspaceId(), name)) {
            throw new IllegalArgumentException("a knowledge base named '" + name + "' already exists; choose another name");
        }
        String model = draft.embeddingModel() == null || draft.embeddingModel().isBlank()
                ? defaultModels.embeddingModelId(creator.getWorkspaceId()) : draft.embeddingModel();
        checkModel(model);
        Dataset dataset = datasets.save(new Dataset(creator.getWorkspaceId(), name, draft.description(),
                DatasetPermission.of(draft.permission()), model,
                draft.chunkSettings() == null ? ChunkSettings.DEFAULT : draft.chunkSettings(),
                draft.retrievalSettings() == null ? defaultRetrieval(creator.getWorkspaceId()) : draft.retrievalSettings(),
                creator.getId()));
        members.replace(dataset.getId(), draft.memberIds());
        return dataset;
    }

    @Transactional(readOnly = true)
    public List<Dataset> listVisible(Account viewer) {
        return datasets.findByWorkspaceIdOrderByUpdatedAtDesc(viewer.getWorkspaceId()).stream()
                .filter(d -> canUse(d, viewer))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<Dataset> find(String datasetId) {
        return datasetId == null ? Optional.empty() : datasets.findById(datasetId);
    }

    /** The dataset if the viewer may use it. */
    @Transactional(readOnly = true)
    public Dataset get(Account viewer, String datasetId) {
        return find(datasetId).filter(d -> canUse(d, viewer))
                .orElseThrow(() -> new DatasetNotFoundException("no knowledge base with id '" + datasetId + "'"));
    }

    @Transactional(readOnly = true)
    public boolean canUse(Dataset dataset, Account viewer) {
        if (!dataset.getWorkspaceId().equals(viewer.getWorkspaceId())) {
            return false;
        }
        if (viewer.reachesWholeWorkspace()) {
            return true;
        }
        return switch (dataset.getPermission()) {
            case ALL_TEAM_MEMBERS -> true;
            case ONLY_ME -> viewer.getId().equals(dataset.getCreatedBy());
            case PARTIAL_MEMBERS -> viewer.getId().equals(dataset.getCreatedBy())
                    || members.ids(dataset.getId()).contains(viewer.getId());
        };
    }

    @Transactional(readOnly = true)
    public List<String> memberIds(String datasetId) {
        return members.ids(datasetId);
    }

    public Dataset update(Account editor, String datasetId, DatasetDraft draft) {
        Dataset dataset = get(editor, datasetId);
        if (draft.name() != null || draft.description() != null) {
            String name = draft.name() == null ? dataset.getName() : checkName(draft.name());
            if (!name.equalsIgnoreCase(dataset.getName())
                    && datasets.existsByWorkspaceIdAndNameIgnoreCase(dataset.getWorkspaceId(), name)) {
                throw new IllegalArgumentException("a knowledge base named '" + name + "' already exists; choose another name");
            }
            dataset.rename(name, draft.description() == null ? dataset.getDescription() : draft.description());
        }
        if (draft.permission() != null) {
            if (!editor.getId().equals(dataset.getCreatedBy()) && dataset.getPermission() != DatasetPermission.of(draft.permission())) {
                throw new IllegalArgumentException("only the creator of a knowledge base can change who may use it");
            }
            dataset.setPermission(DatasetPermission.of(draft.permission()));
        }
        if (draft.memberIds() != null) {
            members.replace(dataset.getId(), draft.memberIds());
        }
        if (draft.retrievalSettings() != null) {
            dataset.setRetrievalSettings(draft.retrievalSettings());
        }
        boolean reindex = false;
        if (draft.embeddingModel() != null && !draft.embeddingModel().isBlank()
                && !draft.embeddingModel().equals(dataset.getEmbeddingModel())) {
            checkModel(draft.embeddingModel());
            dataset.setEmbeddingModel(draft.embeddingModel());
            reindex = true;
        }
        if (draft.chunkSettings() != null && !draft.chunkSettings().equals(dataset.getChunkSettings())) {
            dataset.setChunkSettings(draft.chunkSettings());
            reindex = true;
        }
        Dataset saved = datasets.save(dataset);
        if (reindex) {
            reindexAll(saved);
        }
        return saved;
    }

    /** Every document back to the queue, on a new empty index (another model means other vectors). */
    private void reindexAll(Dataset dataset) {
        events.publishEvent(new DatasetIndexDropping(dataset.getId())); // workers on its documents stop first
        indexes.drop(dataset.getId());
        for (DatasetDocument doc : documents.findByDatasetIdOrderByPositionAsc(dataset.getId())) {
            if (doc.getFilePath() != null) {
                doc.requeue();
            }
        }
        events.publishEvent(new IndexingQueued(dataset.getId()));
    }

    /** Deletes the dataset with its documents, chunks, index and stored files. */
    public void delete(Account editor, String datasetId) {
        Dataset dataset = get(editor, datasetId);
        events.publishEvent(new DatasetIndexDropping(dataset.getId()));
        datasets.delete(dataset);
        datasets.flush();
        indexes.drop(dataset.getId());
        files.deleteDataset(dataset.getId());
    }

    /** Weft's default retrieval settings, reranked by the workspace's default rerank model when it has one. */
    private RetrievalSettings defaultRetrieval(String workspaceId) {
        RetrievalSettings d = RetrievalSettings.DEFAULT;
        return defaultModels.get(workspaceId, ModelType.RERANK)
                .map(r -> new RetrievalSettings(d.method(), d.topK(), d.scoreThreshold(), d.fusion(), d.vectorWeight(),
                        d.keywordWeight(), d.rrfK(), new RetrievalSettings.RerankModelRef(r.providerId(), r.model()),
                        d.filter()))
                .orElse(d);
    }

    private void checkModel(String model) {
        if (!embeddingModels.localIds().contains(model) && !model.matches("provider:[^/]+/.+")) {
            throw new IllegalArgumentException("unknown embedding model '" + model + "'; choose one of "
                    + embeddingModels.localIds() + " or provider:<provider id>/<model>");
        }
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the knowledge base name is required");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the knowledge base name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }
}
