package io.github.blockwatch.owners;

import java.io.IOException;

/** An owner file blockwatch cannot read as a whole (unknown format, broken JSON); the message is one line. */
public class OwnerFormatException extends IOException {
    public OwnerFormatException(String message) {
        super(message);
    }
}
