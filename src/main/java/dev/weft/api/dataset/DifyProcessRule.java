package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.CleaningRules;
import tools.jackson.databind.JsonNode;

/**
 * Dify's {@code process_rule} (with {@code doc_form}) as Weft's {@link ChunkSettings}: {@code mode automatic} is
 * Weft's defaults, {@code custom} reads {@code rules.segmentation} and {@code rules.pre_processing_rules},
 * {@code hierarchical} (or {@code doc_form: hierarchical_model}) adds {@code parent_mode} and
 * {@code subchunk_segmentation}. Q&A ({@code qa_model}) needs an LLM per chunk and is refused.
 */
final class DifyProcessRule {

    private DifyProcessRule() {}

    /** The settings the request asks for; null when it asks for none ({@code automatic} or no rule). */
    static ChunkSettings read(JsonNode body) {
        String docForm = DifyRetrievalModel.text(body, "doc_form");
        if (docForm != null && !docForm.equals("text_model") && !docForm.equals("hierarchical_model")) {
            throw ServiceApiException.invalid("doc_form must be text_model or hierarchical_model"
                    + (docForm.equals("qa_model") ? "; Weft does not generate Q&A chunks" : "; got '" + docForm + "'"));
        }
        JsonNode rule = body.get("process_rule");
        if (rule == null || rule.isNull()) {
            return "hierarchical_model".equals(docForm)
                    ? new ChunkSettings(ChunkSettings.Mode.PARENT_CHILD, null, 0, ChunkSettings.DEFAULT.overlapTokens(),
                            null, null, 0, null)
                    : null;
        }
        if (!rule.isObject()) {
            throw ServiceApiException.invalid("process_rule must be an object");
        }
        String mode = DifyRetrievalModel.text(rule, "mode");
        if (mode == null) {
            throw ServiceApiException.invalid("process_rule.mode is required: automatic, custom or hierarchical");
        }
        if (mode.equals("automatic")) {
            return "hierarchical_model".equals(docForm) ? read(withoutRule(body)) : null;
        }
        if (!mode.equals("custom") && !mode.equals("hierarchical")) {
            throw ServiceApiException.invalid("process_rule.mode must be automatic, custom or hierarchical; got '" + mode + "'");
        }
        JsonNode rules = rule.path("rules");
        boolean removeSpaces = ChunkSettings.DEFAULT.cleaning().removeExtraSpaces();
        boolean removeUrls = ChunkSettings.DEFAULT.cleaning().removeUrlsEmails();
        for (JsonNode p : rules.path("pre_processing_rules")) {
            String id = DifyRetrievalModel.text(p, "id");
            boolean enabled = p.path("enabled").asBoolean(false);
            if ("remove_extra_spaces".equals(id)) {
                removeSpaces = enabled;
            } else if ("remove_urls_emails".equals(id)) {
                removeUrls = enabled;
            } else if (!"remove_stopwords".equals(id)) {
                throw ServiceApiException.invalid("process_rule.rules.pre_processing_rules: unknown id '" + id
                        + "'; use remove_extra_spaces or remove_urls_emails");
            }
        }
        JsonNode seg = rules.path("segmentation");
        String separator = DifyRetrievalModel.text(seg, "separator");
        int maxTokens = intField(seg, "max_tokens", "process_rule.rules.segmentation.max_tokens");
        int overlap = seg.has("chunk_overlap") ? intField(seg, "chunk_overlap", "process_rule.rules.segmentation.chunk_overlap")
                : ChunkSettings.DEFAULT.overlapTokens();
        boolean hierarchical = mode.equals("hierarchical") || "hierarchical_model".equals(docForm);
        ChunkSettings.ParentMode parentMode = null;
        String childSeparator = null;
        int childMax = 0;
        if (hierarchical) {
            String parent = DifyRetrievalModel.text(rules, "parent_mode");
            if (parent != null && !parent.equals("paragraph") && !parent.equals("full-doc")) {
                throw ServiceApiException.invalid("process_rule.rules.parent_mode must be paragraph or full-doc");
            }
            parentMode = "full-doc".equals(parent) ? ChunkSettings.ParentMode.FULL_DOC : ChunkSettings.ParentMode.PARAGRAPH;
            JsonNode sub = rules.path("subchunk_segmentation");
            childSeparator = DifyRetrievalModel.text(sub, "separator");
            childMax = intField(sub, "max_tokens", "process_rule.rules.subchunk_segmentation.max_tokens");
            overlap = 0;
        }
        try {
            return new ChunkSettings(hierarchical ? ChunkSettings.Mode.PARENT_CHILD : ChunkSettings.Mode.GENERAL,
                    separator, maxTokens, overlap, parentMode, childSeparator, childMax,
                    new CleaningRules(removeSpaces, removeUrls));
        } catch (IllegalArgumentException e) {
            throw ServiceApiException.invalid("process_rule: " + e.getMessage());
        }
    }

    private static JsonNode withoutRule(JsonNode body) {
        tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) body).deepCopy();
        copy.remove("process_rule");
        return copy;
    }

    private static int intField(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.canConvertToInt() || v.asInt() < 0) {
            throw ServiceApiException.invalid(path + " must be a whole number");
        }
        return v.asInt();
    }
}
