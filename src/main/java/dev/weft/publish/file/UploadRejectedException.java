package dev.weft.publish.file;

/** An upload Weft will not take, with Dify's status and code ({@code file_too_large} 413, {@code unsupported_file_type} 415, …). */
public class UploadRejectedException extends RuntimeException {

    private final int status;
    private final String code;

    UploadRejectedException(int status, String code, String message) {
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
