package dev.weft.ui.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Separators are typed with escapes ({@code \n\n}) and stored as the characters they stand for. */
class ChunkSettingsPanelTest {

    @Test
    void separators_round_trip_between_typed_escapes_and_characters() {
        assertThat(ChunkSettingsPanel.unescape("\\n\\n")).isEqualTo("\n\n");
        assertThat(ChunkSettingsPanel.unescape("\\t|\\r\\n")).isEqualTo("\t|\r\n");
        assertThat(ChunkSettingsPanel.unescape("a\\\\nb")).isEqualTo("a\\nb");
        assertThat(ChunkSettingsPanel.unescape("\\x")).isEqualTo("\\x");
        for (String s : new String[] {"\n\n", "\n", "\t", "###", "a\\nb", "\\"}) {
            assertThat(ChunkSettingsPanel.unescape(ChunkSettingsPanel.escape(s))).isEqualTo(s);
        }
        assertThat(ChunkSettingsPanel.escape("\n\n")).isEqualTo("\\n\\n");
    }
}
