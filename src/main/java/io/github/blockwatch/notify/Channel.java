package io.github.blockwatch.notify;

/** Where messages go: makes one try to send one message. Retries are the caller's ({@link Deliverer}). */
public interface Channel extends AutoCloseable {
    ChannelSpec spec();

    default String name() {
        return spec().name();
    }

    Attempt send(Message message) throws InterruptedException;

    @Override
    default void close() {}
}
