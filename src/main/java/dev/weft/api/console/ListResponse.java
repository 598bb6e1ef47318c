package dev.weft.api.console;

import java.util.List;

/** A list response, {@code {data: [...]}}. */
record ListResponse<T>(List<T> data) {}
