package dev.weft.knowledge.web;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to crawl. {@code maxDepth}: how many links away from the start page to go (0: the start page only; pages a
 * sitemap lists count as one link away). {@code maxPages}: how many pages to report at most (1 to 10,000).
 * {@code sameDomainOnly}: stay on the start page's host ({@code www.} ignored). {@code includePatterns} and
 * {@code excludePatterns}: wildcard patterns ({@code *} matches anything) for the path and query, such as
 * {@code /blog/*}, or for the whole URL when they start with {@code http}; with include patterns only matching
 * pages are crawled (the start page is still read for its links), and excluded pages never are.
 */
public record CrawlOptions(
        URI startUrl,
        int maxDepth,
        int maxPages,
        boolean sameDomainOnly,
        boolean useSitemap,
        boolean respectRobotsTxt,
        List<String> includePatterns,
        List<String> excludePatterns) {

    public static final int MAX_PAGES_LIMIT = 10_000;

    public CrawlOptions {
        Objects.requireNonNull(startUrl, "the start URL is required");
        if (maxDepth < 0) {
            throw new IllegalArgumentException("crawl depth must be 0 or more, got " + maxDepth);
        }
        if (maxPages < 1 || maxPages > MAX_PAGES_LIMIT) {
            throw new IllegalArgumentException("the page limit must be between 1 and " + MAX_PAGES_LIMIT + ", got " + maxPages);
        }
        includePatterns = clean(includePatterns);
        excludePatterns = clean(excludePatterns);
    }

    /** Two links deep, 50 pages, this site only, no sitemap, robots.txt respected, no patterns. */
    public static CrawlOptions of(URI startUrl) {
        return new CrawlOptions(startUrl, 2, 50, true, false, true, List.of(), List.of());
    }

    /** Whether the patterns let {@code url} in. */
    public boolean admits(URI url) {
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String full = url.toString();
        if (excludePatterns.stream().anyMatch(p -> matches(p, path, full))) {
            return false;
        }
        return includePatterns.isEmpty() || includePatterns.stream().anyMatch(p -> matches(p, path, full));
    }

    private static boolean matches(String pattern, String path, String full) {
        boolean whole = pattern.regionMatches(true, 0, "http", 0, 4);
        String glob = whole || pattern.startsWith("/") || pattern.startsWith("*") ? pattern : "/" + pattern;
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(whole ? full : path).matches();
    }

    private static List<String> clean(List<String> patterns) {
        return patterns == null ? List.of() : patterns.stream().filter(p -> p != null && !p.isBlank()).map(String::strip).toList();
    }
}
