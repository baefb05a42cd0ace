package io.github.blockwatch.official;

import java.io.IOException;
import java.time.ZonedDateTime;

/** Where the signed request for {@code sendRequest} comes from: a file signed once, or the operator's signing tool. */
public interface RequestSigner {
    /** The request to send now (made at {@code now} when it is signed fresh) and its detached signature. */
    SignedRequest sign(ZonedDateTime now) throws IOException, InterruptedException;
}
