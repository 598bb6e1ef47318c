package dev.weft.knowledge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.knowledge.extract.ExtractedText;
import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.knowledge.extract.NoExtractableTextException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebPageLoaderTest {

    private TestSite site;
    private final WebPageLoader loader = TestSite.loader();

    @BeforeEach
    void start() throws Exception {
        site = new TestSite();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private static final String ARTICLE = """
            <!doctype html><html lang="en"><head><title>Tea prices | Example</title>
            <meta name="description" content="What tea costs"><script>var tracking = 1;</script><style>p{color:red}</style></head>
            <body><header><a href="/">Home</a> <a href="/about">About us</a></header>
            <nav><ul><li><a href="/menu">Menu</a></li></ul></nav>
            <main><h1>Tea prices</h1><p>Prices as of <b>today</b>; see <a href="notes.html#top">the notes</a>.</p>
            <h2>Green tea</h2><table><tr><th>Kind</th><th>Price</th></tr><tr><td>Sencha</td><td>3.50</td></tr></table>
            <ul><li>Loose leaf</li><li>Bags</li></ul><form><input name="q"><button>Search</button></form></main>
            <aside>Related: coffee</aside><div class="cookie-banner">We use cookies</div>
            <footer>© Example Ltd</footer><script>document.write("late")</script></body></html>""";

    @Test
    void an_html_page_keeps_its_content_as_markdown_and_drops_the_boilerplate() throws Exception {
        site.page("/tea", ARTICLE);
        FetchedPage page = loader.fetch(site.url("/tea"));
        ExtractedText text = page.text();
        assertThat(text.text()).isEqualTo("""
                # Tea prices

                Prices as of today; see the notes.

                ## Green tea

                | Kind | Price |
                | --- | --- |
                | Sencha | 3.50 |

                - Loose leaf
                - Bags""");
        assertThat(text.title()).isEqualTo("Tea prices | Example");
        assertThat(text.contentType()).isEqualTo("text/html");
        assertThat(text.metadata()).containsEntry("url", site.base() + "/tea").containsEntry("language", "en")
                .containsEntry("description", "What tea costs");
        assertThat(page.links()).containsExactly(site.url("/"), site.url("/about"), site.url("/menu"), site.url("/notes.html"));
    }

    @Test
    void other_content_types_are_read_by_tika() throws Exception {
        site.answer("/files/notes.txt", 200, "text/plain; charset=utf-8", "Plain notes about tea.".getBytes(StandardCharsets.UTF_8));
        site.answer("/files/report.rtf", 200, "application/rtf", "{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0\\fs24 Quarterly {\\b figures} here.\\par}".getBytes(StandardCharsets.US_ASCII));
        ExtractedText notes = loader.load(site.url("/files/notes.txt"));
        assertThat(notes.text()).isEqualTo("Plain notes about tea.");
        assertThat(notes.metadata()).containsEntry("url", site.base() + "/files/notes.txt");
        assertThat(loader.load(site.url("/files/report.rtf")).text()).isEqualTo("Quarterly figures here.");
    }

    @Test
    void the_charset_of_the_header_or_the_page_is_used() throws Exception {
        Charset latin = Charset.forName("windows-1252");
        site.answer("/header", 200, "text/html; charset=windows-1252", "<p>Grüße – “quoted”</p>".getBytes(latin));
        site.answer("/meta", 200, "text/html", "<html><head><meta charset=\"windows-1252\"></head><p>Grüße</p></html>".getBytes(latin));
        assertThat(loader.load(site.url("/header")).text()).isEqualTo("Grüße – “quoted”");
        assertThat(loader.load(site.url("/meta")).text()).isEqualTo("Grüße");
    }

    @Test
    void failures_name_the_url_and_the_reason() throws Exception {
        site.page("/app", "<html><body><div id=\"root\"></div><script>render()</script></body></html>");
        assertThatThrownBy(() -> loader.load(site.url("/missing")))
                .isInstanceOf(ExtractionException.class).hasMessage(site.base() + "/missing answered HTTP 404 (not found)");
        assertThatThrownBy(() -> loader.load(site.url("/app")))
                .isInstanceOf(NoExtractableTextException.class).hasMessageStartingWith(site.base() + "/app has no readable text");
        site.page("/big", "<p>" + "x".repeat(4000) + "</p>");
        WebPageLoader small = TestSite.loader(List.of("127.0.0.1"), new WebProperties(null, DataSize.ofKilobytes(2), Duration.ofSeconds(5), null));
        assertThatThrownBy(() -> small.load(site.url("/big"))).hasMessageContaining("is larger than");
    }

    @Test
    void the_address_guard_refuses_loopback_without_the_allow_list_and_private_redirect_targets() throws Exception {
        site.page("/tea", ARTICLE);
        WebPageLoader guarded = TestSite.loader(List.of(), WebProperties.DEFAULT);
        assertThatThrownBy(() -> guarded.load(site.url("/tea")))
                .isInstanceOf(ExtractionException.class)
                .hasMessageContaining("127.0.0.1 is a loopback address")
                .hasMessageContaining("weft.security.outbound.allow");
        assertThat(site.requests).isEmpty();
        site.redirect("/jump", "http://10.11.12.13/secret");
        assertThatThrownBy(() -> loader.load(site.url("/jump")))
                .hasMessageContaining("10.11.12.13 is a private address");
    }

    @Test
    void a_redirect_is_followed_and_the_page_says_where_it_ended() throws Exception {
        site.page("/new", "<p>Moved here</p>").redirect("/old", "/new");
        FetchedPage page = loader.fetch(site.url("/old"));
        assertThat(page.url()).isEqualTo(URI.create(site.base() + "/new"));
        assertThat(page.text().metadata()).containsEntry("url", site.base() + "/new");
    }
}
