package dev.weft.knowledge.web;

import dev.weft.knowledge.extract.ExtractedText;
import java.net.URI;
import java.util.List;

/**
 * One page as loaded: {@code url} is where it was found after redirects; {@code text} its text, title and metadata
 * ({@code url} among them); {@code links} the http(s) links of an HTML page, absolute and without fragments.
 */
public record FetchedPage(URI url, ExtractedText text, List<URI> links) {

    public FetchedPage {
        links = links == null ? List.of() : List.copyOf(links);
    }
}
