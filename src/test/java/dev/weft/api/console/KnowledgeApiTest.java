package dev.weft.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge API end to end on a running Weft: create a dataset, upload a Word file with a table, a Markdown file
 * and a corrupt PDF in one request, watch them finish (the corrupt one with a reason, the others completed),
 * search, browse and edit chunks, disable, delete.
 */
class KnowledgeApiTest extends ConsoleApiTestBase {

    @Test
    void uploadIndexSearchEditDisableDelete() throws Exception {
        Response created = postJson("/api/datasets", Map.of("name", "Handbook " + UUID.randomUUID(),
                "embedding_model", "local:all-minilm-l6-v2-q",
                "chunk_settings", Map.of("max_tokens", 120, "overlap_tokens", 10),
                "retrieval_settings", Map.of("method", "hybrid_search", "top_k", 3)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("chunk_settings").get("max_tokens").asInt()).isEqualTo(120);

        Response upload = multipart("/api/datasets/" + id + "/documents", List.of(
                new Part("expenses.docx", docxWithTable()),
                new Part("travel.md", ("# Travel policy\n\nEmployees book economy class for flights under six hours. "
                        + "Hotel stays are reimbursed up to 180 euros per night in capital cities.\n\n"
                        + "## Per diem\n\nThe daily allowance for meals abroad is 45 euros.\n").getBytes(StandardCharsets.UTF_8)),
                new Part("broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref".getBytes(StandardCharsets.UTF_8))));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertThat(upload.json().get("data")).hasSize(3);

        JsonNode docs = waitUntilFinished(id);
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        docs.forEach(d -> byName.put(d.get("name").asString(), d));
        assertThat(byName.get("travel.md").get("indexing_status").asString()).isEqualTo("completed");
        assertThat(byName.get("travel.md").get("display_status").asString()).isEqualTo("available");
        assertThat(byName.get("travel.md").get("progress").asInt()).isEqualTo(100);
        assertThat(byName.get("expenses.docx").get("indexing_status").asString()).isEqualTo("completed");
        assertThat(byName.get("broken.pdf").get("indexing_status").asString()).isEqualTo("error");
        assertThat(byName.get("broken.pdf").get("error").asString()).contains("broken.pdf");

        Response hits = postJson("/api/datasets/" + id + "/hit-testing", Map.of("query", "how much is the hotel per night?"));
        assertThat(hits.status()).as(hits.body()).isEqualTo(200);
        JsonNode first = hits.json().get("records").get(0);
        assertThat(first.get("segment").get("content").asString()).contains("180 euros");
        assertThat(first.get("document").get("name").asString()).isEqualTo("travel.md");
        assertThat(first.get("score").asDouble()).isBetween(0.0, 1.0);

        // the docx table arrives as a Markdown table
        String docxId = byName.get("expenses.docx").get("id").asString();
        Response docxChunks = get("/api/datasets/" + id + "/documents/" + docxId + "/chunks");
        assertThat(docxChunks.body()).contains("| Category | Limit |").contains("| Taxi | 60 EUR |");

        // editing a chunk re-embeds it: the new wording is found
        String travelId = byName.get("travel.md").get("id").asString();
        JsonNode chunk = get("/api/datasets/" + id + "/documents/" + travelId + "/chunks").json().get("data").get(0);
        Response edited = send("PATCH", "/api/datasets/" + id + "/documents/" + travelId + "/chunks/" + chunk.get("id").asString(),
                "application/json", "{\"content\":\"Parrots are reimbursed up to 999 euros when they travel with staff.\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        JsonNode parrot = postJson("/api/datasets/" + id + "/hit-testing", Map.of("query", "parrots")).json().get("records");
        assertThat(parrot.get(0).get("segment").get("content").asString()).contains("Parrots");

        // a disabled document is not found any more
        Response disabled = send("PATCH", "/api/datasets/" + id + "/documents/" + travelId, "application/json", "{\"enabled\":false}");
        assertThat(disabled.json().get("display_status").asString()).isEqualTo("disabled");
        JsonNode after = postJson("/api/datasets/" + id + "/hit-testing", Map.of("query", "parrots")).json().get("records");
        after.forEach(r -> assertThat(r.get("document").get("name").asString()).isNotEqualTo("travel.md"));

        // retry of the failed document fails again, with its reason, and delete removes it
        String brokenId = byName.get("broken.pdf").get("id").asString();
        assertThat(delete("/api/datasets/" + id + "/documents/" + brokenId).status()).isEqualTo(204);
        assertThat(get("/api/datasets/" + id + "/documents/" + brokenId).status()).isEqualTo(404);

        assertThat(delete("/api/datasets/" + id).status()).isEqualTo(204);
        assertThat(get("/api/datasets/" + id).status()).isEqualTo(404);
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        Response noName = postJson("/api/datasets", Map.of("description", "x"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("message").asString()).contains("name is required");

        Response badModel = postJson("/api/datasets", Map.of("name", "m-" + UUID.randomUUID(), "embedding_model", "nope"));
        assertThat(badModel.status()).isEqualTo(400);
        assertThat(badModel.json().get("message").asString()).contains("unknown embedding model");

        String id = postJson("/api/datasets", Map.of("name", "q-" + UUID.randomUUID())).json().get("id").asString();
        Response emptyQuery = postJson("/api/datasets/" + id + "/hit-testing", Map.of("query", " "));
        assertThat(emptyQuery.status()).isEqualTo(400);
        Response emptyText = postJson("/api/datasets/" + id + "/documents/text", Map.of("name", "x", "text", ""));
        assertThat(emptyText.status()).isEqualTo(400);
        assertThat(get("/api/datasets/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void crawlsASiteIntoDocumentsHonouringRobotsTxt() throws Exception {
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> pages = Map.of(
                "/", "<html><head><title>Home</title></head><body><nav>menu</nav><h1>Welcome</h1>"
                        + "<p>See <a href=\"/pricing\">pricing</a> and <a href=\"/private/notes\">notes</a>.</p></body></html>",
                "/pricing", "<html><head><title>Pricing</title></head><body><h1>Pricing</h1>"
                        + "<table><tr><th>Plan</th><th>Price</th></tr><tr><td>Team</td><td>49 USD</td></tr></table></body></html>",
                "/private/notes", "<html><body><p>secret notes</p></body></html>");
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/robots.txt") ? "User-agent: *\nDisallow: /private/\n" : pages.get(path);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", path.equals("/robots.txt") ? "text/plain" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
        try {
            String id = postJson("/api/datasets", Map.of("name", "Site " + UUID.randomUUID(),
                    "embedding_model", "local:all-minilm-l6-v2-q")).json().get("id").asString();
            Response started = postJson("/api/datasets/" + id + "/web-imports", Map.of(
                    "url", "http://127.0.0.1:" + site.getAddress().getPort() + "/", "crawl", true, "max_depth", 1));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String importId = started.json().get("id").asString();
            JsonNode status;
            long deadline = System.nanoTime() + 30_000_000_000L;
            do {
                Thread.sleep(100);
                status = get("/api/datasets/" + id + "/web-imports/" + importId).json();
            } while (status.get("status").asString().equals("running") && System.nanoTime() < deadline);
            assertThat(status.get("status").asString()).isEqualTo("completed");
            assertThat(status.get("pages_added").asInt()).isEqualTo(2);
            assertThat(status.get("summary").get("pages_loaded").asInt()).isEqualTo(2);
            assertThat(status.get("finished_at").asLong()).isGreaterThanOrEqualTo(status.get("started_at").asLong());
            JsonNode listed = get("/api/datasets/" + id + "/web-imports").json().get("data");
            assertThat(listed).singleElement().satisfies(i -> assertThat(i.get("id").asString()).isEqualTo(importId));
            Response again = postJson("/api/datasets/" + id + "/web-imports/" + importId + "/restart", Map.of());
            assertThat(again.status()).isEqualTo(400);
            assertThat(again.json().get("message").asString()).contains("completed");

            JsonNode docs = waitUntilFinished(id);
            List<String> urls = new java.util.ArrayList<>();
            docs.forEach(d -> {
                urls.add(d.get("url").asString());
                assertThat(d.get("data_source_type").asString()).isEqualTo("website");
                assertThat(d.get("indexing_status").asString()).isEqualTo("completed");
            });
            assertThat(urls).noneMatch(u -> u.contains("/private/")).anyMatch(u -> u.endsWith("/pricing"));
            JsonNode hit = postJson("/api/datasets/" + id + "/hit-testing", Map.of("query", "Team plan price")).json()
                    .get("records").get(0);
            assertThat(hit.get("segment").get("content").asString()).contains("| Team | 49 USD |");
        } finally {
            site.stop(0);
        }
    }

    @Test
    void webImportOfAPrivateAddressIsRefusedWithoutTheAllowList() throws Exception {
        String id = postJson("/api/datasets", Map.of("name", "Guard " + UUID.randomUUID())).json().get("id").asString();
        Response started = postJson("/api/datasets/" + id + "/web-imports", Map.of("url", "http://10.1.2.3/"));
        String importId = started.json().get("id").asString();
        JsonNode docs;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            Thread.sleep(100);
            docs = get("/api/datasets/" + id + "/documents").json().get("data");
        } while (docs.isEmpty() && System.nanoTime() < deadline);
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("indexing_status").asString()).isEqualTo("error");
            assertThat(d.get("error").asString()).containsIgnoringCase("10.1.2.3");
        });
        assertThat(get("/api/datasets/" + id + "/web-imports/" + importId).status()).isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired dev.weft.knowledge.index.KnowledgeIndexes indexes;
    @org.springframework.beans.factory.annotation.Autowired dev.weft.knowledge.dataset.DocumentChunkRepository chunkRows;

    /** New chunk settings while documents are being indexed: the workers stop, the index is rebuilt, nothing is left over. */
    @Test
    void changingChunkSettingsWhileIndexingReindexesEverythingOnce() throws Exception {
        String id = postJson("/api/datasets", Map.of("name", "Reindex " + UUID.randomUUID(),
                "embedding_model", "local:all-minilm-l6-v2-q",
                "chunk_settings", Map.of("max_tokens", 200, "overlap_tokens", 0))).json().get("id").asString();
        for (int d = 0; d < 24; d++) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                text.append("Paragraph ").append(p).append(" of note ").append(d)
                        .append(": the quarterly review covers budgets, hiring plans, travel costs and the roadmap of team ")
                        .append(d).append(", with open questions about vendors and deadlines.\n\n");
            }
            Response added = postJson("/api/datasets/" + id + "/documents/text", Map.of("name", "note-" + d, "text", text.toString()));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
        Response changed = send("PATCH", "/api/datasets/" + id, "application/json",
                "{\"chunk_settings\":{\"max_tokens\":40,\"overlap_tokens\":0}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);

        JsonNode docs = waitUntilFinished(id);
        assertThat(docs).hasSize(24);
        docs.forEach(d -> assertThat(d.get("indexing_status").asString()).as(d.toString()).isEqualTo("completed"));
        long rows = chunkRows.countByDatasetIdAndKindIn(id, List.of(dev.weft.knowledge.dataset.ChunkKind.CHUNK,
                dev.weft.knowledge.dataset.ChunkKind.CHILD));
        assertThat(rows).as("six paragraphs of ~35 tokens each make at least six chunks of at most 40 tokens").isGreaterThanOrEqualTo(24 * 6);
        assertThat(indexes.get(id).chunkCount()).isEqualTo((int) rows);
    }

    private JsonNode waitUntilFinished(String datasetId) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            JsonNode docs = get("/api/datasets/" + datasetId + "/documents").json().get("data");
            boolean done = true;
            for (JsonNode d : docs) {
                String s = d.get("indexing_status").asString();
                done &= s.equals("completed") || s.equals("error");
            }
            if (done || System.nanoTime() > deadline) {
                return docs;
            }
            Thread.sleep(200);
        }
    }

    record Part(String filename, byte[] content) {}

    private Response multipart(String path, List<Part> parts) throws Exception {
        String boundary = "----weft" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Part p : parts) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + p.filename()
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(p.content());
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String basic = java.util.Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return new Response(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static byte[] docxWithTable() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Expense limits for business trips are listed below.");
            XWPFTable table = doc.createTable(3, 2);
            table.getRow(0).getCell(0).setText("Category");
            table.getRow(0).getCell(1).setText("Limit");
            table.getRow(1).getCell(0).setText("Taxi");
            table.getRow(1).getCell(1).setText("60 EUR");
            table.getRow(2).getCell(0).setText("Dinner");
            table.getRow(2).getCell(1).setText("40 EUR");
            doc.write(out);
            return out.toByteArray();
        }
    }
}
