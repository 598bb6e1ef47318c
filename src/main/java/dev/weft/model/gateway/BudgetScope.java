package dev.weft.model.gateway;

/** What a budget belongs to. */
public enum BudgetScope {
    WORKSPACE("the workspace"),
    API_KEY("the app API key");

    private final String describe;

    BudgetScope(String describe) {
        this.describe = describe;
    }

    /** How error messages name the owner: "the workspace", "the app API key". */
    public String describe() {
        return describe;
    }
}
