package dev.weft.knowledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebCrawlerTest {

    private TestSite site;
    private final WebCrawler crawler = new WebCrawler(TestSite.loader());
    private final List<CrawlEvent> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        site = new TestSite();
        String other = "http://localhost:" + site.port();
        site.page("/", links("Home", "/a", "/a#section", "/a?utm_source=mail", "/b", "/private/x", "/private/ok", "/logo.png",
                        other + "/elsewhere", "mailto:ann@example.com"))
                .page("/a", links("Page A", "/a/deep", "/"))
                .page("/a/deep", links("Deep", "/a/deeper"))
                .page("/a/deeper", links("Deeper"))
                .redirect("/b", "/a")
                .page("/private/ok", links("Private but allowed"))
                .page("/private/x", links("Secret"))
                .page("/from-sitemap", links("Only in the sitemap"))
                .answer("/robots.txt", 200, "text/plain", """
                        User-agent: *
                        Disallow: /

                        User-agent: Weft
                        Disallow: /private
                        Allow: /private/ok
                        Sitemap: /sitemap-index.xml
                        """.getBytes(StandardCharsets.UTF_8))
                .answer("/sitemap-index.xml", 200, "application/xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                          <sitemap><loc>%s/sitemap-pages.xml</loc></sitemap>
                        </sitemapindex>""".formatted(site.base()).getBytes(StandardCharsets.UTF_8))
                .answer("/sitemap-pages.xml", 200, "application/xml", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                          <url><loc>%1$s/from-sitemap</loc></url><url><loc>%1$s/a</loc></url>
                        </urlset>""".formatted(site.base()).getBytes(StandardCharsets.UTF_8));
        site.page("/elsewhere", links("On another host name"));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static String links(String title, String... hrefs) {
        StringBuilder html = new StringBuilder("<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><nav>");
        for (String href : hrefs) {
            html.append("<a href=\"").append(href).append("\">link</a> ");
        }
        return html.append("</nav><p>Text of ").append(title).append(".</p></body></html>").toString();
    }

    private CrawlOptions options(int depth, int pages, boolean sameDomain, boolean sitemap, List<String> include, List<String> exclude) {
        return new CrawlOptions(site.url("/"), depth, pages, sameDomain, sitemap, true, include, exclude);
    }

    private List<String> loaded() {
        return events.stream().filter(e -> e instanceof CrawlEvent.PageLoaded)
                .map(e -> e.url().toString().replace(site.base(), "").replace("http://localhost:" + site.port(), "localhost"))
                .toList();
    }

    @Test
    void crawls_breadth_first_once_per_page_within_the_depth_and_robots_txt() {
        CrawlSummary summary = crawler.crawl(options(2, 50, true, false, List.of(), List.of()), events::add);
        assertThat(loaded()).containsExactly("/", "/a", "/private/ok", "/a/deep");
        assertThat(summary).isEqualTo(new CrawlSummary(4, 0, 1, false));
        assertThat(site.requests).containsOnlyOnce("/robots.txt").doesNotContain("/private/x", "/logo.png", "/a/deeper");
        // /b redirects to /a: the redirect is followed (so /a is fetched again) but the page is reported once
        assertThat(site.requests.stream().filter(r -> r.startsWith("/a") || r.equals("/b")).toList())
                .containsExactly("/a", "/b", "/a", "/a/deep");
        CrawlEvent.PageLoaded home = (CrawlEvent.PageLoaded) events.getFirst();
        assertThat(home.depth()).isZero();
        assertThat(home.text().text()).isEqualTo("# Home\n\nText of Home.");
        assertThat(home.text().metadata()).containsEntry("url", site.base() + "/");
    }

    @Test
    void the_page_limit_stops_the_crawl_and_says_so() {
        CrawlSummary summary = crawler.crawl(options(5, 2, true, false, List.of(), List.of()), events::add);
        assertThat(loaded()).containsExactly("/", "/a");
        assertThat(summary.stoppedAtMaxPages()).isTrue();
    }

    @Test
    void the_sitemap_adds_pages_no_link_leads_to() {
        crawler.crawl(options(0, 50, true, true, List.of(), List.of()), events::add);
        assertThat(loaded()).containsExactly("/", "/from-sitemap", "/a");
    }

    @Test
    void patterns_choose_the_pages_and_other_hosts_are_left_unless_asked() {
        crawler.crawl(options(3, 50, true, false, List.of("/a*"), List.of("*/deeper")), events::add);
        assertThat(loaded()).containsExactly("/a", "/a/deep");
        events.clear();
        crawler.crawl(options(1, 50, false, false, List.of(), List.of("/private/*")), events::add);
        assertThat(loaded()).containsExactly("/", "/a", "localhost/elsewhere");
    }

    @Test
    void failures_are_reported_with_their_reason_and_the_crawl_goes_on() {
        site.page("/", links("Home", "/gone", "/a"));
        crawler.crawl(options(1, 50, true, false, List.of(), List.of()), events::add);
        Map<String, String> failures = events.stream().filter(e -> e instanceof CrawlEvent.PageFailed)
                .collect(Collectors.toMap(e -> e.url().getPath(), e -> ((CrawlEvent.PageFailed) e).reason()));
        assertThat(failures).containsExactly(Map.entry("/gone", site.base() + "/gone answered HTTP 404 (not found)"));
        assertThat(loaded()).containsExactly("/", "/a");
    }

    @Test
    void a_site_whose_robots_txt_fails_is_not_crawled() {
        site.answer("/robots.txt", 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
        CrawlSummary summary = crawler.crawl(options(2, 50, true, false, List.of(), List.of()), events::add);
        assertThat(summary.pagesLoaded()).isZero();
        assertThat(events).singleElement().isInstanceOfSatisfying(CrawlEvent.PageFailed.class,
                f -> assertThat(f.reason()).contains("robots.txt could not be read (HTTP 503)"));
        events.clear();
        crawler.crawl(new CrawlOptions(site.url("/"), 0, 5, true, false, false, null, null), events::add);
        assertThat(loaded()).containsExactly("/");
    }

    @Test
    void without_the_allow_list_the_guard_refuses_127_0_0_1_and_nothing_is_requested() {
        WebCrawler guarded = new WebCrawler(TestSite.loader(List.of(), new WebProperties(null, null, Duration.ofSeconds(5), Duration.ZERO)));
        CrawlSummary summary = guarded.crawl(options(2, 50, true, true, List.of(), List.of()), events::add);
        assertThat(summary.pagesLoaded()).isZero();
        assertThat(events).singleElement().isInstanceOfSatisfying(CrawlEvent.PageFailed.class, f -> assertThat(f.reason())
                .contains("127.0.0.1 is a loopback address").contains("weft.security.outbound.allow"));
        assertThat(site.requests).isEmpty();
    }

    @Test
    void urls_are_normalised_so_spellings_of_one_page_match() {
        assertThat(UrlNormalizer.normalize("HTTP://Example.COM:80/a/./b/../c?utm_source=x&id=3#top"))
                .contains(URI.create("http://example.com/a/c?id=3"));
        assertThat(UrlNormalizer.normalize("https://example.com")).contains(URI.create("https://example.com/"));
        assertThat(UrlNormalizer.normalize("ftp://example.com/file")).isEmpty();
        assertThat(UrlNormalizer.normalize("javascript:void(0)")).isEmpty();
    }
}
