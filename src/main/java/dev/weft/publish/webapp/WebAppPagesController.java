package dev.weft.publish.webapp;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.publish.site.AppSite;
import dev.weft.publish.site.AppSiteService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.HtmlUtils;

/**
 * The public web app: at {@code /chat/{token}}, {@code /completion/{token}} and {@code /workflow/{token}} (Dify's
 * paths) the page for the app's mode, the chat page for chatbots and chatflows, the form page for text generators
 * and workflows; {@code /chatbot/{token}} is the same page made to sit in the widget's frame. Also the pages'
 * scripts and styles and the embeddable widget script {@code /embed.min.js}. Pages carry a Content-Security-Policy
 * that lets only Weft's own scripts run.
 */
@Controller
class WebAppPagesController {

    /** Only Weft's own script and style; the page may be framed anywhere (the widget frames it). */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'; object-src 'none'";

    /** The pages' scripts and styles, served at {@code /webapp/{name}}. */
    static final List<String> ASSETS = List.of("markdown.js", "client.js", "inputs.js", "chat.js", "form.js",
            "base.css", "chat.css", "form.css");

    private final AppSiteService sites;
    private final AppService apps;
    private final String chatPage = resource("webapp/chat.html");
    private final String formPage = resource("webapp/form.html");
    private final Map<String, String> assets = ASSETS.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), name -> resource("webapp/" + name)));
    private final String widget = resource("webapp/embed.js");

    WebAppPagesController(AppSiteService sites, AppService apps) {
        this.sites = sites;
        this.apps = apps;
    }

    @GetMapping({"/chat/{token}", "/completion/{token}", "/workflow/{token}"})
    ResponseEntity<String> page(@PathVariable String token) {
        return render(token, false);
    }

    @GetMapping("/chatbot/{token}")
    ResponseEntity<String> chatbot(@PathVariable String token) {
        return render(token, true);
    }

    @GetMapping("/webapp/{name:[a-z]+\\.(?:js|css)}")
    ResponseEntity<String> asset(@PathVariable String name) {
        String body = assets.get(name);
        if (body == null) {
            return ResponseEntity.notFound().build();
        }
        return asset(body, name.endsWith(".js") ? "text/javascript" : "text/css");
    }

    @GetMapping({"/embed.min.js", "/embed.js"})
    ResponseEntity<String> widget() {
        return asset(widget, "text/javascript");
    }

    private ResponseEntity<String> render(String token, boolean embedded) {
        Optional<App> app = sites.open(token).map(AppSite::getAppId).flatMap(apps::find);
        if (app.isEmpty()) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_HTML)
                    .header("Content-Security-Policy", CSP)
                    .body("<!doctype html><title>Not found</title><p>There is no web app at this address, or it is switched off.</p>");
        }
        String page = app.get().getMode().isChat() ? chatPage : formPage;
        String html = page.replace("{{token}}", HtmlUtils.htmlEscape(token))
                .replace("{{title}}", HtmlUtils.htmlEscape(app.get().getName()))
                .replace("{{embedded}}", Boolean.toString(embedded));
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }

    private static ResponseEntity<String> asset(String body, String type) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(type), StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .header("Access-Control-Allow-Origin", "*")
                .body(body);
    }

    private static String resource(String name) {
        try (InputStream in = WebAppPagesController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
