package dev.weft.knowledge.dataset;

import java.util.Arrays;

/** Who in the workspace may see and use a dataset (Dify's values). */
public enum DatasetPermission {
    ONLY_ME("only_me"),
    ALL_TEAM_MEMBERS("all_team_members"),
    PARTIAL_MEMBERS("partial_members");

    private final String value;

    DatasetPermission(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static DatasetPermission of(String value) {
        if (value == null || value.isBlank()) {
            return ONLY_ME;
        }
        return Arrays.stream(values()).filter(p -> p.value.equalsIgnoreCase(value) || p.name().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "permission must be only_me, all_team_members or partial_members, not '" + value + "'"));
    }
}
