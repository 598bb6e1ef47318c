package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.NodeDef;
import dev.weft.publish.annotation.AnnotationService;
import dev.weft.publish.annotation.AnnotationSetting;
import dev.weft.publish.audio.AppSpeech;
import dev.weft.publish.file.FileKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * An app's parameters as Dify's {@code GET /parameters} gives them (dify-reference §3.8): its features, its input form
 * built from the start node's variables, and the upload limits. The Service API and the web app answer with it.
 */
@Component
class AppParameters {

    private final AppService appService;
    private final AnnotationService annotations;

    AppParameters(AppService appService, AnnotationService annotations) {
        this.appService = appService;
        this.annotations = annotations;
    }

    /**
     * {@code {opening_statement, suggested_questions, …, user_input_form, file_upload, system_parameters}} of the
     * version the app's runs use: the latest published one, else the draft.
     */
    Map<String, Object> of(App app) {
        AppDefinition d = servedDefinition(app);
        Map<String, Object> f = d.features();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("opening_statement", f.get("opening_statement") instanceof String s ? s : "");
        m.put("suggested_questions", f.get("suggested_questions") instanceof List<?> l ? l : List.of());
        m.put("suggested_questions_after_answer", Map.of("enabled", false));
        m.put("speech_to_text", Map.of("enabled", AppSpeech.enabled(f, "speech_to_text")));
        Map<?, ?> tts = f.get("text_to_speech") instanceof Map<?, ?> t ? t : Map.of();
        m.put("text_to_speech", Map.of("enabled", AppSpeech.enabled(f, "text_to_speech"),
                "voice", tts.get("voice") instanceof String v ? v : "", "language", tts.get("language") instanceof String l ? l : "",
                "autoPlay", tts.get("autoPlay") instanceof String a ? a : "disabled"));
        m.put("retriever_resource", Map.of("enabled", enabled(f.get("retriever_resource"), true)));
        m.put("annotation_reply", Map.of("enabled", annotations.setting(app.getId()).map(AnnotationSetting::isEnabled).orElse(false)));
        m.put("more_like_this", Map.of("enabled", false));
        m.put("sensitive_word_avoidance", Map.of("enabled", false));
        m.put("user_input_form", userInputForm(d));
        m.put("file_upload", fileUpload(f.get("file_upload")));
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("file_size_limit", FileKinds.sizeLimit("document") / FileKinds.MB);
        system.put("image_file_size_limit", FileKinds.sizeLimit("image") / FileKinds.MB);
        system.put("audio_file_size_limit", FileKinds.sizeLimit("audio") / FileKinds.MB);
        system.put("video_file_size_limit", FileKinds.sizeLimit("video") / FileKinds.MB);
        system.put("workflow_file_upload_limit", 10);
        m.put("system_parameters", system);
        return m;
    }

    private AppDefinition servedDefinition(App app) {
        AppVersion v = appService.latestPublished(app.getId()).orElseGet(() -> appService.draftVersion(app.getId()));
        return appService.definitionOf(v);
    }

    /** Each start variable as {@code {"<type>": {label, variable, required, default, max_length?, options?}}}. */
    private static List<Map<String, Object>> userInputForm(AppDefinition d) {
        List<Map<String, Object>> form = new ArrayList<>();
        for (NodeDef n : d.graph().nodes()) {
            JsonNode data = n.data();
            if (data == null || !"start".equals(data.path("type").asString(""))) {
                continue;
            }
            for (JsonNode v : data.path("variables")) {
                String type = v.path("type").asString("text-input");
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("label", v.path("label").asString(v.path("variable").asString("")));
                field.put("variable", v.path("variable").asString(""));
                field.put("required", v.path("required").asBoolean(false));
                field.put("default", v.has("default") && !v.get("default").isNull() ? v.get("default").asString("") : "");
                if (v.has("max_length") && v.get("max_length").isNumber()) {
                    field.put("max_length", v.get("max_length").asInt());
                }
                if (v.has("options") && v.get("options").isArray()) {
                    List<String> options = new ArrayList<>();
                    v.get("options").forEach(o -> options.add(o.asString("")));
                    field.put("options", options);
                }
                if (type.equals("file") || type.equals("file-list")) {
                    field.put("allowed_file_types", v.has("allowed_file_types") ? v.get("allowed_file_types") : List.of());
                    field.put("allowed_file_upload_methods", List.of("local_file", "remote_url"));
                }
                form.add(Map.of(type, field));
            }
        }
        return form;
    }

    private static Map<String, Object> fileUpload(Object configured) {
        Map<String, Object> image = new LinkedHashMap<>();
        boolean enabled = configured instanceof Map<?, ?> m && enabled(m.get("enabled"), false);
        image.put("enabled", enabled);
        image.put("number_limits", 3);
        image.put("detail", "high");
        image.put("transfer_methods", List.of("remote_url", "local_file"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image", image);
        if (configured instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!"image".equals(k)) {
                    out.put(String.valueOf(k), v);
                }
            });
        }
        return out;
    }

    private static boolean enabled(Object feature, boolean otherwise) {
        if (feature instanceof Map<?, ?> m && m.get("enabled") instanceof Boolean b) {
            return b;
        }
        if (feature instanceof Boolean b) {
            return b;
        }
        return otherwise;
    }
}
