package dev.weft.api.console;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.app.definition.ValidationError;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An app's draft definition (JSON, schema weft/v1): read it with secrets masked, replace it after checking
 * it, or only check it. A rejected draft gets a 400 listing every problem with its JSON path.
 */
@RestController
@RequestMapping("/api/apps/{appId}/draft")
class AppDraftController {

    record ValidationResult(boolean valid, List<ValidationError> errors) {}

    private final AppService apps;
    private final DefinitionParser parser;
    private final DraftCheck check;
    private final ConsoleWorkspace caller;

    AppDraftController(AppService apps, DefinitionParser parser, DraftCheck check, ConsoleWorkspace caller) {
        this.apps = apps;
        this.parser = parser;
        this.check = check;
        this.caller = caller;
    }

    @GetMapping
    ResponseEntity<String> get(@PathVariable String appId) {
        caller.app(appId);
        AppDefinition draft = DraftSecrets.mask(apps.draft(appId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(parser.toJson(draft));
    }

    /** The body is the raw definition JSON, read by {@link DefinitionParser} so that malformed JSON names its place. */
    @PutMapping
    Map<String, Object> save(@PathVariable String appId, @RequestBody(required = false) String body) {
        App app = caller.app(appId);
        DraftCheck.Result result = check.check(app, body);
        if (!result.valid()) {
            throw new DefinitionException(result.errors());
        }
        AppDefinition definition = DraftSecrets.unmask(result.definition(), apps.draft(appId));
        apps.saveDraft(appId, definition, caller.account().getId());
        return Map.of("result", "success", "updated_at", apps.get(appId).getUpdatedAt().getEpochSecond());
    }

    /** Checks the definition in the body, or the stored draft when the body is empty; saves nothing. */
    @PostMapping("/validate")
    ValidationResult validate(@PathVariable String appId, @RequestBody(required = false) String body) {
        App app = caller.app(appId);
        DraftCheck.Result result = body == null || body.isBlank()
                ? check.check(app, apps.draft(appId))
                : check.check(app, body);
        return new ValidationResult(result.valid(), result.errors());
    }
}
