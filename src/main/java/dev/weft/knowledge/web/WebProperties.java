package dev.weft.knowledge.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code weft.knowledge.web}: {@code user-agent} (default {@code Weft/1.0}, whose product token
 * {@code Weft} is what robots.txt groups are matched against), {@code max-page-size} (default 15MB),
 * {@code timeout} per request (default 30s) and {@code request-delay}, the pause between two requests to one site
 * while crawling (default 500ms; a longer robots.txt {@code Crawl-delay} wins, up to 10s).
 */
@ConfigurationProperties("weft.knowledge.web")
public record WebProperties(String userAgent, DataSize maxPageSize, Duration timeout, Duration requestDelay) {

    public static final WebProperties DEFAULT = new WebProperties(null, null, null, null);

    public WebProperties {
        userAgent = userAgent == null || userAgent.isBlank() ? "Weft/1.0" : userAgent.strip();
        maxPageSize = maxPageSize == null || maxPageSize.toBytes() <= 0 ? DataSize.ofMegabytes(15) : maxPageSize;
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(30) : timeout;
        requestDelay = requestDelay == null || requestDelay.isNegative() ? Duration.ofMillis(500) : requestDelay;
    }

    /** The name robots.txt rules are looked up by: the user agent up to its first {@code /} or space. */
    public String robotsName() {
        return userAgent.split("[/\\s]", 2)[0];
    }
}
