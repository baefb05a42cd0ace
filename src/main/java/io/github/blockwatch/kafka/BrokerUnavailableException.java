package io.github.blockwatch.kafka;

/** No Kafka broker answered, or it refused us; the message is one line a person can act on. */
public class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message) {
        super(message);
    }
}
