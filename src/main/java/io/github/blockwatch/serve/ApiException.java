package io.github.blockwatch.serve;

/** A request the API answers with an error status and a one-line JSON reason. */
final class ApiException extends RuntimeException {
    private final int status;

    ApiException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    static ApiException badRequest(String reason) {
        return new ApiException(400, reason);
    }

    /** The state needed is not queryable right now (starting, rebalancing, restoring). */
    static ApiException unavailable(String reason) {
        return new ApiException(503, reason);
    }

    int status() {
        return status;
    }
}
