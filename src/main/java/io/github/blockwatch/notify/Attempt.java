package io.github.blockwatch.notify;

import java.time.Duration;

/** How one try to send a message ended. Reasons are one line and never hold a secret. */
public sealed interface Attempt {
    /** The receiver took the message. */
    record Accepted() implements Attempt {}

    /**
     * A failure that may pass: a 5xx, a timeout, a refused connection, a 429.
     *
     * @param retryAfter how long the receiver asked us to wait (429 {@code Retry-After}), or null
     */
    record Retry(String reason, Duration retryAfter) implements Attempt {}

    /** A failure that will not pass by trying again: a 400, a 404, a rejected recipient, a wrong password. */
    record Failed(String reason) implements Attempt {}

    Attempt ACCEPTED = new Accepted();

    /** This attempt with {@code secret} blanked out of its reason: a last guard for what a library put in a message. */
    default Attempt hiding(Secret secret) {
        if (secret == null) {
            return this;
        }
        if (this instanceof Retry r) {
            return new Retry(r.reason().replace(secret.reveal(), "***"), r.retryAfter());
        }
        if (this instanceof Failed f) {
            return new Failed(f.reason().replace(secret.reveal(), "***"));
        }
        return this;
    }
}
