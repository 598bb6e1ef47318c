package dev.weft.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.publish.key.AppApiKeyService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Dify's create-by-file and update-by-file (a Word file made here, a text file, a file of the shared corpus when it is
 * there), files that fail (encrypted: the request succeeds and the document ends in error with the reason; wrong type
 * 415; too large 413; no file 400), and who may call: no key, an app key, a revoked key all get 401 in Dify's
 * envelope, a dataset key cannot open the app API, app keys still can, and dataset keys are managed in the console.
 */
class DatasetApiFilesAndAuthTest extends DatasetApiTestBase {

    @Autowired AppService apps;
    @Autowired AppApiKeyService appKeys;

    @Test
    void createByFileIndexesItAndAnEncryptedFileEndsInErrorWithItsReason() throws Exception {
        String id = dataset("Files");
        Response created = multipart("/v1/datasets/" + id + "/document/create-by-file", "expenses.docx",
                docx("Taxi rides to the airport are reimbursed up to 60 euros."),
                Map.of("indexing_technique", "high_quality", "process_rule", Map.of("mode", "automatic")));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode doc = created.json().get("document");
        assertThat(doc.get("name").asString()).isEqualTo("expenses.docx");
        assertThat(doc.get("data_source_type").asString()).isEqualTo("upload_file");
        JsonNode done = waitForIndexing(id, created.json().get("batch").asString());
        assertThat(done.get("indexing_status").asString()).as(done.toString()).isEqualTo("completed");
        JsonNode hit = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "taxi to the airport")).json()
                .get("records").get(0);
        assertThat(hit.get("segment").get("content").asString()).contains("60 euros");
        assertThat(hit.get("segment").get("document").get("name").asString()).isEqualTo("expenses.docx");

        // the older spelling, with a text file and no data part
        Response text = multipart("/v1/datasets/" + id + "/document/create_by_file", "notes.txt",
                "Parking at the office costs nothing for cyclists.".getBytes(StandardCharsets.UTF_8), null);
        assertThat(text.status()).as(text.body()).isEqualTo(200);
        assertThat(waitForIndexing(id, text.json().get("batch").asString()).get("indexing_status").asString())
                .isEqualTo("completed");

        // update-by-file replaces the content
        String textId = text.json().get("document").get("id").asString();
        Response updated = multipart("/v1/datasets/" + id + "/documents/" + textId + "/update-by-file", "notes-v2.txt",
                "Parking at the office costs five euros a day for cars.".getBytes(StandardCharsets.UTF_8), null);
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("document").get("name").asString()).isEqualTo("notes-v2.txt");
        assertThat(waitForIndexing(id, updated.json().get("batch").asString()).get("indexing_status").asString())
                .isEqualTo("completed");
        JsonNode parking = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "parking costs for cars")).json();
        assertThat(parking.get("records").get(0).get("segment").get("content").asString()).contains("five euros");

        // an encrypted file: accepted, then the document fails with the reason
        Response secret = multipart("/v1/datasets/" + id + "/document/create-by-file", "secret.docx",
                encrypted(docx("Salaries of the board.")), Map.of("indexing_technique", "high_quality"));
        assertThat(secret.status()).as(secret.body()).isEqualTo(200);
        JsonNode failed = waitForIndexing(id, secret.json().get("batch").asString());
        assertThat(failed.get("indexing_status").asString()).isEqualTo("error");
        assertThat(failed.get("error").asString()).contains("secret.docx").contains("encrypted");
        assertThat(failed.get("stopped_at").isNumber()).isTrue();
        String secretId = secret.json().get("document").get("id").asString();
        assertThat(get("/v1/datasets/" + id + "/documents/" + secretId).json().get("display_status").asString())
                .isEqualTo("error");

        // a corrupt PDF likewise
        Response broken = multipart("/v1/datasets/" + id + "/document/create-by-file", "broken.pdf",
                "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref".getBytes(StandardCharsets.UTF_8), null);
        assertThat(broken.status()).as(broken.body()).isEqualTo(200);
        JsonNode brokenStatus = waitForIndexing(id, broken.json().get("batch").asString());
        assertThat(brokenStatus.get("indexing_status").asString()).isEqualTo("error");
        assertThat(brokenStatus.get("error").asString()).contains("broken.pdf");

        assertDifyError(multipart("/v1/datasets/" + id + "/document/create-by-file", "tool.exe", new byte[] {1, 2, 3}, null),
                415, "unsupported_file_type");
        assertDifyError(multipart("/v1/datasets/" + id + "/document/create-by-file", "big.txt", new byte[1_200_000], null),
                413, "file_too_large");
        assertDifyError(multipart("/v1/datasets/" + id + "/document/create-by-file", "empty.txt", new byte[0], null),
                400, "invalid_param");
        assertDifyError(multipart("/v1/datasets/" + id + "/document/create-by-file", "x.txt", "x".getBytes(StandardCharsets.UTF_8),
                "{not json"), 400, "invalid_param");
        assertDifyError(multipart("/v1/datasets/" + id + "/document/create-by-file", "x.txt",
                "x".getBytes(StandardCharsets.UTF_8), Map.of("doc_form", "qa_model")), 400, "invalid_param");
        assertDifyError(multipart("/v1/datasets/" + UUID.randomUUID() + "/document/create-by-file", "x.txt",
                "x".getBytes(StandardCharsets.UTF_8), null), 404, "not_found");
        assertDifyError(post("/v1/datasets/" + id + "/document/create-by-text", Map.of("name", "no text")), 400, "invalid_param");
        assertThat(post("/v1/datasets/" + id + "/document/create-by-text", Map.of("name", "no text")).json()
                .get("message").asString()).contains("text");
    }

    @Test
    void aWordFileOfTheSharedCorpusIsIndexed() throws Exception {
        Path file = Path.of("../shared/data/docs/fake.docx");
        Assumptions.assumeTrue(Files.isRegularFile(file), "the shared document corpus is not here: " + file);
        String id = dataset("Corpus");
        Response created = multipart("/v1/datasets/" + id + "/document/create-by-file", "fake.docx", Files.readAllBytes(file), null);
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode done = waitForIndexing(id, created.json().get("batch").asString());
        assertThat(done.get("indexing_status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("total_segments").asInt()).isPositive();
        JsonNode segments = get("/v1/datasets/" + id + "/documents/" + created.json().get("batch").asString() + "/segments").json();
        assertThat(segments.get("data").get(0).get("content").asString()).isNotBlank();
    }

    @Test
    void keysDecideWhoMayCall() {
        String id = dataset("Auth");

        Response none = send(null, "GET", "/v1/datasets", null, null);
        assertDifyError(none, 401, "unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
        assertDifyError(send("dataset-notARealKeyAtAll0000000000000", "GET", "/v1/datasets", null, null), 401, "unauthorized");

        App app = apps.create(owner.getWorkspaceId(), "Helper " + UUID.randomUUID(), AppMode.WORKFLOW, "", owner.getId());
        String appKey = appKeys.create(app.getId(), owner.getId()).token();
        Response appKeyOnDatasets = send(appKey, "GET", "/v1/datasets/" + id, null, null);
        assertDifyError(appKeyOnDatasets, 401, "unauthorized");
        assertThat(appKeyOnDatasets.json().get("message").asString()).contains("app key");

        // a dataset key does not open the app API; the app key still does
        Response datasetKeyOnApp = send(key, "GET", "/v1/info", null, null);
        assertDifyError(datasetKeyOnApp, 401, "unauthorized");
        assertThat(datasetKeyOnApp.json().get("message").asString()).contains("dataset key");
        Response info = send(appKey, "GET", "/v1/info", null, null);
        assertThat(info.status()).as(info.body()).isEqualTo(200);
        assertThat(info.json().get("name").asString()).isEqualTo(app.getName());

        // keys are managed in the console: created (shown once), listed by hint, revoked
        Response created = console("POST", "/api/datasets/api-keys");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String token = created.json().get("token").asString();
        assertThat(token).startsWith("dataset-").hasSize("dataset-".length() + 32);
        assertThat(created.json().get("type").asString()).isEqualTo("dataset");
        assertThat(send(token, "GET", "/v1/datasets/" + id, null, null).status()).isEqualTo(200);
        Response listed = console("GET", "/api/datasets/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token).contains(token.substring(token.length() - 4));
        String keyId = created.json().get("id").asString();
        assertThat(console("DELETE", "/api/datasets/api-keys/" + keyId).status()).isEqualTo(204);
        assertDifyError(send(token, "GET", "/v1/datasets/" + id, null, null), 401, "unauthorized");
        assertThat(console("DELETE", "/api/datasets/api-keys/" + keyId).status()).isEqualTo(404);
        assertThat(datasetKeys.list(owner.getWorkspaceId())).noneMatch(k -> k.id().equals(keyId));
    }

    @Test
    void aDatasetKeysUseIsRecordedAtOnce() {
        String fresh = datasetKeys.create(owner.getWorkspaceId(), owner.getId()).token();
        String hint = "dataset-…" + fresh.substring(fresh.length() - 4);
        assertThat(datasetKeys.list(owner.getWorkspaceId())).filteredOn(k -> k.hint().equals(hint))
                .singleElement().satisfies(k -> assertThat(k.lastUsedAt()).isNull());
        assertThat(send(fresh, "GET", "/v1/datasets", null, null).status()).isEqualTo(200);
        assertThat(datasetKeys.list(owner.getWorkspaceId())).filteredOn(k -> k.hint().equals(hint))
                .singleElement().satisfies(k -> assertThat(k.lastUsedAt()).isNotNull());
    }

    @Test
    void aDatasetKeyReachesEveryKnowledgeBaseOfItsWorkspace() {
        // only_me datasets of the key's creator and of others are in reach: the key is workspace-wide
        String id = dataset("Private");
        Response otherKeysView = send(datasetKeys.create(owner.getWorkspaceId(), null).token(), "GET", "/v1/datasets/" + id,
                null, null);
        assertThat(otherKeysView.status()).as(otherKeysView.body()).isEqualTo(200);
        assertThat(otherKeysView.json().get("permission").asString()).isEqualTo("only_me");
        assertDifyError(get("/v1/datasets/" + UUID.randomUUID()), 404, "not_found");
        assertDifyError(get("/v1/datasets?page=0"), 400, "invalid_param");
        assertDifyError(send(key, "POST", "/v1/datasets", "application/json", "[1,2]"), 400, "invalid_param");
        List<String> ids = get("/v1/datasets?limit=100").json().get("data").valueStream().map(d -> d.get("id").asString()).toList();
        assertThat(ids).contains(id);
    }

    private static byte[] docx(String text) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** The OOXML file encrypted with a password, as Word saves it. */
    private static byte[] encrypted(byte[] ooxml) throws Exception {
        EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
        Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (java.io.OutputStream data = encryptor.getDataStream(fs)) {
                data.write(ooxml);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }
}
