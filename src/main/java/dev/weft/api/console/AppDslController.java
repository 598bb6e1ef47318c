package dev.weft.api.console;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.JsonPaths;
import dev.weft.app.definition.ValidationError;
import dev.weft.app.dsl.DifyDslExporter;
import dev.weft.app.dsl.DifyDslImporter;
import dev.weft.app.dsl.DslImportResult;
import dev.weft.engine.variable.Values;
import dev.weft.security.Account;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Dify DSL files: import one as a new app (the YAML itself as the body, or Dify's {@code yaml-content}
 * JSON form {@code {"yaml_content": "…"}}), and export an app's draft as a YAML download.
 */
@RestController
@RequestMapping("/api/apps")
class AppDslController {

    static final MediaType YAML = MediaType.parseMediaType("application/x-yaml");

    /** {@code status}: {@code completed}, or {@code completed-with-warnings} when {@code warnings} says what was converted or left out. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ImportResponse(String id, String name, String mode, String status, List<String> warnings) {}

    private final AppService apps;
    private final DifyDslImporter importer;
    private final DifyDslExporter exporter;
    private final ConsoleWorkspace caller;

    AppDslController(AppService apps, DifyDslImporter importer, DifyDslExporter exporter, ConsoleWorkspace caller) {
        this.apps = apps;
        this.importer = importer;
        this.exporter = exporter;
        this.caller = caller;
    }

    @PostMapping("/import")
    ImportResponse importDsl(@RequestBody(required = false) String body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        String yaml = isJson(contentType) ? yamlContent(body) : body;
        DslImportResult imported = importer.importYaml(yaml);
        Account account = caller.account();
        App app = apps.createFromDefinition(account.getWorkspaceId(), imported.name(), imported.description(),
                imported.icon().isBlank() ? null : imported.icon(), imported.definition(), account.getId());
        return new ImportResponse(app.getId(), app.getName(), app.getMode().value(),
                imported.warnings().isEmpty() ? "completed" : "completed-with-warnings", imported.warnings());
    }

    @GetMapping("/{appId}/export")
    ResponseEntity<String> export(@PathVariable String appId,
            @RequestParam(name = "include_secret", defaultValue = "false") boolean includeSecret) {
        App app = caller.app(appId);
        AppDefinition definition = includeSecret
                ? apps.runnableDefinition(apps.draftVersion(appId))
                : apps.draft(appId);
        String yaml = exporter.exportYaml(app.getName(), app.getDescription(), app.getIcon(), definition, includeSecret);
        return ResponseEntity.ok()
                .contentType(new MediaType(YAML, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(app.getName() + ".yml").toString())
                .body(yaml);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The YAML of Dify's {@code yaml-content} import request; URL imports are refused, as Weft downloads nothing it is not asked to run. */
    private static String yamlContent(String body) {
        JsonNode request;
        try {
            request = Values.JSON.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            ValidationError error = JsonPaths.fromJackson(JsonPaths.ROOT, e);
            throw new DefinitionException("the import request is not valid JSON: " + error, List.of(error));
        }
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("the import request must be a JSON object with yaml_content");
        }
        String mode = request.path("mode").asString("yaml-content");
        if ("yaml-url".equals(mode) || request.has("yaml_url") && !request.has("yaml_content")) {
            throw new IllegalArgumentException("importing from a URL (yaml-url) is not supported; send the file's text as yaml_content");
        }
        JsonNode yaml = request.get("yaml_content");
        if (yaml == null || !yaml.isString() || yaml.asString().isBlank()) {
            throw new IllegalArgumentException("yaml_content is missing: send the DSL file's text as a string");
        }
        return yaml.asString();
    }

    /** {@code attachment; filename="<name>"}, with an RFC 5987 {@code filename*} when the name is not plain ASCII. */
    private static ContentDisposition attachment(String fileName) {
        String safe = fileName.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        boolean ascii = safe.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii
                ? ContentDisposition.attachment().filename(safe).build()
                : ContentDisposition.attachment().filename(safe, StandardCharsets.UTF_8).build();
    }
}
