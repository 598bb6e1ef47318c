package dev.weft.knowledge.dataset;

/** Document names as stored: at most {@link #MAX_LENGTH} characters, long ones shortened in the middle of the stem. */
public final class DocumentName {

    public static final int MAX_LENGTH = 255;

    private DocumentName() {}

    /** The name itself when it fits; otherwise its start, an ellipsis and its extension (up to 16 characters). */
    public static String fit(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        int keep = MAX_LENGTH - extension.length() - 1;
        int end = Character.isHighSurrogate(name.charAt(keep - 1)) ? keep - 1 : keep;
        return name.substring(0, end) + "…" + extension;
    }
}
