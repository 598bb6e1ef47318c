package dev.weft.knowledge.extract;

import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;

/**
 * Says in words a person can act on why a document could not be read, from what Tika threw. Every reason starts
 * with the file name.
 */
final class FailureReasons {

    private static final int MAX_DETAIL = 200;

    private FailureReasons() {}

    static String encrypted(String name) {
        return name + " is encrypted (password protected): remove the password and upload it again";
    }

    static String empty(String name) {
        return name + " is empty (0 bytes): choose the file again, or a file with content";
    }

    static String bomb(String name, String why) {
        return name + " looks like a decompression bomb (" + why + ") and was not read: upload the documents inside it one by one";
    }

    static String tooMuchText(String name, int maxChars) {
        return name + " holds more than " + String.format(Locale.ROOT, "%,d", maxChars)
                + " characters of text, more than one document may (weft.knowledge.extract.max-chars): split it into smaller files";
    }

    static String timedOut(String name, java.time.Duration limit) {
        String took = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        return name + " took longer than " + took + " to read and was stopped (weft.knowledge.extract.timeout): "
                + "it may be damaged or unusually complex; save it again from its program, or split it";
    }

    /** The reason for a failed parse of {@code name} ({@code format}: "PDF", "DOCX" or null when unknown). */
    static String of(String name, String format, Throwable failure) {
        if (isEncryption(failure)) {
            return encrypted(name);
        }
        if (has(failure, ZeroByteFileException.class)) {
            return empty(name);
        }
        if (has(failure, TikaMemoryLimitException.class) || has(failure, OutOfMemoryError.class)) {
            return bomb(name, "it asks for more memory to unpack than allowed");
        }
        if (has(failure, ArchiveGuard.ArchiveBombException.class)) {
            return bomb(name, find(failure, ArchiveGuard.ArchiveBombException.class).getMessage());
        }
        String detail = detail(failure);
        if (detail.toLowerCase(Locale.ROOT).contains("zip bomb")) {
            return bomb(name, detail.replaceFirst("(?i)^suspected zip bomb:\\s*", ""));
        }
        String what = format == null ? "in a format Weft can read" : (article(format) + " " + format + " file");
        return name + " is corrupt or not " + what + ": " + detail;
    }

    static boolean isWriteLimit(Throwable failure) {
        return WriteLimitReachedException.isWriteLimitReached(failure);
    }

    private static boolean isEncryption(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String simple = t.getClass().getSimpleName();
            if (t instanceof EncryptedDocumentException || simple.contains("EncryptedDocument") || simple.equals("InvalidPasswordException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        return find(failure, type) != null;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The most telling message in the chain (the deepest one that has a message), on one line and not too long. */
    private static String detail(Throwable failure) {
        String message = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        if (message == null) {
            message = failure.getClass().getSimpleName();
        }
        message = message.replaceAll("\\s+", " ").strip();
        return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
    }

    private static String article(String format) {
        // formats are read letter by letter: "an RTF", "an XLSX", "a PDF", "a DOCX"
        return "AEFHILMNORSX".indexOf(Character.toUpperCase(format.charAt(0))) >= 0 ? "an" : "a";
    }
}
