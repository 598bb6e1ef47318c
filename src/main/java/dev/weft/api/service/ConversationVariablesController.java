package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.engine.variable.Values;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A conversation's variables (dify-reference §3.7): {@code GET /v1/conversations/{id}/variables} with a
 * {@code last_id} cursor, {@code limit} and a {@code variable_name} filter, and
 * {@code PUT /v1/conversations/{id}/variables/{variable_id}} to set one value. The variables are those the
 * app's latest published version declares, in declaration order; values are the conversation's own, else the
 * declared default. Values go out string-encoded, as Dify sends them (strings as they are, others as JSON).
 */
@RestController
@RequestMapping("/v1/conversations/{conversationId}/variables")
class ConversationVariablesController {

    record UpdateRequest(Object value, String user) {}

    private final ServiceApps apps;
    private final AppService appService;
    private final ConversationService conversations;

    ConversationVariablesController(ServiceApps apps, AppService appService, ConversationService conversations) {
        this.apps = apps;
        this.appService = appService;
        this.conversations = conversations;
    }

    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String conversationId,
            @RequestParam(required = false) String user, @RequestParam(name = "last_id", required = false) String lastId,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(name = "variable_name", required = false) String variableName) {
        App app = apps.chatApp(caller);
        Conversation c = own(app, ServiceApps.requireUser(user), conversationId);
        if (limit < 1 || limit > 100) {
            throw ServiceApiException.invalid("limit must be between 1 and 100, got " + limit);
        }
        List<ConversationVariable> declared = declared(app);
        int from = 0;
        if (lastId != null && !lastId.isBlank()) {
            from = indexOf(declared, lastId) + 1;
            if (from == 0) {
                throw ServiceApiException.notFound("Conversation Variable Not Exists.");
            }
        }
        List<Map<String, Object>> page = new ArrayList<>();
        boolean more = false;
        for (ConversationVariable v : declared.subList(from, declared.size())) {
            if (variableName != null && !variableName.isBlank() && !v.name().contains(variableName)) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(view(v, c));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("has_more", more);
        body.put("data", page);
        return body;
    }

    /** Sets one variable of the conversation; the value must be of the variable's declared type (else 400 {@code bad_request}). */
    @PutMapping("/{variableId}")
    Map<String, Object> update(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String conversationId,
            @PathVariable String variableId, @RequestBody UpdateRequest request) {
        App app = apps.chatApp(caller);
        Conversation c = own(app, ServiceApps.requireUser(request.user()), conversationId);
        List<ConversationVariable> declared = declared(app);
        int at = indexOf(declared, variableId);
        if (at < 0) {
            throw ServiceApiException.notFound("Conversation Variable Not Exists.");
        }
        ConversationVariable v = declared.get(at);
        Object value = request.value();
        if (!ConversationVariableTypes.fits(v.valueType(), value)) {
            throw new ServiceApiException(400, "bad_request", "Type mismatch: variable '" + v.name() + "' expects "
                    + v.valueType() + ", but got " + ConversationVariableTypes.describe(value) + ".");
        }
        Map<String, Object> values = new LinkedHashMap<>(c.getVariables());
        values.put(v.name(), value);
        conversations.saveVariables(c.getId(), values);
        Conversation saved = conversations.findConversation(c.getId()).orElseThrow();
        return view(v, saved);
    }

    private Conversation own(App app, String user, String conversationId) {
        return conversations.findConversation(app.getId(), user, conversationId)
                .orElseThrow(() -> ServiceApiException.notFound("Conversation Not Exists."));
    }

    private List<ConversationVariable> declared(App app) {
        AppDefinition definition = appService.latestPublished(app.getId()).map(appService::definitionOf)
                .orElseGet(() -> appService.draft(app.getId()));
        return definition.conversationVariables();
    }

    private static int indexOf(List<ConversationVariable> declared, String id) {
        for (int i = 0; i < declared.size(); i++) {
            if (id.equals(idOf(declared.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    private static String idOf(ConversationVariable v) {
        return v.id() == null || v.id().isBlank() ? v.name() : v.id();
    }

    private static Map<String, Object> view(ConversationVariable v, Conversation c) {
        Map<String, Object> values = c.getVariables();
        Object value = values.containsKey(v.name()) ? values.get(v.name()) : v.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", idOf(v));
        m.put("name", v.name());
        m.put("value_type", v.valueType() == null ? "string" : v.valueType());
        m.put("value", value == null ? null : value instanceof String s ? s : Values.JSON.writeValueAsString(value));
        m.put("description", v.description() == null ? "" : v.description());
        m.put("created_at", c.getCreatedAt().getEpochSecond());
        m.put("updated_at", c.getUpdatedAt().getEpochSecond());
        return m;
    }
}
