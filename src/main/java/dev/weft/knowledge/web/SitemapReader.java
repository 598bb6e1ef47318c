package dev.weft.knowledge.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** The page and sitemap URLs of a sitemap.xml ({@code urlset}) or sitemap index ({@code sitemapindex}), gzipped or not. */
final class SitemapReader {

    /** What one sitemap lists. */
    record Sitemap(List<URI> pages, List<URI> sitemaps) {}

    private SitemapReader() {}

    static Sitemap read(byte[] body, URI base, long maxBytes) throws IOException {
        byte[] xml = body;
        if (body.length > 2 && (body[0] & 0xFF) == 0x1F && (body[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                xml = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (xml.length > maxBytes) {
                    throw new IOException("the sitemap unpacks to more than " + maxBytes + " bytes");
                }
            }
        }
        Document doc = Jsoup.parse(new ByteArrayInputStream(xml), null, base.toString(), Parser.xmlParser());
        List<URI> pages = new ArrayList<>();
        List<URI> sitemaps = new ArrayList<>();
        for (Element loc : doc.select("loc")) {
            Element parent = loc.parent();
            String name = parent == null ? "" : parent.normalName();
            UrlNormalizer.normalize(loc.text()).ifPresent(url -> {
                if (name.endsWith("sitemap")) {
                    sitemaps.add(url);
                } else if (name.endsWith("url")) {
                    pages.add(url);
                }
            });
        }
        return new Sitemap(pages, sitemaps);
    }
}
