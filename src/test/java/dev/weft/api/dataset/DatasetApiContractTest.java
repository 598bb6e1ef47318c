package dev.weft.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Dify's Knowledge API on a running Weft with real H2, Lucene and the local ONNX embedding model: a dataset, a text
 * document indexed to completion, its segments, retrieval with scores, a segment edited (re-embedded), added and
 * deleted, a document disabled, archived and deleted (each reflected by retrieval), metadata fields, and the JSON field
 * names Dify clients read.
 */
class DatasetApiContractTest extends DatasetApiTestBase {

    static final String TRAVEL = "Employees book economy class for flights under six hours.\n\n"
            + "Hotel stays are reimbursed up to 180 euros per night in capital cities.\n\n"
            + "The daily allowance for meals abroad is 45 euros.";

    @Test
    void datasetTextDocumentSegmentsAndRetrieval() throws Exception {
        String name = "Handbook " + UUID.randomUUID();
        Response created = post("/v1/datasets", Map.of("name", name, "description", "Company rules",
                "indexing_technique", "high_quality", "permission", "only_me", "embedding_model", MODEL,
                "retrieval_model", Map.of("search_method", "hybrid_search", "reranking_enable", false, "top_k", 3,
                        "score_threshold_enabled", false)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode dataset = created.json();
        assertThat(dataset.propertyNames()).contains("id", "name", "description", "provider", "permission",
                "data_source_type", "indexing_technique", "app_count", "document_count", "word_count", "created_by",
                "created_at", "updated_by", "updated_at", "embedding_model", "embedding_model_provider",
                "embedding_available", "retrieval_model_dict", "tags", "doc_form");
        assertThat(dataset.get("name").asString()).isEqualTo(name);
        assertThat(dataset.get("provider").asString()).isEqualTo("vendor");
        assertThat(dataset.get("permission").asString()).isEqualTo("only_me");
        assertThat(dataset.get("document_count").asInt()).isZero();
        assertThat(dataset.get("embedding_model").asString()).isEqualTo(MODEL);
        assertThat(dataset.get("retrieval_model_dict").get("search_method").asString()).isEqualTo("hybrid_search");
        assertThat(dataset.get("retrieval_model_dict").get("top_k").asInt()).isEqualTo(3);
        assertThat(dataset.get("doc_form").asString()).isEqualTo("text_model");
        String id = dataset.get("id").asString();

        assertDifyError(post("/v1/datasets", Map.of("name", name)), 409, "dataset_name_duplicate");
        assertDifyError(post("/v1/datasets", Map.of("description", "no name")), 400, "invalid_param");
        assertThat(post("/v1/datasets", Map.of("description", "no name")).json().get("message").asString()).contains("name");

        JsonNode page = get("/v1/datasets?page=1&limit=100").json();
        assertThat(page.propertyNames()).contains("data", "has_more", "limit", "total", "page");
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("limit").asInt()).isEqualTo(100);
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(d -> ids.add(d.get("id").asString()));
        assertThat(ids).contains(id);
        assertThat(get("/v1/datasets?keyword=" + name.substring(9)).json().get("total").asInt()).isEqualTo(1);

        // create-by-text with Dify's custom process rule
        Response byText = post("/v1/datasets/" + id + "/document/create-by-text", Map.of("name", "travel policy",
                "text", TRAVEL, "indexing_technique", "high_quality", "doc_form", "text_model",
                "process_rule", Map.of("mode", "custom", "rules", Map.of(
                        "pre_processing_rules", List.of(Map.of("id", "remove_extra_spaces", "enabled", true),
                                Map.of("id", "remove_urls_emails", "enabled", false)),
                        "segmentation", Map.of("separator", "\\n\\n", "max_tokens", 20, "chunk_overlap", 0)))));
        assertThat(byText.status()).as(byText.body()).isEqualTo(200);
        JsonNode document = byText.json().get("document");
        assertThat(byText.json().get("batch").asString()).isNotBlank();
        assertThat(document.propertyNames()).contains("id", "position", "data_source_type", "name", "indexing_status",
                "display_status", "word_count", "tokens", "doc_form", "created_at", "enabled", "archived", "error");
        assertThat(document.get("name").asString()).isEqualTo("travel policy");
        assertThat(document.get("data_source_type").asString()).isEqualTo("upload_file");
        assertThat(document.get("indexing_status").asString()).isIn("waiting", "parsing", "cleaning", "splitting",
                "indexing", "completed");
        String docId = document.get("id").asString();

        JsonNode status = waitForIndexing(id, byText.json().get("batch").asString());
        assertThat(status.propertyNames()).containsExactlyInAnyOrder("id", "indexing_status", "processing_started_at",
                "parsing_completed_at", "cleaning_completed_at", "splitting_completed_at", "completed_at", "paused_at",
                "error", "stopped_at", "completed_segments", "total_segments");
        assertThat(status.get("indexing_status").asString()).as(status.toString()).isEqualTo("completed");
        assertThat(status.get("total_segments").asInt()).isEqualTo(3);
        assertThat(status.get("completed_segments").asInt()).isEqualTo(3);
        assertThat(status.get("completed_at").isNumber()).isTrue();

        JsonNode docs = get("/v1/datasets/" + id + "/documents?page=1&limit=20").json();
        assertThat(docs.propertyNames()).contains("data", "has_more", "limit", "total", "page");
        assertThat(docs.get("total").asInt()).isEqualTo(1);
        assertThat(docs.get("data").get(0).get("display_status").asString()).isEqualTo("available");
        assertThat(docs.get("data").get(0).get("word_count").asInt()).isPositive();
        assertThat(get("/v1/datasets/" + id + "/documents?keyword=nothing-like-this").json().get("total").asInt()).isZero();
        assertThat(get("/v1/datasets/" + id).json().get("document_count").asInt()).isEqualTo(1);

        JsonNode segments = get("/v1/datasets/" + id + "/documents/" + docId + "/segments").json();
        assertThat(segments.propertyNames()).contains("data", "doc_form", "has_more", "limit", "total", "page");
        assertThat(segments.get("doc_form").asString()).isEqualTo("text_model");
        assertThat(segments.get("data")).hasSize(3);
        JsonNode hotel = null;
        for (JsonNode s : segments.get("data")) {
            assertThat(s.propertyNames()).contains("id", "position", "document_id", "content", "answer", "word_count",
                    "tokens", "keywords", "index_node_id", "hit_count", "enabled", "status", "created_at");
            assertThat(s.get("document_id").asString()).isEqualTo(docId);
            assertThat(s.get("status").asString()).isEqualTo("completed");
            if (s.get("content").asString().contains("Hotel")) {
                hotel = s;
            }
        }
        assertThat(hotel).isNotNull();
        assertThat(get("/v1/datasets/" + id + "/documents/" + docId + "/segments?keyword=allowance").json().get("data"))
                .hasSize(1);

        // retrieve finds the hotel chunk with a score
        JsonNode found = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "how much is the hotel per night?")).json();
        assertThat(found.get("query").get("content").asString()).isEqualTo("how much is the hotel per night?");
        JsonNode first = found.get("records").get(0);
        assertThat(first.propertyNames()).contains("segment", "score", "tsne_position");
        assertThat(first.get("segment").get("content").asString()).contains("180 euros");
        assertThat(first.get("segment").get("document").get("id").asString()).isEqualTo(docId);
        assertThat(first.get("segment").get("document").get("name").asString()).isEqualTo("travel policy");
        assertThat(first.get("segment").get("document").get("data_source_type").asString()).isEqualTo("upload_file");
        assertThat(first.get("score").asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        JsonNode semantic = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "hotel per night",
                "retrieval_model", Map.of("search_method", "semantic_search", "reranking_enable", false, "top_k", 1,
                        "score_threshold_enabled", false))).json();
        assertThat(semantic.get("records")).hasSize(1);
        assertThat(semantic.get("records").get(0).get("segment").get("content").asString()).contains("Hotel");
        assertDifyError(post("/v1/datasets/" + id + "/retrieve", Map.of("query", "x",
                "retrieval_model", Map.of("search_method", "psychic_search"))), 400, "invalid_param");

        // a segment edited is embedded again: retrieval finds the new text
        String hotelId = hotel.get("id").asString();
        Response updated = post("/v1/datasets/" + id + "/documents/" + docId + "/segments/" + hotelId,
                Map.of("segment", Map.of("content", "Parrots are reimbursed up to 999 euros when they travel with staff.")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("data").get("content").asString()).startsWith("Parrots");
        assertThat(updated.json().get("doc_form").asString()).isEqualTo("text_model");
        JsonNode parrot = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "parrots travelling with staff")).json();
        assertThat(parrot.get("records").get(0).get("segment").get("content").asString()).contains("Parrots");
        assertThat(parrot.get("records").get(0).get("segment").get("id").asString()).isEqualTo(hotelId);
        assertThat(get("/v1/datasets/" + id + "/documents/" + docId + "/segments/" + hotelId).json().get("data")
                .get("content").asString()).contains("999 euros");

        // a segment added by hand is found; deleted, it is gone
        Response added = post("/v1/datasets/" + id + "/documents/" + docId + "/segments",
                Map.of("segments", List.of(Map.of("content", "Bicycles for commuting are subsidised with 300 euros a year.",
                        "answer", "", "keywords", List.of("bicycle")))));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        String bikeId = added.json().get("data").get(0).get("id").asString();
        assertThat(firstContent(id, "bicycle subsidy for commuting")).contains("Bicycles");
        assertThat(get("/v1/datasets/" + id + "/documents/" + docId + "/segments").json().get("total").asInt()).isEqualTo(4);
        assertThat(delete("/v1/datasets/" + id + "/documents/" + docId + "/segments/" + bikeId).status()).isEqualTo(204);
        assertThat(contents(id, "bicycle subsidy for commuting")).noneMatch(c -> c.contains("Bicycles"));
        assertDifyError(get("/v1/datasets/" + id + "/documents/" + docId + "/segments/" + bikeId), 404, "not_found");

        // disabling the document takes it out of retrieval; enabling brings it back
        Response disabled = patch("/v1/datasets/" + id + "/documents/status/disable", Map.of("document_ids", List.of(docId)));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("result").asString()).isEqualTo("success");
        assertThat(get("/v1/datasets/" + id + "/documents/" + docId).json().get("display_status").asString()).isEqualTo("disabled");
        assertThat(contents(id, "parrots travelling with staff")).isEmpty();
        patch("/v1/datasets/" + id + "/documents/status/enable", Map.of("document_ids", List.of(docId)));
        assertThat(firstContent(id, "parrots travelling with staff")).contains("Parrots");

        // archived: listed as archived, not found, not editable; un-archived it is back
        patch("/v1/datasets/" + id + "/documents/status/archive", Map.of("document_ids", List.of(docId)));
        JsonNode archived = get("/v1/datasets/" + id + "/documents/" + docId).json();
        assertThat(archived.get("display_status").asString()).isEqualTo("archived");
        assertThat(archived.get("archived").asBoolean()).isTrue();
        assertThat(contents(id, "parrots travelling with staff")).isEmpty();
        assertDifyError(post("/v1/datasets/" + id + "/documents/" + docId + "/update-by-text", Map.of("text", "new")),
                403, "archived_document_immutable");
        patch("/v1/datasets/" + id + "/documents/status/un_archive", Map.of("document_ids", List.of(docId)));
        assertThat(firstContent(id, "parrots travelling with staff")).contains("Parrots");
        assertDifyError(patch("/v1/datasets/" + id + "/documents/status/explode", Map.of("document_ids", List.of(docId))),
                400, "invalid_param");
        assertDifyError(patch("/v1/datasets/" + id + "/documents/status/disable",
                Map.of("document_ids", List.of(UUID.randomUUID().toString()))), 404, "not_found");

        // update-by-text replaces the content and indexes it again
        Response replaced = post("/v1/datasets/" + id + "/documents/" + docId + "/update_by_text",
                Map.of("name", "travel policy 2", "text", "Trains are first class for journeys over four hours."));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("document").get("name").asString()).isEqualTo("travel policy 2");
        assertThat(waitForIndexing(id, replaced.json().get("batch").asString()).get("indexing_status").asString())
                .isEqualTo("completed");
        assertThat(firstContent(id, "train class on long journeys")).contains("Trains");
        assertThat(contents(id, "parrots and meals abroad")).noneMatch(c -> c.contains("Parrots") || c.contains("allowance"));

        // deleting the document removes its chunks from retrieval
        assertThat(delete("/v1/datasets/" + id + "/documents/" + docId).status()).isEqualTo(204);
        assertThat(contents(id, "train class on long journeys")).isEmpty();
        assertDifyError(get("/v1/datasets/" + id + "/documents/" + docId), 404, "not_found");
        assertDifyError(get("/v1/datasets/" + id + "/documents/" + docId + "/indexing-status"), 404, "not_found");

        Response renamed = patch("/v1/datasets/" + id, Map.of("name", name + " v2", "retrieval_model",
                Map.of("search_method", "full_text_search", "top_k", 5)));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo(name + " v2");
        assertThat(renamed.json().get("retrieval_model_dict").get("search_method").asString()).isEqualTo("full_text_search");
        assertThat(delete("/v1/datasets/" + id).status()).isEqualTo(204);
        assertDifyError(get("/v1/datasets/" + id), 404, "not_found");
    }

    @Test
    void metadataFieldsAreDefinedSetRenamedFilteredAndDeleted() throws Exception {
        String id = dataset("Meta");
        Response doc1 = post("/v1/datasets/" + id + "/document/create_by_text", Map.of("name", "berlin",
                "text", "The Berlin office opens at eight in the morning."));
        Response doc2 = post("/v1/datasets/" + id + "/document/create_by_text", Map.of("name", "paris",
                "text", "The Paris office opens at nine in the morning."));
        String berlin = doc1.json().get("document").get("id").asString();
        String paris = doc2.json().get("document").get("id").asString();
        waitForIndexing(id, berlin);
        waitForIndexing(id, paris);

        Response field = post("/v1/datasets/" + id + "/metadata", Map.of("type", "string", "name", "city"));
        assertThat(field.status()).as(field.body()).isEqualTo(201);
        assertThat(field.json().propertyNames()).containsExactlyInAnyOrder("id", "name", "type");
        String fieldId = field.json().get("id").asString();
        assertDifyError(post("/v1/datasets/" + id + "/metadata", Map.of("type", "colour", "name", "x")), 400, "invalid_param");
        assertDifyError(post("/v1/datasets/" + id + "/metadata", Map.of("type", "string", "name", "document_name")),
                400, "invalid_param");

        Response set = post("/v1/datasets/" + id + "/documents/metadata", Map.of("operation_data", List.of(
                Map.of("document_id", berlin, "metadata_list", List.of(Map.of("id", fieldId, "name", "city", "value", "Berlin"))),
                Map.of("document_id", paris, "metadata_list", List.of(Map.of("id", fieldId, "name", "city", "value", "Paris"))))));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("result").asString()).isEqualTo("success");

        JsonNode list = get("/v1/datasets/" + id + "/metadata").json();
        assertThat(list.propertyNames()).contains("doc_metadata", "built_in_field_enabled");
        assertThat(list.get("doc_metadata").get(0).get("name").asString()).isEqualTo("city");
        assertThat(list.get("doc_metadata").get(0).get("count").asInt()).isEqualTo(2);
        JsonNode docMeta = get("/v1/datasets/" + id + "/documents/" + berlin).json().get("doc_metadata");
        assertThat(docMeta.get(0).get("value").asString()).isEqualTo("Berlin");

        JsonNode filtered = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "when does the office open",
                "retrieval_model", Map.of("search_method", "hybrid_search", "top_k", 5,
                        "metadata_filtering_conditions", Map.of("logical_operator", "and", "conditions",
                                List.of(Map.of("name", "city", "comparison_operator", "is", "value", "Paris")))))).json();
        assertThat(filtered.get("records")).hasSize(1);
        assertThat(filtered.get("records").get(0).get("segment").get("content").asString()).contains("Paris");

        Response renamed = patch("/v1/datasets/" + id + "/metadata/" + fieldId, Map.of("name", "town"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("town");
        JsonNode byTown = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "when does the office open",
                "retrieval_model", Map.of("metadata_filtering_conditions", Map.of("conditions",
                        List.of(Map.of("name", "town", "comparison_operator", "is", "value", "Berlin")))))).json();
        assertThat(byTown.get("records")).hasSize(1);
        assertThat(byTown.get("records").get(0).get("segment").get("content").asString()).contains("Berlin");

        assertThat(get("/v1/datasets/" + id + "/metadata/built-in").json().get("fields").get(0).get("name").asString())
                .isEqualTo("document_name");
        assertThat(delete("/v1/datasets/" + id + "/metadata/" + fieldId).status()).isEqualTo(204);
        assertThat(get("/v1/datasets/" + id + "/metadata").json().get("doc_metadata")).isEmpty();
        assertThat(get("/v1/datasets/" + id + "/documents/" + berlin).json().get("doc_metadata")).isEmpty();
        assertDifyError(patch("/v1/datasets/" + id + "/metadata/" + fieldId, Map.of("name", "x")), 404, "not_found");
    }

    private String firstContent(String datasetId, String query) {
        List<String> all = contents(datasetId, query);
        assertThat(all).as("no records for '" + query + "'").isNotEmpty();
        return all.getFirst();
    }

    private List<String> contents(String datasetId, String query) {
        Response r = post("/v1/datasets/" + datasetId + "/retrieve", Map.of("query", query));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("records").forEach(rec -> out.add(rec.get("segment").get("content").asString()));
        return out;
    }
}
