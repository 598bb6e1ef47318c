package dev.weft.ui.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.knowledge.dataset.AppRetrieval;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Records list's source tooltip names who ran an app's search. */
class HitTestingRecordsTest {

    @Test
    void anAppsSearchNamesItsEndUserOrTheConsole() {
        assertThat(HitTestingRecords.ranBy(appSearch("customer-7", "end_user"))).isEqualTo("Run by end user customer-7");
        assertThat(HitTestingRecords.ranBy(appSearch("3f1c0b7e-account", "account"))).isEqualTo("Run from the console");
        assertThat(HitTestingRecords.ranBy(appSearch(null, "end_user"))).isNull();
    }

    private static DatasetQuery appSearch(String user, String role) {
        return new AppRetrieval("app-1", "run-1", "opening hours", RetrievalSettings.DEFAULT, 4, List.of("dataset-1"),
                List.of(), user, role).records().getFirst();
    }
}
