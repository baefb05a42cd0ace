package io.github.blockwatch.ingest;

/** A dump that cannot be ingested; the message is one line a person can act on. Nothing was published. */
public class IngestException extends Exception {
    public IngestException(String message) {
        super(message);
    }

    public IngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
