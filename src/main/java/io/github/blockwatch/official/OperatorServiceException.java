package io.github.blockwatch.official;

import java.io.IOException;

/**
 * The operator service, its answer or the archive it sent cannot be used: a one-line message naming the
 * operation and what was wrong, printed as is. Nothing of such an answer is ever published.
 */
public class OperatorServiceException extends IOException {
    public OperatorServiceException(String message) {
        super(message);
    }

    public OperatorServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
