package dev.weft.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every document of the shared sample set ({@code ../shared/data/docs/MANIFEST.tsv}) through the real parser:
 * {@code ok} rows must give text, {@code error: ...} rows must fail with a reason that names the file and says what
 * kind of problem it is, {@code ok or error: ...} rows may do either but an error needs a reason. One bad file does
 * not stop the others; all problems are reported together. Skipped when the sample set is absent.
 */
class TikaDocumentParserManifestTest {

    private static final Path DOCS = Path.of("..", "shared", "data", "docs");

    /** A word the reason must contain, by the manifest's error kind. */
    private static final Map<String, String> REASON_WORDS = Map.of(
            "encrypted", "encrypted (password protected)",
            "archive bomb", "decompression bomb",
            "corrupt", "corrupt",
            "empty file", "is empty",
            "no extractable text", "no extractable text");

    private static TikaDocumentParser parser;

    record Row(String file, String expected) {}

    @BeforeAll
    static void setUp() {
        parser = TikaDocumentParser.withDefaults();
    }

    @AfterAll
    static void tearDown() {
        parser.close();
    }

    @Test
    void every_sample_document_gives_text_or_a_reason_a_person_can_act_on() throws Exception {
        Path manifest = DOCS.resolve("MANIFEST.tsv");
        assumeTrue(Files.isRegularFile(manifest), "shared sample documents not present (" + manifest + ")");
        List<Row> rows = read(manifest);
        assertThat(rows).hasSizeGreaterThan(100);

        List<String> problems = new ArrayList<>();
        int ok = 0;
        int failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Row row : rows) {
                outcomes.add(pool.submit(() -> parse(row)));
            }
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                Outcome outcome = outcomes.get(i).get();
                String problem = judge(row, outcome);
                if (problem != null) {
                    problems.add(row.file() + " [expected " + row.expected() + "]: " + problem);
                }
                if (outcome.error() == null) {
                    ok++;
                } else {
                    failed++;
                    System.out.println("refused " + outcome.error());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%d documents: %d parsed, %d refused with a reason, %d problems%n", rows.size(), ok, failed, problems.size());
        problems.forEach(p -> System.out.println("PROBLEM " + p));
        assertThat(problems).isEmpty();
    }

    /** Files Tika's defaults decode to mojibake, and a string their correctly decoded text contains (from the set's README). */
    @Test
    void text_in_tricky_charsets_is_decoded_correctly() throws Exception {
        Map<String, String> expected = Map.of(
                "commons-io__test-file-iso8859-1.txt", "ÄäÜüÖöß",
                "commons-io__test-file-utf16be.txt", "A Test Line. Special chars: ÄäÜüÖöß",
                "commons-io__test-file-utf16le.txt", "A Test Line. Special chars: ÄäÜüÖöß",
                "charset-normalizer__sample-french-1.txt", "MOLIÈRE",
                "charset-normalizer__sample-chinese.txt", "維基大典",
                "tika__testArabicMisleadingCharset.html", "في قرية من القرى",
                "tika__russian.cp866.txt", "Однажды");
        assumeTrue(expected.keySet().stream().allMatch(f -> Files.isRegularFile(DOCS.resolve(f))), "shared sample documents not present");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertThat(parser.parse(DOCS.resolve(file.getKey()), file.getKey()).text()).as(file.getKey()).contains(file.getValue());
        }
    }

    record Outcome(ExtractedText text, String error) {}

    private static Outcome parse(Row row) {
        try {
            return new Outcome(parser.parse(DOCS.resolve(row.file()), row.file()), null);
        } catch (ExtractionException e) {
            return new Outcome(null, e.getMessage() == null ? "" : e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(null, "UNEXPECTED " + e);
        }
    }

    /** What is wrong with the outcome, or null. */
    private static String judge(Row row, Outcome outcome) {
        String expected = row.expected().strip();
        if (outcome.error() != null) {
            String error = outcome.error();
            if (error.startsWith("UNEXPECTED") || error.isBlank()) {
                return "failed without a reason: " + error;
            }
            if (!error.contains(row.file())) {
                return "the reason does not name the file: " + error;
            }
            if (expected.equals("ok")) {
                return "should give text, failed: " + error;
            }
            if (expected.startsWith("error:")) {
                String kind = expected.substring("error:".length()).strip().toLowerCase(Locale.ROOT);
                String word = REASON_WORDS.get(kind);
                if (word != null && !error.contains(word)) {
                    return "the reason should say '" + word + "': " + error;
                }
            }
            return null;
        }
        if (outcome.text().isBlank()) {
            return "parsed to blank text";
        }
        if (expected.startsWith("error:")) {
            return "should fail, gave " + outcome.text().text().length() + " chars: "
                    + abbreviate(outcome.text().text());
        }
        return null;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }

    static List<Row> read(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.getFirst().split("\t"));
        int file = header.indexOf("file");
        int expected = header.indexOf("expected");
        assertThat(file).as("manifest column 'file'").isGreaterThanOrEqualTo(0);
        assertThat(expected).as("manifest column 'expected'").isGreaterThanOrEqualTo(0);
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            rows.add(new Row(cells[file], cells[expected]));
        }
        return rows;
    }
}
