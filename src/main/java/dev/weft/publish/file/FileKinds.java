package dev.weft.publish.file;

import java.util.Locale;
import java.util.Set;

/** Dify's file types by extension, and their default size limits (documents 15 MB, images 10 MB, audio 50 MB, video 100 MB). */
public final class FileKinds {

    private static final Set<String> IMAGE = Set.of("jpg", "jpeg", "png", "gif", "webp", "svg");
    private static final Set<String> AUDIO = Set.of("mp3", "m4a", "wav", "amr", "mpga", "webm", "ogg", "flac");
    private static final Set<String> VIDEO = Set.of("mp4", "mov", "mpeg", "avi", "mkv");
    private static final Set<String> DOCUMENT = Set.of("txt", "md", "markdown", "mdx", "pdf", "html", "htm", "xlsx", "xls",
            "doc", "docx", "csv", "eml", "msg", "pptx", "ppt", "xml", "epub", "json", "vtt", "properties");
    /** Executables and scripts are refused whatever the app allows. */
    private static final Set<String> REFUSED = Set.of("exe", "dll", "bat", "cmd", "com", "msi", "scr", "ps1", "vbs", "jar", "sh");

    public static final long MB = 1024 * 1024;

    private FileKinds() {}

    public static String typeOf(String extension) {
        String e = extension == null ? "" : extension.toLowerCase(Locale.ROOT);
        if (IMAGE.contains(e)) {
            return "image";
        }
        if (AUDIO.contains(e)) {
            return "audio";
        }
        if (VIDEO.contains(e)) {
            return "video";
        }
        return DOCUMENT.contains(e) ? "document" : "custom";
    }

    public static long sizeLimit(String type) {
        return switch (type) {
            case "image" -> 10 * MB;
            case "audio" -> 50 * MB;
            case "video" -> 100 * MB;
            default -> 15 * MB;
        };
    }

    static boolean refused(String extension) {
        return REFUSED.contains(extension.toLowerCase(Locale.ROOT));
    }
}
