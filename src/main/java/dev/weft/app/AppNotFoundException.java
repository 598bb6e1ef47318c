package dev.weft.app;

/** No app (or app version) has the given id or number. */
public class AppNotFoundException extends RuntimeException {

    public AppNotFoundException(String message) {
        super(message);
    }
}
