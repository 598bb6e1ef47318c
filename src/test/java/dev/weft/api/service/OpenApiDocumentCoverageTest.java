package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.publish.openapi.AppOpenApiDocument;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Every {@code /v1} route of the Service API controllers is in the per-app OpenAPI document of some app mode. */
class OpenApiDocumentCoverageTest extends ServiceApiTestBase {

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentsOfTheThreeModesListEveryServiceApiRoute() {
        Set<String> routes = new TreeSet<>();
        for (var e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            HandlerMethod handler = e.getValue();
            if (!handler.getBeanType().getPackageName().equals("dev.weft.api.service")) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/v1/")) {
                    routes.add(pattern.substring("/v1".length()).replaceAll("\\{([a-z])([A-Za-z]*)}", "{$1$2}"));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        for (AppMode mode : new AppMode[] {AppMode.CHAT, AppMode.COMPLETION, AppMode.WORKFLOW}) {
            String appId = publishedApp(mode);
            @SuppressWarnings("unchecked")
            Set<String> paths = ((java.util.Map<String, Object>) AppOpenApiDocument.of(apps.get(appId), parser.parse(definition(mode)),
                    url("/v1")).get("paths")).keySet();
            paths.forEach(p -> documented.add(normalise(p)));
        }
        Set<String> normalisedRoutes = new TreeSet<>();
        routes.forEach(r -> normalisedRoutes.add(normalise(r)));
        assertThat(routes).contains("/apps/annotations", "/workflows/logs", "/end-users/{endUserId}");
        assertThat(documented).containsAll(normalisedRoutes);
    }

    /** Path variables by position only: {@code {conversation_id}} and {@code {conversationId}} are the same route. */
    private static String normalise(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
