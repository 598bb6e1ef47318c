package dev.weft.publish.site;

/** The HTML a site owner pastes into their pages to show an app's chat bubble (the widget at {@code /embed.min.js}). */
public final class EmbedSnippet {

    private EmbedSnippet() {}

    /** {@code baseUrl}: where Weft is reached, without a trailing slash. */
    public static String of(String baseUrl, String token) {
        return """
                <script>
                  window.weftChatbotConfig = {
                    token: '%1$s',
                    baseUrl: '%2$s',
                    // inputs: { name: 'value' },
                    // primaryColor: '#155EEF', position: 'bottom-right', draggable: false
                  };
                </script>
                <script src="%2$s/embed.min.js" id="%1$s" defer></script>
                """.formatted(token, baseUrl);
    }
}
