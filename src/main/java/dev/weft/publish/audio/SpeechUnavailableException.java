package dev.weft.publish.audio;

/** Speech cannot be served for this app: {@code code} is Dify's error code for why, {@code status} its HTTP status. */
public class SpeechUnavailableException extends RuntimeException {

    private final int status;
    private final String code;

    public SpeechUnavailableException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
