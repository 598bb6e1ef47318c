package dev.weft.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppVersionTest {

    @Test
    void theDraftCanBeReplaced() {
        AppVersion draft = AppVersion.draft("app-1", "{\"a\":1}", "acc-1");
        draft.replaceDefinition("{\"a\":2}", "acc-2");
        assertThat(draft.getDefinition()).isEqualTo("{\"a\":2}");
        assertThat(draft.getCreatedBy()).isEqualTo("acc-2");
    }

    @Test
    void aPublishedVersionRefusesChanges() {
        AppVersion published = AppVersion.published("app-1", 3, "{\"a\":1}", "v3", null, "acc-1");
        assertThatThrownBy(() -> published.replaceDefinition("{}", "acc-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("version 3 of app app-1 is published and cannot change");
        assertThat(published.getDefinition()).isEqualTo("{\"a\":1}");
    }

    @Test
    void publishedNumbersStartAtOne() {
        assertThatThrownBy(() -> AppVersion.published("app-1", 0, "{}", null, null, null))
                .hasMessageContaining("must be 1 or more, got 0");
    }
}
