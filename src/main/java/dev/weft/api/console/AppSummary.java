package dev.weft.api.console;

import dev.weft.app.App;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** An app as the console API lists it. Times are unix seconds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record AppSummary(String id, String name, String mode, String description, String icon, long createdAt, long updatedAt) {

    static AppSummary of(App app) {
        return new AppSummary(app.getId(), app.getName(), app.getMode().value(), app.getDescription(), app.getIcon(),
                app.getCreatedAt().getEpochSecond(), app.getUpdatedAt().getEpochSecond());
    }
}
