package dev.weft.api.service;

/**
 * How a run answers: {@code blocking} (the default) waits and returns JSON, {@code streaming} returns the
 * event stream, {@code async} (Weft's addition) returns the run's ids at once; the client then polls
 * {@code GET /workflows/run/{id}} or attaches to {@code GET /workflow/{id}/events}.
 */
enum ResponseMode {
    BLOCKING,
    STREAMING,
    ASYNC;

    static ResponseMode of(String value) {
        if (value == null || value.isBlank() || value.equals("blocking")) {
            return BLOCKING;
        }
        return switch (value) {
            case "streaming" -> STREAMING;
            case "async" -> ASYNC;
            default -> throw ServiceApiException.invalid(
                    "response_mode must be 'blocking', 'streaming' or 'async', got '" + value + "'");
        };
    }
}
