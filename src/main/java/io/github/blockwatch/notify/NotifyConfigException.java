package io.github.blockwatch.notify;

/**
 * A notify config that cannot be used. The message is one line naming the file, the key and what is wrong,
 * and never a secret's value.
 */
public final class NotifyConfigException extends RuntimeException {
    public NotifyConfigException(String message) {
        super(message);
    }
}
