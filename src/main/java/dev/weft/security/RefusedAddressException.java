package dev.weft.security;

import java.io.IOException;

/** An outbound request was refused because its host is, or resolves to, an address Weft does not reach. */
public class RefusedAddressException extends IOException {

    public RefusedAddressException(String message) {
        super(message);
    }
}
