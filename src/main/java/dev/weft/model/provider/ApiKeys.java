package dev.weft.model.provider;

/** Shows API keys without giving them away. */
final class ApiKeys {

    private ApiKeys() {}

    /** {@code sk-abcdef123456yz} becomes {@code sk-ab****yz}; keys of 8 characters or fewer become {@code ****}. */
    static String mask(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        return key.length() <= 8 ? "****" : key.substring(0, 5) + "****" + key.substring(key.length() - 2);
    }
}
