package dev.weft.knowledge.job;

import dev.weft.WeftApplication;
import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.CleaningRules;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.DatasetRepository;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentChunkRepository;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import java.util.List;
import java.util.Random;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Weft process of {@link IndexingCrashTest}, run in its own JVM so the test can kill it with SIGKILL.
 * {@code populate <dataDir>}: starts Weft, adds 200 documents and prints progress lines until they are indexed
 * (the test kills it midway). {@code resume <dataDir>}: starts Weft on the same data and waits for the queue to
 * empty, then prints the counts and exits.
 */
public final class CrashTestIndexerMain {

    static final int DOCUMENTS = 200;
    static final String DATASET = "crash-test";

    private CrashTestIndexerMain() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(2); // the web server's threads would keep a failed run alive
        }
    }

    private static void run(String[] args) throws Exception {
        String mode = args[0];
        String dataDir = args[1];
        SpringApplication app = new SpringApplication(WeftApplication.class);
        // command-line properties: they win over application.properties (default properties would not)
        ConfigurableApplicationContext ctx = app.run("--weft.data-dir=" + dataDir, "--server.port=0",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        DatasetRepository datasets = ctx.getBean(DatasetRepository.class);
        DatasetDocumentRepository documents = ctx.getBean(DatasetDocumentRepository.class);
        if (mode.equals("populate")) {
            Account owner = ctx.getBean(AccountService.class).createOwner("Crash", "crash@example.com", "Crash", "crash-test-pw-1");
            ChunkSettings chunks = new ChunkSettings(ChunkSettings.Mode.GENERAL, "\n\n", 96, 16, null, null, 0,
                    CleaningRules.DEFAULT);
            Dataset dataset = ctx.getBean(DatasetService.class).create(owner, new DatasetService.DatasetDraft(DATASET,
                    null, "only_me", null, LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, chunks, null));
            DocumentService service = ctx.getBean(DocumentService.class);
            for (int i = 0; i < DOCUMENTS; i++) {
                service.addText(owner, dataset.getId(), "doc-" + i, text(i));
            }
            System.out.println("ADDED " + DOCUMENTS);
        }
        Dataset dataset = datasets.findAll().stream().filter(d -> d.getName().equals(DATASET)).findFirst().orElseThrow();
        while (true) {
            List<DatasetDocument> docs = documents.findByDatasetIdOrderByPositionAsc(dataset.getId());
            long completed = docs.stream().filter(d -> d.getStatus() == DocumentStatus.COMPLETED).count();
            long failed = docs.stream().filter(d -> d.getStatus() == DocumentStatus.ERROR).count();
            System.out.println("PROGRESS completed=" + completed + " failed=" + failed);
            if (completed + failed == docs.size()) {
                long dbChunks = ctx.getBean(DocumentChunkRepository.class).count();
                int indexChunks = ctx.getBean(KnowledgeIndexes.class).get(dataset.getId()).chunkCount();
                long distinctIndexed = docs.stream().mapToLong(d -> ctx.getBean(KnowledgeIndexes.class)
                        .get(dataset.getId()).documentChunkCount(d.getId())).sum();
                System.out.println("DONE documents=" + docs.size() + " completed=" + completed + " failed=" + failed
                        + " dbChunks=" + dbChunks + " indexChunks=" + indexChunks + " perDocumentSum=" + distinctIndexed);
                System.out.flush();
                ctx.close();
                System.exit(0);
            }
            Thread.sleep(50);
        }
    }

    /** Deterministic text of document i: paragraphs of pseudo-words, about 5 chunks of 96 tokens. */
    static String text(int i) {
        Random random = new Random(i);
        String[] words = {"ledger", "account", "balance", "payment", "settlement", "risk", "patient", "record",
                "clinical", "audit", "policy", "claim", "invoice", "transfer", "compliance", "report", "review",
                "quarter", "margin", "exposure", "consent", "treatment", "dosage", "trial", "outcome"};
        StringBuilder sb = new StringBuilder("# Document " + i + "\n\n");
        for (int p = 0; p < 6; p++) {
            for (int w = 0; w < 55; w++) {
                sb.append(words[random.nextInt(words.length)]).append(w % 11 == 10 ? ". " : " ");
            }
            sb.append("item ").append(i).append('-').append(p).append(".\n\n");
        }
        return sb.toString();
    }
}
