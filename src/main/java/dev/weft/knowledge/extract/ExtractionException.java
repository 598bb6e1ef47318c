package dev.weft.knowledge.extract;

/**
 * A document or page could not be turned into text. The message is the reason, written for the person who
 * uploaded it ("report.pdf is encrypted (password protected): remove the password and upload it again").
 */
public class ExtractionException extends Exception {

    public ExtractionException(String message) {
        super(message);
    }

    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }
}
