package dev.weft.knowledge.dataset;

import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The accounts chosen for a {@code partial_members} dataset. */
@Component
class DatasetMembers {

    private final JdbcTemplate jdbc;

    DatasetMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> ids(String datasetId) {
        return jdbc.queryForList("select account_id from dataset_member where dataset_id = ? order by account_id",
                String.class, datasetId);
    }

    void replace(String datasetId, List<String> accountIds) {
        if (accountIds == null) {
            return;
        }
        jdbc.update("delete from dataset_member where dataset_id = ?", datasetId);
        for (String accountId : new LinkedHashSet<>(accountIds)) {
            jdbc.update("insert into dataset_member (dataset_id, account_id) "
                    + "select ?, id from account where id = ? and workspace_id = "
                    + "(select workspace_id from dataset where id = ?)", datasetId, accountId, datasetId);
        }
    }
}
