package dev.weft.api.service;

import dev.weft.api.service.WebApps.WebApp;
import dev.weft.publish.feedback.FeedbackService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The API of an app's public page, {@code /webapp/{token}/…} (see {@link WebApps} for what the token and the user
 * are): the app's title, mode and parameters (its input form), feedback on answers and completions, and uploads for
 * file inputs. Its runs are in {@link WebAppRunsController}, its conversations in {@link WebAppConversationsController}.
 */
@RestController
@RequestMapping("/webapp/{token}")
class WebAppApiController {

    record WebFeedbackRequest(String rating, String user) {}

    private final WebApps webApps;
    private final AppParameters parameters;
    private final EndUserMessages messages;
    private final FeedbackService feedback;
    private final EndUserUploads uploads;

    WebAppApiController(WebApps webApps, AppParameters parameters, EndUserMessages messages, FeedbackService feedback,
            EndUserUploads uploads) {
        this.webApps = webApps;
        this.parameters = parameters;
        this.messages = messages;
        this.feedback = feedback;
        this.uploads = uploads;
    }

    /** {@code {title, description, mode}} and the Service API's parameters. */
    @GetMapping("/parameters")
    Map<String, Object> parameters(@PathVariable String token) {
        WebApp web = webApps.open(token);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", web.app().getName());
        m.put("description", web.app().getDescription() == null ? "" : web.app().getDescription());
        m.put("mode", web.app().getMode().value());
        m.putAll(parameters.of(web.app()));
        return m;
    }

    @PostMapping("/messages/{messageId}/feedbacks")
    Map<String, String> rate(@PathVariable String token, @PathVariable String messageId, @RequestBody WebFeedbackRequest request) {
        WebApp web = webApps.open(token);
        String user = WebApps.user(request.user());
        messages.requireOwn(web.app(), user, messageId);
        feedback.rate(web.appId(), messageId, user, request.rating(), null);
        return Map.of("result", "success");
    }

    /** A file for a file input: 201 with the upload, whose id the run's inputs then name. */
    @PostMapping("/files/upload")
    ResponseEntity<Map<String, Object>> upload(@PathVariable String token,
            @RequestPart(name = "file", required = false) MultipartFile file, @RequestParam(required = false) String user) {
        WebApp web = webApps.open(token);
        return ResponseEntity.status(HttpStatus.CREATED).body(uploads.store(web.appId(), WebApps.user(user), file));
    }
}
