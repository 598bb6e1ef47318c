package dev.weft.security;

import java.io.IOException;

/** A response body was longer than the request allowed. */
public class ResponseTooLargeException extends IOException {

    public ResponseTooLargeException(String message) {
        super(message);
    }
}
