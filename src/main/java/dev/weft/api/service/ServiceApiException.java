package dev.weft.api.service;

/** A Service API failure with Dify's HTTP status and error code (dify-reference §3.2). */
public class ServiceApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ServiceApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ServiceApiException invalid(String message) {
        return new ServiceApiException(400, "invalid_param", message);
    }

    public static ServiceApiException notFound(String message) {
        return new ServiceApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
