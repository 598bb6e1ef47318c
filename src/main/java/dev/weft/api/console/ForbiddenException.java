package dev.weft.api.console;

/** The caller's role does not allow this console API action (403 {@code forbidden}). */
class ForbiddenException extends RuntimeException {

    ForbiddenException(String message) {
        super(message);
    }
}
