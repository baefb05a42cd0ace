package io.github.blockwatch.registry;

import java.io.IOException;
import java.time.Instant;

/** Opens an address list in either of its forms: one address a line, or a JSON array of address strings. */
final class ListReaders {
    private ListReaders() {}

    /** @param listTime the list's registry time: it carries none of its own */
    static DumpReader open(DumpInput input, Instant listTime) throws IOException {
        return FormatSniffer.isJsonArray(input.peek()) ? new JsonListReader(input, listTime) : new CidrListReader(input, listTime);
    }
}
