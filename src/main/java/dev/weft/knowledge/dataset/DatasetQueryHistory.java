package dev.weft.knowledge.dataset;

import dev.weft.security.Account;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A dataset's retrieval history, newest first, a page at a time, for those who may use the dataset. */
@Service
@Transactional(readOnly = true)
public class DatasetQueryHistory {

    public static final int MAX_PAGE_SIZE = 100;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final DatasetService datasets;
    private final DatasetQueryRepository queries;

    public DatasetQueryHistory(DatasetService datasets, DatasetQueryRepository queries) {
        this.datasets = datasets;
        this.queries = queries;
    }

    /** Page {@code page} (from 1) of {@code limit} records (1 to {@value #MAX_PAGE_SIZE}). */
    public Page<DatasetQuery> page(Account viewer, String datasetId, int page, int limit) {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE_SIZE + ", got " + limit);
        }
        Dataset dataset = datasets.get(viewer, datasetId);
        return queries.findByDatasetId(dataset.getId(), PageRequest.of(page - 1, limit, NEWEST_FIRST));
    }
}
