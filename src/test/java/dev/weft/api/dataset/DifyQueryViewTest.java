package dev.weft.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.api.service.EndUserIds;
import dev.weft.knowledge.dataset.AppRetrieval;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An app's search in the Knowledge API's history names who ran the app as Dify does: an end user by the id the
 * Service API gives that end user, a console account by its own id.
 */
class DifyQueryViewTest {

    @Test
    void anEndUsersSearchNamesTheEndUserByTheServiceApisId() {
        Map<String, Object> view = DifyKnowledgeViews.query(record("customer-7", "end_user"));
        assertThat(view).containsEntry("source", "app").containsEntry("source_app_id", "app-1")
                .containsEntry("created_by_role", "end_user")
                .containsEntry("created_by", EndUserIds.idOf("app-1", "customer-7"));
        assertThat((String) view.get("created_by")).hasSize(36).isNotEqualTo(EndUserIds.idOf("app-2", "customer-7"));
    }

    @Test
    void aConsoleDebugRunNamesTheAccount() {
        assertThat(DifyKnowledgeViews.query(record("account-9", "account")))
                .containsEntry("created_by_role", "account").containsEntry("created_by", "account-9");
    }

    @Test
    void aRunWithoutAUserLeavesBothOut() {
        assertThat(DifyKnowledgeViews.query(record(null, "end_user")))
                .containsEntry("created_by_role", null).containsEntry("created_by", null);
    }

    private static DatasetQuery record(String user, String role) {
        return new AppRetrieval("app-1", "run-1", "opening hours", RetrievalSettings.DEFAULT, 4, List.of("dataset-1"),
                List.of(), user, role).records().getFirst();
    }
}
