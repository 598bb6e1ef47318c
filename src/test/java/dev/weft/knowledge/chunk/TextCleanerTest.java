package dev.weft.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTest {

    private static final CleaningRules SPACES = new CleaningRules(true, false);
    private static final CleaningRules ALL = new CleaningRules(true, true);
    private static final CleaningRules NOTHING = new CleaningRules(false, false);

    @Test
    void extra_spaces_collapse_but_paragraph_breaks_and_table_rows_stay() {
        String text = "  Title\t\t here  \r\n\r\n\r\n\r\nFirst   line\u00A0\u00A0two \n   \n\n| a  |   b |\n| --- | --- |\n|  1 | 2  |\n\n\n";
        assertThat(TextCleaner.clean(text, SPACES)).isEqualTo("Title here\n\nFirst line two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |");
    }

    @Test
    void control_and_invisible_characters_always_go() {
        assertThat(TextCleaner.clean("\uFEFFa\u0000b\u200Bc\u0007\td\r\ne", NOTHING)).isEqualTo("abc\td\ne");
    }

    @Test
    void urls_and_emails_go_when_asked_and_links_keep_their_text() {
        String text = "Write to ann.lee+kb@example.co.uk or see https://example.com/docs?a=1&b=2. "
                + "Also [the guide](https://example.com/guide \"Guide\") and ![logo](http://x.io/l.png) at www.example.org!\n"
                + "| site | https://a.example/x |";
        assertThat(TextCleaner.clean(text, ALL))
                .isEqualTo("Write to or see . Also the guide and logo at !\n| site | |");
        assertThat(TextCleaner.clean(text, SPACES)).contains("ann.lee+kb@example.co.uk").contains("https://example.com/docs?a=1&b=2");
    }

    @Test
    void cleaning_twice_changes_nothing_more() {
        String text = "A  b\n\n\n\nc https://x.io d\t\te@f.gh\n| x |  y |";
        for (CleaningRules rules : new CleaningRules[] {SPACES, ALL, NOTHING}) {
            String once = TextCleaner.clean(text, rules);
            assertThat(TextCleaner.clean(once, rules)).isEqualTo(once);
        }
    }

    @Test
    void nothing_in_nothing_out() {
        assertThat(TextCleaner.clean(null, ALL)).isEmpty();
        assertThat(TextCleaner.clean(" \n\t ", ALL)).isEmpty();
    }
}
