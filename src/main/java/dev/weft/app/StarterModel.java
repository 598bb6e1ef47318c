package dev.weft.app;

/** The model a new app's starter LLM node calls: a configured provider's name and a model name (may be empty). */
public record StarterModel(String provider, String name) {

    public static final StarterModel NONE = new StarterModel("", "");

    public StarterModel {
        provider = provider == null ? "" : provider;
        name = name == null ? "" : name;
    }
}
