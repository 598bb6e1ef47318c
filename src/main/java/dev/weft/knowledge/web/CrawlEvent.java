package dev.weft.knowledge.web;

import dev.weft.knowledge.extract.ExtractedText;
import java.net.URI;

/** What a crawl reports about one page, as soon as it is done with it. */
public sealed interface CrawlEvent {

    URI url();

    /** Links away from the start page. */
    int depth();

    /** The page was read. */
    record PageLoaded(URI url, int depth, ExtractedText text) implements CrawlEvent {}

    /** The page could not be read; {@code reason} says why, for a person. */
    record PageFailed(URI url, int depth, String reason) implements CrawlEvent {}
}
