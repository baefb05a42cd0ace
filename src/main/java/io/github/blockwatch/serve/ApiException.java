package io.github.blockwatch.serve;

/** A request the API answers with an error status and a one-line JSON reason. */
final class ApiException extends RuntimeException {
    private final int status;
    private final int retryAfterSeconds;

    ApiException(int status, String reason) {
        this(status, reason, status == 503 ? 1 : 0);
    }

    private ApiException(int status, String reason, int retryAfterSeconds) {
        super(reason);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    /** The state needed is not queryable right now (starting, rebalancing, restoring). */
    static ApiException unavailable(String reason) {
        return new ApiException(503, reason);
    }

    /** Too many requests of this kind at once: the client may try again after {@code seconds}. */
    static ApiException busy(String reason, int seconds) {
        return new ApiException(503, reason, seconds);
    }

    int status() {
        return status;
    }

    /** Seconds for a {@code Retry-After} header; 0 for none. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
