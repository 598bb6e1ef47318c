package dev.weft.api.console;

/** A console API resource other than an app (a run, a version) does not exist or is not the caller's. */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
