package dev.weft.run;

import dev.weft.knowledge.dataset.AppRetrieval;
import dev.weft.knowledge.dataset.AppRetrievalLog;
import dev.weft.knowledge.dataset.DatasetQuery;
import org.springframework.stereotype.Component;

/**
 * Writes apps' retrievals to the datasets' history through the {@link RunRecordWriter}, with the run records: the
 * node only queues them, and the rows are built and inserted on the writer's thread. A dataset deleted meanwhile
 * loses its row, with a warning.
 */
@Component
class QueuedAppRetrievalLog implements AppRetrievalLog {

    private final RunRecordWriter writer;

    QueuedAppRetrievalLog(RunRecordWriter writer) {
        this.writer = writer;
    }

    @Override
    public void record(AppRetrieval retrieval) {
        writer.submit(RunRecordWriter.Phase.INSERT_DATASET_QUERY, "retrieval of run " + retrieval.runId()
                + " in knowledge bases " + retrieval.datasetIds(), session -> {
                    for (DatasetQuery row : retrieval.records()) {
                        session.insert(row);
                    }
                });
    }
}
