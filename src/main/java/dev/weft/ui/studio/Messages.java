package dev.weft.ui.studio;

/** Service messages ("the app name is required") as sentences for the screen ("The app name is required."). */
final class Messages {

    private Messages() {}

    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "Something went wrong; try again.";
        }
        String m = message.strip();
        m = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return m.endsWith(".") || m.endsWith("?") || m.endsWith("!") ? m : m + ".";
    }
}
