package dev.weft.knowledge.web;

import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.security.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Crawls a site breadth first, one request at a time with a pause between requests to a host
 * ({@link WebProperties#requestDelay()}, or robots.txt's longer {@code Crawl-delay} up to 10 s), and reports each
 * page to a listener as soon as it is read or has failed. Every request, robots.txt and sitemaps included, goes
 * through the {@link WebPageLoader} and so through the outbound address guard, redirects too. URLs are compared in
 * a normalised form (see {@link UrlNormalizer}) so each page is visited once, also when a redirect leads to a page
 * already seen. Links to images, media, fonts, scripts and archives are not followed. Interrupting the calling
 * thread stops the crawl.
 */
@Component
public class WebCrawler {

    private static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(10);
    private static final int MAX_SITEMAPS = 50;
    private static final Pattern NOT_A_PAGE = Pattern.compile(
            "(?i).*\\.(png|jpe?g|gif|webp|bmp|ico|svg|tiff?|css|js|mjs|map|woff2?|ttf|otf|eot|mp3|wav|ogg|flac|m4a|mp4|m4v|"
                    + "mov|avi|mkv|webm|zip|gz|tgz|bz2|xz|7z|rar|tar|exe|dmg|msi|iso|apk|bin|jar)$");

    private final WebPageLoader loader;

    public WebCrawler(WebPageLoader loader) {
        this.loader = loader;
    }

    public CrawlSummary crawl(CrawlOptions options, Consumer<CrawlEvent> listener) {
        return new Crawl(options, listener).run();
    }

    /** The state of one crawl. */
    private final class Crawl {

        private record Visit(URI url, int depth) {}

        private final CrawlOptions options;
        private final Consumer<CrawlEvent> listener;
        private final ArrayDeque<Visit> queue = new ArrayDeque<>();
        private final Set<URI> seen = new HashSet<>();
        private final Map<String, RobotsTxt> robots = new HashMap<>();
        private final Map<String, Long> lastRequest = new HashMap<>();
        private String site;
        private int loaded;
        private int failed;
        private int blocked;

        Crawl(CrawlOptions options, Consumer<CrawlEvent> listener) {
            this.options = options;
            this.listener = listener;
        }

        CrawlSummary run() {
            URI start = UrlNormalizer.normalize(options.startUrl()).orElse(null);
            if (start == null) {
                report(new CrawlEvent.PageFailed(options.startUrl(), 0, options.startUrl() + " is not an http or https URL"));
                return summary(false);
            }
            site = siteOf(start);
            seen.add(start);
            queue.add(new Visit(start, 0));
            if (options.useSitemap()) {
                readSitemaps(start);
            }
            while (!queue.isEmpty() && reported() < options.maxPages() && !Thread.currentThread().isInterrupted()) {
                visit(queue.poll());
            }
            return summary(!queue.isEmpty() && reported() >= options.maxPages());
        }

        private void visit(Visit visit) {
            URI url = visit.url();
            if (options.respectRobotsTxt()) {
                RobotsTxt rules = robotsFor(url);
                if (!rules.allows(url)) {
                    blocked++;
                    if (visit.depth() == 0) {
                        report(new CrawlEvent.PageFailed(url, 0, rules.refusal() != null ? url + " was not crawled: " + rules.refusal()
                                : url + " was not crawled: the site's robots.txt does not allow it"));
                    }
                    return;
                }
            }
            FetchedPage page;
            try {
                pause(url);
                page = loader.fetch(url);
            } catch (ExtractionException e) {
                report(new CrawlEvent.PageFailed(url, visit.depth(), e.getMessage()));
                return;
            }
            URI at = page.url();
            if (!at.equals(url)) {
                if (!seen.add(at)) {
                    return;
                }
                if (options.sameDomainOnly() && !siteOf(at).equals(site)) {
                    report(new CrawlEvent.PageFailed(url, visit.depth(), url + " redirects to another site (" + at
                            + "), which this crawl stays off"));
                    return;
                }
            }
            if (visit.depth() > 0 || options.admits(at)) {
                report(new CrawlEvent.PageLoaded(at, visit.depth(), page.text()));
            }
            if (visit.depth() < options.maxDepth()) {
                for (URI link : page.links()) {
                    if (seen.add(link) && follows(link)) {
                        queue.add(new Visit(link, visit.depth() + 1));
                    }
                }
            }
        }

        private boolean follows(URI link) {
            return (!options.sameDomainOnly() || siteOf(link).equals(site))
                    && options.admits(link)
                    && !NOT_A_PAGE.matcher(link.getPath() == null ? "" : link.getPath()).matches();
        }

        private void readSitemaps(URI start) {
            ArrayDeque<URI> sitemaps = new ArrayDeque<>(options.respectRobotsTxt() ? robotsFor(start).sitemaps() : List.of());
            if (sitemaps.isEmpty()) {
                sitemaps.add(start.resolve("/sitemap.xml"));
            }
            Set<URI> read = new HashSet<>();
            while (!sitemaps.isEmpty() && read.size() < MAX_SITEMAPS && !Thread.currentThread().isInterrupted()) {
                URI sitemap = sitemaps.poll();
                if (!read.add(sitemap) || options.sameDomainOnly() && !siteOf(sitemap).equals(site)) {
                    continue;
                }
                try {
                    pause(sitemap);
                    OutboundResponse response = loader.get(sitemap, "application/xml,text/xml;q=0.9,*/*;q=0.5");
                    if (response.statusCode() / 100 != 2) {
                        continue;
                    }
                    SitemapReader.Sitemap listed = SitemapReader.read(response.body(), sitemap, loader.properties().maxPageSize().toBytes());
                    sitemaps.addAll(listed.sitemaps());
                    for (URI page : listed.pages()) {
                        if (seen.add(page) && follows(page)) {
                            queue.add(new Visit(page, 1));
                        }
                    }
                } catch (ExtractionException | IOException | RuntimeException e) {
                    // an unreadable sitemap leaves the crawl to the links
                }
            }
        }

        private RobotsTxt robotsFor(URI url) {
            return robots.computeIfAbsent(origin(url), origin -> {
                URI location = URI.create(origin + "/robots.txt");
                try {
                    pause(location);
                    OutboundResponse response = loader.get(location, "text/plain,*/*;q=0.5");
                    int status = response.statusCode();
                    if (status / 100 == 2) {
                        byte[] body = response.body();
                        String text = new String(body, 0, Math.min(body.length, RobotsTxt.MAX_BYTES), StandardCharsets.UTF_8);
                        return RobotsTxt.parse(text, loader.properties().robotsName(), location);
                    }
                    if (status >= 500) {
                        return RobotsTxt.disallowAll("the site's robots.txt could not be read (HTTP " + status + "), so the site asks not to be crawled");
                    }
                    return RobotsTxt.allowAll();
                } catch (ExtractionException e) {
                    // no robots.txt to obey; fetching the page itself will say why the site cannot be reached
                    return RobotsTxt.allowAll();
                }
            });
        }

        /** Waits until the pause since the last request to this host is over. */
        private void pause(URI url) throws ExtractionException {
            String origin = origin(url);
            Duration delay = loader.properties().requestDelay();
            RobotsTxt rules = robots.get(origin);
            if (rules != null && rules.crawlDelay() != null && rules.crawlDelay().compareTo(delay) > 0) {
                delay = rules.crawlDelay().compareTo(MAX_CRAWL_DELAY) > 0 ? MAX_CRAWL_DELAY : rules.crawlDelay();
            }
            Long last = lastRequest.get(origin);
            long wait = last == null ? 0 : last + delay.toMillis() - System.currentTimeMillis();
            if (wait > 0) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ExtractionException(url + " was not fetched: the crawl was stopped", e);
                }
            }
            lastRequest.put(origin, System.currentTimeMillis());
        }

        private void report(CrawlEvent event) {
            if (event instanceof CrawlEvent.PageLoaded) {
                loaded++;
            } else {
                failed++;
            }
            listener.accept(event);
        }

        private int reported() {
            return loaded + failed;
        }

        private CrawlSummary summary(boolean stoppedAtMaxPages) {
            return new CrawlSummary(loaded, failed, blocked, stoppedAtMaxPages);
        }
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }

    /** The host without a leading {@code www.}. */
    private static String siteOf(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
