package dev.weft.knowledge.web;

import dev.weft.knowledge.extract.ExtractedText;
import dev.weft.knowledge.extract.HtmlToMarkdown;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * The readable part of a web page: scripts, styles, navigation, headers, footers, sidebars, forms, cookie banners
 * and hidden elements are dropped; the page's {@code <main>} (or its only {@code <article>}, else the body) is kept
 * as Markdown-ish text with {@code #} headings and Markdown tables. Links are collected before anything is dropped,
 * so a crawler also finds the pages a menu points to.
 */
final class HtmlPageReader {

    private static final String BOILERPLATE = String.join(", ",
            "script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select", "input",
            "nav", "footer", "aside", "dialog", "menu", "[role=navigation]", "[role=banner]", "[role=contentinfo]",
            "[role=search]", "[role=complementary]", "[aria-hidden=true]", "[hidden]", "[style*=display:none]",
            "[style*=display: none]", "#cookie-banner", ".cookie-banner", ".cookie-consent", "#cookie-consent",
            ".skip-link", ".visually-hidden", ".sr-only");

    private HtmlPageReader() {}

    static FetchedPage read(Document page, URI url, String contentType) {
        List<URI> links = links(page);
        String title = title(page);
        Element content = content(page);
        content.select(BOILERPLATE).remove();
        content.select("header").stream().filter(h -> h.closest("article, main, section") == null).forEach(Element::remove);
        String text = HtmlToMarkdown.convert(content);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("url", url.toString());
        metadata.put("content_type", contentType);
        String lang = page.select("html[lang]").attr("lang").strip();
        if (!lang.isEmpty()) {
            metadata.put("language", lang);
        }
        String description = page.select("meta[name=description]").attr("content").strip();
        if (!description.isEmpty()) {
            metadata.put("description", description);
        }
        if (title == null) {
            title = firstHeading(text);
        }
        return new FetchedPage(url, new ExtractedText(text, title, contentType, metadata), links);
    }

    private static Element content(Document page) {
        Element main = page.selectFirst("main, [role=main]");
        if (main != null) {
            return main;
        }
        Elements articles = page.select("article");
        if (articles.size() == 1) {
            return articles.first();
        }
        return page.body();
    }

    private static String title(Document page) {
        String title = page.title().strip();
        if (title.isEmpty()) {
            title = page.select("meta[property=og:title]").attr("content").strip();
        }
        if (title.isEmpty()) {
            Element h1 = page.selectFirst("h1");
            title = h1 == null ? "" : h1.text().strip();
        }
        return title.isEmpty() ? null : title;
    }

    private static String firstHeading(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                return line.replaceFirst("^#+\\s*", "").strip();
            }
        }
        return null;
    }

    private static List<URI> links(Document page) {
        Set<URI> links = new LinkedHashSet<>();
        for (Element a : page.select("a[href], area[href]")) {
            if (a.attr("rel").toLowerCase(java.util.Locale.ROOT).contains("nofollow")) {
                continue;
            }
            String href = a.absUrl("href");
            if (href.startsWith("http://") || href.startsWith("https://")) {
                UrlNormalizer.normalize(href).ifPresent(links::add);
            }
        }
        return new ArrayList<>(links);
    }
}
