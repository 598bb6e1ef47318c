package dev.weft.knowledge.index;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The datasets' Lucene indexes, one directory per dataset under the root ({@code weft.knowledge.index-dir},
 * by default {@code ${weft.data-dir}/knowledge/index}). An index is opened on first use, kept open and shared,
 * and closed on shutdown; closing drops what was not committed (see {@link DatasetIndex}).
 */
@Component
public class KnowledgeIndexes implements AutoCloseable {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final IndexTuning tuning;
    private final Map<String, DatasetIndex> open = new ConcurrentHashMap<>();
    /** Searches one query's segments in parallel; shared by all indexes, one thread per core. */
    private final ExecutorService searchThreads = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), Thread.ofPlatform().name("weft-search-", 0).daemon().factory());

    @Autowired
    public KnowledgeIndexes(@Value("${weft.knowledge.index-dir:${weft.data-dir:./data}/knowledge/index}") Path root) {
        this(root, IndexTuning.DEFAULT);
    }

    public KnowledgeIndexes(Path root, IndexTuning tuning) {
        this.root = root.toAbsolutePath().normalize();
        this.tuning = tuning;
    }

    public Path root() {
        return root;
    }

    /** The dataset's index, created empty when it does not exist yet. */
    public DatasetIndex get(String datasetId) {
        Path dir = directory(datasetId);
        return open.computeIfAbsent(datasetId, id -> {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the index directory " + dir, e);
            }
            return DatasetIndex.open(dir, tuning, searchThreads);
        });
    }

    /** Closes and deletes the dataset's index. */
    public void drop(String datasetId) {
        Path dir = directory(datasetId);
        open.compute(datasetId, (id, index) -> {
            if (index != null) {
                index.close();
            }
            deleteTree(dir);
            return null;
        });
    }

    /** Closes every open index without committing. */
    @PreDestroy
    @Override
    public void close() {
        searchThreads.shutdown();
        RuntimeException first = null;
        for (String id : open.keySet()) {
            DatasetIndex index = open.remove(id);
            if (index != null) {
                try {
                    index.close();
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Path directory(String datasetId) {
        if (datasetId == null || !SAFE_ID.matcher(datasetId).matches() || datasetId.contains("..")) {
            throw new IllegalArgumentException("'" + datasetId + "' is not a valid dataset id for an index directory"
                    + " (letters, digits, '.', '_' and '-', at most 128, not starting with a symbol)");
        }
        return root.resolve(datasetId);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the index directory " + dir, e);
        }
    }
}
