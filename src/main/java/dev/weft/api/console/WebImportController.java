package dev.weft.api.console;

import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.webimport.WebImportService;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Web pages into a dataset. {@code {url, crawl?, max_depth?, max_pages?, same_domain_only?, use_sitemap?,
 * respect_robots_txt?, include_patterns?, exclude_patterns?}}: without {@code crawl} only that page is read.
 * Answers 202 with the import; GET it by id to follow it (its progress is kept in the database and survives a
 * restart), or GET the list. An import that was interrupted (Weft stopped while it ran) or ended in error is started
 * again with {@code POST …/{id}/restart}: it skips the pages it imported already.
 */
@RestController
@RequestMapping("/api/datasets/{datasetId}/web-imports")
class WebImportController {

    record WebImportRequest(String url, Boolean crawl, Integer maxDepth, Integer maxPages, Boolean sameDomainOnly,
            Boolean useSitemap, Boolean respectRobotsTxt, List<String> includePatterns, List<String> excludePatterns) {

        CrawlOptions options() {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("the URL is required");
            }
            URI start;
            try {
                start = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + url + "' is not a valid URL: " + e.getReason());
            }
            if (!Boolean.TRUE.equals(crawl)) {
                return new CrawlOptions(start, 0, 1, true, false, true, List.of(), List.of());
            }
            CrawlOptions d = CrawlOptions.of(start);
            return new CrawlOptions(start, maxDepth == null ? d.maxDepth() : maxDepth,
                    maxPages == null ? d.maxPages() : maxPages,
                    sameDomainOnly == null ? d.sameDomainOnly() : sameDomainOnly,
                    useSitemap == null ? d.useSitemap() : useSitemap,
                    respectRobotsTxt == null ? d.respectRobotsTxt() : respectRobotsTxt,
                    includePatterns, excludePatterns);
        }
    }

    private final WebImportService imports;
    private final ConsoleWorkspace caller;

    WebImportController(WebImportService imports, ConsoleWorkspace caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @PostMapping
    ResponseEntity<JsonNode> start(@PathVariable String datasetId, @RequestBody JsonNode body) {
        WebImportRequest request = KnowledgeViews.read(body, WebImportRequest.class);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(KnowledgeViews.json(KnowledgeViews.WebImportView.of(
                        imports.start(caller.account(), datasetId, request.options()))));
    }

    @GetMapping
    JsonNode list(@PathVariable String datasetId) {
        return KnowledgeViews.json(new ListResponse<>(imports.list(caller.account(), datasetId).stream()
                .map(KnowledgeViews.WebImportView::of).toList()));
    }

    @GetMapping("/{importId}")
    JsonNode get(@PathVariable String datasetId, @PathVariable String importId) {
        return KnowledgeViews.json(KnowledgeViews.WebImportView.of(imports.get(caller.account(), datasetId, importId)));
    }

    @PostMapping("/{importId}/restart")
    ResponseEntity<JsonNode> restart(@PathVariable String datasetId, @PathVariable String importId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(KnowledgeViews.json(
                KnowledgeViews.WebImportView.of(imports.restart(caller.account(), datasetId, importId))));
    }
}
