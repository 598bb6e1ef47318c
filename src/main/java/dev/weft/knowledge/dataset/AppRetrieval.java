package dev.weft.knowledge.dataset;

import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.knowledge.retrieve.RetrievedChunk;
import java.util.List;

/**
 * One search made by an app's knowledge retrieval node across {@code datasetIds}: the query, the settings it ran
 * with, how long it took and the hits, ranked together across the datasets, and who ran the app: {@code user} is
 * the run's {@code sys.user_id}, an end user's identifier ({@code userRole} {@code end_user}) or a console account
 * debugging the app ({@code account}).
 */
public record AppRetrieval(String appId, String runId, String query, RetrievalSettings settings, long elapsedMs,
        List<String> datasetIds, List<RetrievedChunk> hits, String user, String userRole) {

    public AppRetrieval {
        datasetIds = List.copyOf(datasetIds);
        hits = List.copyOf(hits);
    }

    /** One history record per dataset searched, each counting that dataset's hits (Dify keeps one per dataset too). */
    public List<DatasetQuery> records() {
        return datasetIds.stream().map(datasetId -> DatasetQuery.app(datasetId, query, settings,
                (int) hits.stream().filter(h -> h.datasetId().equals(datasetId)).count(), elapsedMs, appId, runId,
                user, userRole))
                .toList();
    }
}
