package dev.weft.knowledge.web;

/**
 * How a crawl went: pages read, pages that failed, links robots.txt kept it from, and whether it stopped at the
 * page limit with links left over.
 */
public record CrawlSummary(int pagesLoaded, int pagesFailed, int blockedByRobots, boolean stoppedAtMaxPages) {}
