package dev.weft.publish.openapi;

import dev.weft.app.App;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3.1 document of one app's Service API: the routes its mode answers, the {@code inputs} schema
 * made from its start variables, Bearer app-key security and Dify's error envelope. Built by hand from the
 * app's definition, so that each app documents its own inputs.
 */
public final class AppOpenApiDocument {

    private AppOpenApiDocument() {}

    public static Map<String, Object> of(App app, AppDefinition definition, String serverUrl) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", app.getName() + " Service API", "version", "1",
                "description", "The Dify-compatible Service API of the Weft app '" + app.getName() + "' (" + app.getMode().value()
                        + "). Authenticate with 'Authorization: Bearer app-…'."));
        doc.put("servers", List.of(map("url", serverUrl)));
        doc.put("security", List.of(map("appKey", List.of())));
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Inputs", inputs(definition));
        schemas.put("Error", object(map("code", str(), "message", str(), "status", integer()), List.of("code", "message", "status")));
        schemas.put("FileObject", object(map("type", enumOf("image", "document", "audio", "video", "custom"),
                "transfer_method", enumOf("local_file", "remote_url"), "upload_file_id", str(), "url", str()), List.of("transfer_method")));
        doc.put("components", map("securitySchemes", map("appKey", map("type", "http", "scheme", "bearer")), "schemas", schemas));
        doc.put("paths", paths(app.getMode()));
        return doc;
    }

    private static Map<String, Object> paths(AppMode mode) {
        Map<String, Object> paths = new LinkedHashMap<>();
        Map<String, Object> responseMode = map("type", "string", "enum", List.of("blocking", "streaming", "async"), "default", "blocking");
        Map<String, Object> user = str();
        Map<String, Object> inputsRef = ref("Inputs");
        Map<String, Object> files = map("type", "array", "items", ref("FileObject"));
        switch (mode) {
            case CHAT, ADVANCED_CHAT -> {
                paths.put("/chat-messages", post("Send a chat message", object(map("query", str(), "inputs", inputsRef,
                        "response_mode", responseMode, "user", user, "conversation_id", str(), "files", files,
                        "auto_generate_name", map("type", "boolean")), List.of("query", "user")), true));
                paths.put("/chat-messages/{task_id}/stop", post("Stop a streaming answer", object(map("user", user), List.of("user")), false));
                paths.put("/conversations", get("List the user's conversations", List.of("user", "last_id", "limit", "sort_by")));
                paths.put("/conversations/{conversation_id}/name", post("Rename a conversation",
                        object(map("name", str(), "auto_generate", map("type", "boolean"), "user", user), List.of("user")), false));
                paths.put("/conversations/{conversation_id}", map("delete", operation("Delete a conversation", null, false)));
                paths.put("/messages", get("List a conversation's messages", List.of("conversation_id", "user", "first_id", "limit")));
                paths.put("/messages/{message_id}/suggested", get("Suggested follow-up questions", List.of("user")));
                paths.put("/conversations/{conversation_id}/variables", get("List a conversation's variables",
                        List.of("user", "last_id", "limit", "variable_name")));
                paths.put("/conversations/{conversation_id}/variables/{variable_id}", map("put", operation("Set a conversation variable",
                        map("application/json", map("schema", object(map("value", map(), "user", user), List.of("value", "user")))), false)));
                paths.put("/chat/completions", post("OpenAI-compatible chat completion", map("type", "object"), true));
                paths.put("/models", get("OpenAI-compatible model list", List.of()));
            }
            case COMPLETION -> {
                paths.put("/completion-messages", post("Generate a completion", object(map("inputs", inputsRef,
                        "response_mode", responseMode, "user", user, "files", files), List.of("inputs", "user")), true));
                paths.put("/completion-messages/{task_id}/stop", post("Stop a streaming completion", object(map("user", user), List.of("user")), false));
            }
            case WORKFLOW -> {
                Map<String, Object> run = object(map("inputs", inputsRef, "response_mode", responseMode, "user", user, "files", files),
                        List.of("inputs", "user"));
                paths.put("/workflows/run", post("Run the published workflow", run, true));
                paths.put("/workflows/{workflow_id}/run", post("Run a published version", run, true));
                paths.put("/workflows/tasks/{task_id}/stop", post("Stop a streaming run", object(map("user", user), List.of("user")), false));
                paths.put("/workflows/logs", get("The run log", List.of("keyword", "status", "page", "limit", "created_at__before",
                        "created_at__after", "created_by_end_user_session_id", "created_by_account")));
            }
        }
        paths.put("/workflows/run/{workflow_run_id}", get("Read a run", List.of()));
        paths.put("/workflow/{workflow_run_id}/events", get("Re-attach to a streaming or async run's events", List.of("user")));
        paths.put("/messages/{message_id}/feedbacks", post("Rate an answer",
                object(map("rating", map("type", List.of("string", "null"), "enum", java.util.Arrays.asList("like", "dislike", null)),
                        "user", user, "content", str()), List.of("user")), false));
        paths.put("/files/upload", map("post", operation("Upload a file to use as an input", map("multipart/form-data",
                map("schema", object(map("file", map("type", "string", "format", "binary"), "user", str()), List.of("file", "user")))), false)));
        paths.put("/files/{file_id}/preview", get("Read back an upload (as_attachment to download it)", List.of("user", "as_attachment")));
        paths.put("/audio-to-text", map("post", operation("Transcribe a recording", map("multipart/form-data",
                map("schema", object(map("file", map("type", "string", "format", "binary"), "user", str()), List.of("file", "user")))), false)));
        paths.put("/text-to-audio", post("Speak a text or an answer",
                object(map("message_id", str(), "text", str(), "user", user, "voice", str()), List.of("user")), false));
        paths.put("/end-users/{end_user_id}", get("An end user of the app", List.of()));
        Map<String, Object> annotation = object(map("question", str(), "answer", str()), List.of("question", "answer"));
        Map<String, Object> annotations = new LinkedHashMap<>(get("List annotations", List.of("page", "limit", "keyword")));
        annotations.putAll(post("Add an annotation", annotation, false));
        paths.put("/apps/annotations", annotations);
        paths.put("/apps/annotations/{annotation_id}", map(
                "put", operation("Edit an annotation", map("application/json", map("schema", annotation)), false),
                "delete", operation("Delete an annotation", null, false)));
        paths.put("/apps/annotation-reply/{action}", post("Turn annotation reply on (enable) or off (disable): a job",
                object(map("score_threshold", map("type", "number"), "embedding_provider_name", str(), "embedding_model_name", str()),
                        List.of()), false));
        paths.put("/apps/annotation-reply/{action}/status/{job_id}", get("The state of an annotation reply job", List.of()));
        paths.put("/parameters", get("The app's input form and features", List.of()));
        paths.put("/info", get("The app's name, description and mode", List.of()));
        paths.put("/meta", get("Tool icons", List.of()));
        paths.put("/site", get("The web app's settings", List.of()));
        paths.put("/app/feedbacks", get("All feedback on the app's answers", List.of("page", "limit")));
        return paths;
    }

    private static Map<String, Object> post(String summary, Map<String, Object> schema, boolean streams) {
        return map("post", operation(summary, map("application/json", map("schema", schema)), streams));
    }

    private static Map<String, Object> get(String summary, List<String> query) {
        Map<String, Object> op = operation(summary, null, false);
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String q : query) {
            parameters.add(map("name", q, "in", "query", "required", q.equals("user") || q.equals("conversation_id"), "schema",
                    q.equals("limit") || q.equals("page") ? integer() : str()));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        return map("get", op);
    }

    private static Map<String, Object> operation(String summary, Map<String, Object> content, boolean streams) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", summary);
        if (content != null) {
            op.put("requestBody", map("required", true, "content", content));
        }
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("description", streams ? "JSON, or with response_mode streaming a text/event-stream of 'data: {json}' events" : "OK");
        Map<String, Object> error = map("description", "Error", "content", map("application/json", map("schema", ref("Error"))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", ok);
        responses.put("400", error);
        responses.put("401", error);
        responses.put("404", error);
        responses.put("429", error);
        op.put("responses", responses);
        return op;
    }

    /** The start variables as a JSON schema: text types are strings, number a number, file a file object, etc. */
    static Map<String, Object> inputs(AppDefinition definition) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (NodeDef n : definition.graph().nodes()) {
            JsonNode data = n.data();
            if (data == null || !"start".equals(data.path("type").asString(""))) {
                continue;
            }
            for (JsonNode v : data.path("variables")) {
                String name = v.path("variable").asString("");
                if (name.isEmpty()) {
                    continue;
                }
                Map<String, Object> p = switch (v.path("type").asString("text-input")) {
                    case "number" -> map("type", "number");
                    case "checkbox" -> map("type", "boolean");
                    case "json_object" -> map("type", "object");
                    case "file" -> ref("FileObject");
                    case "file-list" -> map("type", "array", "items", ref("FileObject"));
                    case "select" -> {
                        List<String> options = new ArrayList<>();
                        v.path("options").forEach(o -> options.add(o.asString("")));
                        yield map("type", "string", "enum", options);
                    }
                    default -> v.has("max_length") && v.get("max_length").isNumber()
                            ? map("type", "string", "maxLength", v.get("max_length").asInt()) : str();
                };
                p = new LinkedHashMap<>(p);
                p.put("description", v.path("label").asString(name));
                properties.put(name, p);
                if (v.path("required").asBoolean(false)) {
                    required.add(name);
                }
            }
        }
        return object(properties, required);
    }

    private static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> m = map("type", "object", "properties", properties);
        if (!required.isEmpty()) {
            m.put("required", required);
        }
        return m;
    }

    private static Map<String, Object> ref(String name) {
        return map("$ref", "#/components/schemas/" + name);
    }

    private static Map<String, Object> str() {
        return map("type", "string");
    }

    private static Map<String, Object> integer() {
        return map("type", "integer");
    }

    private static Map<String, Object> enumOf(String... values) {
        return map("type", "string", "enum", List.of(values));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
