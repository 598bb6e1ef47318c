package dev.weft.knowledge.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of one site's robots.txt for one crawler (RFC 9309): the groups naming the crawler's product token
 * (case-insensitive), else the {@code *} groups; {@code Allow} and {@code Disallow} paths with {@code *} and a final
 * {@code $}; the longest matching rule wins and {@code Allow} wins a tie. Also the {@code Sitemap} lines and the
 * group's {@code Crawl-delay}.
 */
final class RobotsTxt {

    /** At most this much of a robots.txt is read (RFC 9309 asks for at least 500 KiB). */
    static final int MAX_BYTES = 512 * 1024;

    private record Rule(boolean allow, int length, Pattern pattern) {}

    private final List<Rule> rules;
    private final Duration crawlDelay;
    private final List<URI> sitemaps;
    private final String refusal;

    private RobotsTxt(List<Rule> rules, Duration crawlDelay, List<URI> sitemaps, String refusal) {
        this.rules = rules;
        this.crawlDelay = crawlDelay;
        this.sitemaps = sitemaps;
        this.refusal = refusal;
    }

    /** No robots.txt (a 4xx answer): everything may be crawled. */
    static RobotsTxt allowAll() {
        return new RobotsTxt(List.of(), null, List.of(), null);
    }

    /** A robots.txt that could not be read (5xx, no answer): nothing may be crawled, for the reason given. */
    static RobotsTxt disallowAll(String reason) {
        return new RobotsTxt(List.of(), null, List.of(), reason);
    }

    static RobotsTxt parse(String content, String agent, URI base) {
        String me = agent.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> anyone = new ArrayList<>();
        Duration myDelay = null;
        Duration anyDelay = null;
        List<URI> sitemaps = new ArrayList<>();
        boolean forMe = false;
        boolean forAnyone = false;
        boolean inAgents = false;
        boolean sawMyGroup = false;
        for (String raw : content.split("\\r\\n|\\r|\\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "user-agent" -> {
                    if (!inAgents) {
                        forMe = false;
                        forAnyone = false;
                        inAgents = true;
                    }
                    String name = value.toLowerCase(Locale.ROOT);
                    forMe |= name.equals(me);
                    forAnyone |= name.equals("*");
                    sawMyGroup |= name.equals(me);
                }
                case "allow", "disallow" -> {
                    inAgents = false;
                    if (!value.isEmpty()) {
                        Rule rule = new Rule(key.equals("allow"), value.length(), pattern(value));
                        if (forMe) {
                            mine.add(rule);
                        }
                        if (forAnyone) {
                            anyone.add(rule);
                        }
                    }
                }
                case "crawl-delay" -> {
                    inAgents = false;
                    Duration delay = seconds(value);
                    if (forMe) {
                        myDelay = delay;
                    }
                    if (forAnyone) {
                        anyDelay = delay;
                    }
                }
                case "sitemap" -> {
                    try {
                        sitemaps.add(base.resolve(value));
                    } catch (IllegalArgumentException ignored) {
                        // not a URL: skipped
                    }
                }
                default -> inAgents = false;
            }
        }
        return sawMyGroup
                ? new RobotsTxt(List.copyOf(mine), myDelay, List.copyOf(sitemaps), null)
                : new RobotsTxt(List.copyOf(anyone), anyDelay, List.copyOf(sitemaps), null);
    }

    /** Whether the crawler may fetch {@code url}. */
    boolean allows(URI url) {
        if (refusal != null) {
            return false;
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (path.equals("/robots.txt")) {
            return true;
        }
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.pattern().matcher(path).lookingAt()
                    && (best == null || rule.length() > best.length() || rule.length() == best.length() && rule.allow())) {
                best = rule;
            }
        }
        return best == null || best.allow();
    }

    /** Why nothing may be crawled, or null. */
    String refusal() {
        return refusal;
    }

    /** The Crawl-delay the crawler's group asks for, or null. */
    Duration crawlDelay() {
        return crawlDelay;
    }

    List<URI> sitemaps() {
        return sitemaps;
    }

    private static Pattern pattern(String path) {
        boolean anchored = path.endsWith("$");
        String body = anchored ? path.substring(0, path.length() - 1) : path;
        StringBuilder regex = new StringBuilder();
        for (String literal : body.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        if (anchored) {
            regex.append('$');
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static Duration seconds(String value) {
        try {
            double seconds = Double.parseDouble(value);
            return seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
