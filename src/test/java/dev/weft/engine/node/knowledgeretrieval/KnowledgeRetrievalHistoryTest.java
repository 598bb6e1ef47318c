package dev.weft.engine.node.knowledgeretrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DatasetQueryHistory;
import dev.weft.knowledge.dataset.DatasetQuerySource;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.retrieve.RetrievalMethod;
import dev.weft.run.RunRecordWriter;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A knowledge retrieval node's search goes into each searched dataset's history with source {@code app}, the app,
 * the run and the end user who ran it, written by the run record writer: the node returns while the writer is held
 * up, and the record appears once the writer has caught up.
 */
@SpringBootTest
class KnowledgeRetrievalHistoryTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("retrieval-history").toString());
    }

    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;
    @Autowired DatasetQueryHistory history;
    @Autowired KnowledgeRetrievalNode node;
    @Autowired RunRecordWriter writer;

    @Test
    void the_node_records_its_search_per_dataset_off_its_own_thread() throws Exception {
        Account owner = accounts.createOwner("Nodes", "nodes@example.com", "Owner", "correct horse battery");
        Dataset policies = indexed(owner, "Policies", "refunds.md", "# Refunds\n\nCustomers can return unopened items "
                + "within 30 days for a full refund.");
        Dataset shipping = indexed(owner, "Shipping", "shipping.md", "# Shipping\n\nStandard shipping takes 3 to 5 "
                + "business days.");
        App app = apps.create(owner.getWorkspaceId(), "Support bot", AppMode.WORKFLOW, null, owner.getId());
        String runId = UUID.randomUUID().toString();
        StubNodeContext ctx = new StubNodeContext("kr") {
            @Override public String appId() { return app.getId(); }
            @Override public String runId() { return runId; }
        };
        ctx.pool.put("sys", "query", "how many days for a refund?");
        ctx.pool.put("sys", "user_id", "customer-7");
        KnowledgeRetrievalConfig config = new KnowledgeRetrievalConfig(List.of("sys", "query"),
                List.of(policies.getId(), shipping.getId()), "multiple",
                new KnowledgeRetrievalConfig.MultipleRetrievalConfig(1, null, false, null, null, null), null, null, null);

        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.submit(RunRecordWriter.Phase.UPDATE, "a write that holds the writer up", s -> {
            writerHeld.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        NodeResult result;
        try {
            assertThat(writerHeld.await(10, TimeUnit.SECONDS)).as("the writer took the holding write").isTrue();
            result = node.execute(config, ctx);
            assertThat(history.page(owner, policies.getId(), 1, 10).getTotalElements())
                    .as("nothing is written on the node's thread").isZero();
        } finally {
            release.countDown();
        }
        writer.barrier().get(10, TimeUnit.SECONDS);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) result.outputs().get("result");
        assertThat(items).singleElement().satisfies(i -> assertThat((String) i.get("content")).contains("30 days"));
        DatasetQuery found = history.page(owner, policies.getId(), 1, 10).getContent().getFirst();
        DatasetQuery missed = history.page(owner, shipping.getId(), 1, 10).getContent().getFirst();
        for (DatasetQuery record : List.of(found, missed)) {
            assertThat(record.getSource()).isEqualTo(DatasetQuerySource.APP);
            assertThat(record.getContent()).isEqualTo("how many days for a refund?");
            assertThat(record.getSourceAppId()).isEqualTo(app.getId());
            assertThat(record.getSourceRunId()).isEqualTo(runId);
            assertThat(record.getCreatedBy()).as("the run's sys.user_id").isEqualTo("customer-7");
            assertThat(record.getCreatedByRole()).isEqualTo("end_user");
            assertThat(record.getRetrievalSettings().topK()).isEqualTo(1);
            assertThat(record.getRetrievalSettings().method()).isEqualTo(RetrievalMethod.HYBRID_SEARCH);
        }
        assertThat(found.getHitCount()).isEqualTo(1);
        assertThat(missed.getHitCount()).isZero();
    }

    private Dataset indexed(Account owner, String name, String file, String text) throws InterruptedException {
        Dataset dataset = datasets.create(owner, new DatasetService.DatasetDraft(name, null, null, null,
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));
        documents.addText(owner, dataset.getId(), file, text);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (documents.list(owner, dataset.getId()).stream().anyMatch(d -> d.getStatus() != DocumentStatus.COMPLETED)) {
            assertThat(System.nanoTime()).as("documents indexed in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        return dataset;
    }
}
