package dev.weft.model.defaults;

/**
 * A workspace's default model of one type: the model provider's id (null for a model that runs inside Weft, such
 * as a local embedding model) and the model's name.
 */
public record DefaultModel(ModelType type, String providerId, String model) {

    public DefaultModel {
        if (type == null) {
            throw new IllegalArgumentException("the model type is required");
        }
        providerId = providerId == null || providerId.isBlank() ? null : providerId.strip();
        model = model == null ? "" : model.strip();
    }

    public boolean isLocal() {
        return providerId == null;
    }
}
