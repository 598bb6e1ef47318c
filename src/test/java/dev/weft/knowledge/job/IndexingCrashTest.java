package dev.weft.knowledge.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.support.TestDataDirs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Starts Weft in a child JVM indexing 200 documents, kills it with SIGKILL midway, starts it again on the same data
 * directory, and checks that every document completes with exactly the chunks of an uninterrupted run, in the
 * database and in the Lucene index.
 */
class IndexingCrashTest {

    private static final Pattern PROGRESS = Pattern.compile("PROGRESS completed=(\\d+) failed=(\\d+)");
    private static final Pattern DONE = Pattern.compile(
            "DONE documents=(\\d+) completed=(\\d+) failed=(\\d+) dbChunks=(\\d+) indexChunks=(\\d+) perDocumentSum=(\\d+)");

    @Test
    void killedMidwayResumesWithoutLossOrDuplicates() throws Exception {
        Map<String, Long> clean = runToEnd("populate", TestDataDirs.create("crash-clean"));
        assertThat(clean.get("completed")).isEqualTo(CrashTestIndexerMain.DOCUMENTS);
        assertThat(clean.get("dbChunks")).isGreaterThan(CrashTestIndexerMain.DOCUMENTS * 4L);
        assertThat(clean.get("indexChunks")).isEqualTo(clean.get("dbChunks"));

        Path crashed = TestDataDirs.create("crash-killed");
        Process child = start("populate", crashed);
        long completedAtKill = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean added = false;
            while ((line = out.readLine()) != null) {
                added |= line.startsWith("ADDED ");
                Matcher m = PROGRESS.matcher(line);
                if (added && m.find() && Long.parseLong(m.group(1)) >= 20) {
                    completedAtKill = Long.parseLong(m.group(1));
                    child.destroyForcibly(); // SIGKILL: no shutdown hooks, no Lucene or H2 close
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(completedAtKill).as("killed while indexing").isBetween(20L, CrashTestIndexerMain.DOCUMENTS - 20L);

        Map<String, Long> resumed = runToEnd("resume", crashed);
        System.out.printf("crash test: clean run %s; killed at %d of %d completed; after restart %s%n", clean,
                completedAtKill, CrashTestIndexerMain.DOCUMENTS, resumed);
        assertThat(resumed.get("documents")).isEqualTo(CrashTestIndexerMain.DOCUMENTS);
        assertThat(resumed.get("completed")).isEqualTo(CrashTestIndexerMain.DOCUMENTS);
        assertThat(resumed.get("failed")).isZero();
        assertThat(resumed.get("dbChunks")).isEqualTo(clean.get("dbChunks"));
        assertThat(resumed.get("indexChunks")).isEqualTo(clean.get("indexChunks"));
        assertThat(resumed.get("perDocumentSum")).isEqualTo(clean.get("indexChunks"));
    }

    private static Map<String, Long> runToEnd(String mode, Path dataDir) throws Exception {
        Process child = start(mode, dataDir);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                Matcher m = DONE.matcher(line);
                if (m.find()) {
                    child.waitFor(60, TimeUnit.SECONDS);
                    return Map.of("documents", Long.parseLong(m.group(1)), "completed", Long.parseLong(m.group(2)),
                            "failed", Long.parseLong(m.group(3)), "dbChunks", Long.parseLong(m.group(4)),
                            "indexChunks", Long.parseLong(m.group(5)), "perDocumentSum", Long.parseLong(m.group(6)));
                }
            }
        } finally {
            child.destroyForcibly();
        }
        throw new AssertionError("the Weft process ended without its counts; its output:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
    }

    private static Process start(String mode, Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), CrashTestIndexerMain.class.getName(), mode,
                dataDir.toString());
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
