package dev.weft.knowledge.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Documents of BEIR SciFact from {@code ../shared/data/beir-scifact} when that folder exists (tests skip without it). */
final class SciFactSample {

    static final Path CORPUS = Path.of("..", "shared", "data", "beir-scifact", "corpus.jsonl.gz");

    private SciFactSample() {}

    static boolean available() {
        return Files.isRegularFile(CORPUS);
    }

    /** The first {@code limit} documents as BEIR embeds them: {@code title + " " + text}. */
    static List<String> documents(int limit) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<String> docs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(CORPUS)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && docs.size() < limit; line = in.readLine()) {
                JsonNode doc = json.readTree(line);
                docs.add(doc.path("title").asString() + " " + doc.path("text").asString());
            }
        }
        return docs;
    }
}
