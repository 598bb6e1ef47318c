package dev.weft.knowledge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.retrieve.RetrievalMethod;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Retrieval tests leave a record in the dataset's history (query, settings, who, when, hits, time), read back newest
 * first a page at a time; deleting the dataset deletes them. Real H2, Lucene and the small ONNX model.
 */
@SpringBootTest
class DatasetQueryHistoryTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("query-history").toString());
    }

    @Autowired AccountService accounts;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;
    @Autowired HitTestingService hitTesting;
    @Autowired DatasetQueryHistory history;
    @Autowired DatasetQueryRepository rows;

    Account owner;
    Dataset dataset;

    @BeforeEach
    void indexedDataset() throws InterruptedException {
        owner = accounts.hasAccounts()
                ? accounts.findByEmail("history@example.com").orElseThrow()
                : accounts.createOwner("History", "history@example.com", "Owner", "correct horse battery");
        dataset = datasets.create(owner, new DatasetService.DatasetDraft("Handbook " + UUID.randomUUID(), null, null,
                null, LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        documents.addText(owner, dataset.getId(), "leave.md", "# Leave\n\nEvery employee gets 28 days of paid leave per "
                + "year. Unused days carry over until March.");
        documents.addText(owner, dataset.getId(), "laptops.md", "# Laptops\n\nLaptops must use full-disk encryption. "
                + "Report a lost device to the security desk within one hour.");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (documents.list(owner, dataset.getId()).stream().anyMatch(d -> d.getStatus() != DocumentStatus.COMPLETED)) {
            assertThat(System.nanoTime()).as("documents indexed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void a_retrieval_test_is_recorded_with_its_query_settings_author_hits_and_time() {
        Instant before = Instant.now();
        RetrievalSettings settings = new RetrievalSettings(RetrievalMethod.FULL_TEXT_SEARCH, 3, 0.05, null, 0, 0, 0,
                null, null);
        HitTestingService.Result result = hitTesting.test(owner, dataset.getId(), "  paid leave days ", settings);
        assertThat(result.hits()).isNotEmpty();

        Page<DatasetQuery> page = history.page(owner, dataset.getId(), 1, 20);
        assertThat(page.getTotalElements()).isEqualTo(1);
        DatasetQuery record = page.getContent().getFirst();
        assertThat(record.getContent()).isEqualTo("paid leave days");
        assertThat(record.getSource()).isEqualTo(DatasetQuerySource.HIT_TESTING);
        assertThat(record.getCreatedBy()).isEqualTo(owner.getId());
        assertThat(record.getSourceAppId()).isNull();
        assertThat(record.getHitCount()).isEqualTo(result.hits().size());
        assertThat(record.getElapsedMs()).isEqualTo(result.elapsedMillis());
        assertThat(record.getCreatedAt()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(record.getRetrievalSettings()).isEqualTo(settings);
    }

    @Test
    void without_an_override_the_dataset_settings_are_recorded_and_a_miss_counts_zero_hits() {
        hitTesting.test(owner, dataset.getId(), "zebras in the orangery", new RetrievalSettings(
                RetrievalMethod.FULL_TEXT_SEARCH, 2, null, null, 0, 0, 0, null, null));
        hitTesting.test(owner, dataset.getId(), "lost laptop", null);

        List<DatasetQuery> records = history.page(owner, dataset.getId(), 1, 20).getContent();
        assertThat(records).extracting(DatasetQuery::getContent).containsExactly("lost laptop", "zebras in the orangery");
        assertThat(records.get(0).getRetrievalSettings()).isEqualTo(dataset.getRetrievalSettings());
        assertThat(records.get(0).getHitCount()).isPositive();
        assertThat(records.get(1).getHitCount()).isZero();
    }

    @Test
    void history_pages_newest_first() {
        for (int i = 1; i <= 5; i++) {
            hitTesting.test(owner, dataset.getId(), "question " + i, null);
        }
        Page<DatasetQuery> first = history.page(owner, dataset.getId(), 1, 2);
        Page<DatasetQuery> third = history.page(owner, dataset.getId(), 3, 2);

        assertThat(first.getTotalElements()).isEqualTo(5);
        assertThat(first.getTotalPages()).isEqualTo(3);
        assertThat(first.getContent()).extracting(DatasetQuery::getContent).containsExactly("question 5", "question 4");
        assertThat(history.page(owner, dataset.getId(), 2, 2).getContent()).extracting(DatasetQuery::getContent)
                .containsExactly("question 3", "question 2");
        assertThat(third.getContent()).extracting(DatasetQuery::getContent).containsExactly("question 1");
        assertThat(third.hasNext()).isFalse();
        assertThatThrownBy(() -> history.page(owner, dataset.getId(), 0, 2)).hasMessageContaining("page must be 1 or more");
        assertThatThrownBy(() -> history.page(owner, dataset.getId(), 1, DatasetQueryHistory.MAX_PAGE_SIZE + 1))
                .hasMessageContaining("limit must be from 1 to 100");
    }

    @Test
    void deleting_the_dataset_deletes_its_history_and_leaves_other_datasets_history() {
        Dataset other = datasets.create(owner, new DatasetService.DatasetDraft("Other " + UUID.randomUUID(), null, null,
                null, LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        hitTesting.test(owner, dataset.getId(), "paid leave", null);
        hitTesting.test(owner, other.getId(), "paid leave", null);
        assertThat(rows.findByDatasetId(dataset.getId(), PageRequest.of(0, 10))).hasSize(1);

        datasets.delete(owner, dataset.getId());

        assertThat(rows.findByDatasetId(dataset.getId(), PageRequest.of(0, 10))).isEmpty();
        assertThat(rows.findByDatasetId(other.getId(), PageRequest.of(0, 10))).hasSize(1);
        assertThatThrownBy(() -> history.page(owner, dataset.getId(), 1, 20)).isInstanceOf(DatasetNotFoundException.class);
    }
}
