package dev.weft.knowledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsTxtTest {

    private static final URI BASE = URI.create("https://example.com/robots.txt");

    private static boolean allows(RobotsTxt robots, String path) {
        return robots.allows(URI.create("https://example.com" + path));
    }

    @Test
    void the_longest_matching_rule_wins_and_allow_wins_a_tie() {
        RobotsTxt robots = RobotsTxt.parse("""
                User-agent: *
                Disallow: /private
                Allow: /private/public
                Disallow: /*.pdf$
                Allow: /docs/*.pdf$
                Disallow: /tie
                Allow: /tie
                Disallow: /search?q=
                """, "Weft", BASE);
        assertThat(allows(robots, "/")).isTrue();
        assertThat(allows(robots, "/private")).isFalse();
        assertThat(allows(robots, "/private/x")).isFalse();
        assertThat(allows(robots, "/private/public/page")).isTrue();
        assertThat(allows(robots, "/files/a.pdf")).isFalse();
        assertThat(allows(robots, "/files/a.pdf?download=1")).isTrue();
        assertThat(allows(robots, "/docs/a.pdf")).isTrue();
        assertThat(allows(robots, "/tie")).isTrue();
        assertThat(allows(robots, "/search?q=tea")).isFalse();
        assertThat(allows(robots, "/search")).isTrue();
        assertThat(allows(robots, "/robots.txt")).isTrue();
    }

    @Test
    void the_group_naming_weft_replaces_the_star_group_and_groups_can_share_rules() {
        String text = """
                # comment
                User-agent: *
                Disallow: /

                User-agent: OtherBot
                User-agent: weft
                Disallow: /admin   # not for us
                Crawl-delay: 2.5

                User-agent: WEFT
                Disallow: /tmp
                Sitemap: /sitemap-index.xml
                """;
        RobotsTxt weft = RobotsTxt.parse(text, "Weft", BASE);
        assertThat(allows(weft, "/page")).isTrue();
        assertThat(allows(weft, "/admin/users")).isFalse();
        assertThat(allows(weft, "/tmp/x")).isFalse();
        assertThat(weft.crawlDelay()).isEqualTo(Duration.ofMillis(2500));
        assertThat(weft.sitemaps()).containsExactly(URI.create("https://example.com/sitemap-index.xml"));
        RobotsTxt other = RobotsTxt.parse(text, "SomeBot", BASE);
        assertThat(allows(other, "/page")).isFalse();
        assertThat(other.crawlDelay()).isNull();
    }

    @Test
    void an_empty_disallow_allows_everything_and_an_unreadable_file_allows_nothing() {
        assertThat(allows(RobotsTxt.parse("User-agent: *\nDisallow:\n", "Weft", BASE), "/anything")).isTrue();
        assertThat(allows(RobotsTxt.allowAll(), "/anything")).isTrue();
        RobotsTxt unreadable = RobotsTxt.disallowAll("HTTP 503");
        assertThat(allows(unreadable, "/anything")).isFalse();
        assertThat(unreadable.refusal()).isEqualTo("HTTP 503");
    }
}
