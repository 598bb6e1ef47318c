package dev.weft.knowledge.web;

import dev.weft.knowledge.extract.ExtractedText;
import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.knowledge.extract.NoExtractableTextException;
import dev.weft.knowledge.extract.TikaDocumentParser;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundRequest;
import dev.weft.security.OutboundResponse;
import dev.weft.security.RefusedAddressException;
import dev.weft.security.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

/**
 * Loads one web page as text through {@link GuardedHttpClient}, so the outbound address guard judges the URL and
 * every redirect. HTML is read with Jsoup ({@link HtmlPageReader}: boilerplate dropped, headings and tables kept);
 * any other content type (PDF, Word, plain text...) goes to the {@link TikaDocumentParser}. Failures are
 * {@link ExtractionException}s whose message names the URL and the reason.
 */
@Component
public class WebPageLoader {

    private final GuardedHttpClient http;
    private final TikaDocumentParser parser;
    private final WebProperties properties;

    public WebPageLoader(GuardedHttpClient http, TikaDocumentParser parser, WebProperties properties) {
        this.http = http;
        this.parser = parser;
        this.properties = properties;
    }

    public WebProperties properties() {
        return properties;
    }

    /** The text of the page at {@code url}. */
    public ExtractedText load(URI url) throws ExtractionException {
        return fetch(url).text();
    }

    /** The page at {@code url} with its links, as a crawler needs it. */
    public FetchedPage fetch(URI url) throws ExtractionException {
        OutboundResponse response = get(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new ExtractionException(url + " answered HTTP " + response.statusCode() + status(response.statusCode()));
        }
        URI at = UrlNormalizer.normalize(response.uri()).orElse(response.uri());
        String contentType = response.contentType();
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        FetchedPage page;
        if (isHtml(mediaType, response.body())) {
            Document document;
            try {
                document = Jsoup.parse(new ByteArrayInputStream(response.body()), charset(contentType), at.toString());
            } catch (IOException e) {
                throw new ExtractionException(at + " could not be read as HTML: " + e.getMessage(), e);
            }
            page = HtmlPageReader.read(document, at, mediaType.isEmpty() ? "text/html" : mediaType);
            if (page.text().isBlank()) {
                throw new NoExtractableTextException(at + " has no readable text (the page may be built by JavaScript, "
                        + "which Weft does not run)");
            }
        } else {
            page = new FetchedPage(at, document(at, mediaType, response.body()), List.of());
        }
        return page;
    }

    /** A GET through the guard; the message of a failure names the URL. */
    OutboundResponse get(URI url, String accept) throws ExtractionException {
        OutboundRequest request = new OutboundRequest("GET", url,
                Map.of("User-Agent", properties.userAgent(), "Accept", accept), null, properties.timeout(),
                properties.timeout(), properties.maxPageSize().toBytes(), true);
        try {
            return http.send(request);
        } catch (RefusedAddressException e) {
            throw new ExtractionException(url + " was not fetched: " + e.getMessage(), e);
        } catch (ResponseTooLargeException e) {
            throw new ExtractionException(url + " is larger than " + properties.maxPageSize().toMegabytes()
                    + " MB (weft.knowledge.web.max-page-size) and was not read", e);
        } catch (HttpTimeoutException e) {
            throw new ExtractionException(url + " did not answer in time: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ExtractionException(url + " could not be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtractionException(url + " was not fetched: interrupted", e);
        }
    }

    private ExtractedText document(URI url, String mediaType, byte[] body) throws ExtractionException {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        ExtractedText text = parser.parse(new ByteArrayInputStream(body), name.isEmpty() ? url.getHost() : name,
                mediaType.isEmpty() ? null : mediaType);
        Map<String, String> metadata = new LinkedHashMap<>(text.metadata());
        metadata.put("url", url.toString());
        return new ExtractedText(text.text(), text.title(), text.contentType(), metadata);
    }

    private static boolean isHtml(String mediaType, byte[] body) {
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")) {
            return true;
        }
        if (!mediaType.isEmpty() && !mediaType.equals("application/octet-stream")) {
            return false;
        }
        String head = new String(body, 0, Math.min(body.length, 512), java.nio.charset.StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    /** The charset the Content-Type header names, or null to let Jsoup look at the BOM and the meta tags. */
    private static String charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").strip();
                return Charset.isSupported(name) ? name : null;
            }
        }
        return null;
    }

    private static String status(int code) {
        return switch (code) {
            case 401, 403 -> " (access denied: the page needs a login or blocks crawlers)";
            case 404, 410 -> " (not found)";
            case 429 -> " (too many requests: try again later)";
            default -> code >= 500 ? " (the site had an error)" : "";
        };
    }
}
