package io.github.blockwatch.registry;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Tells a UTF-8 text from a cp1251 one by its first bytes. cp1251 decodes any byte sequence, so a UTF-8
 * dump would be read without an error and every Cyrillic name published as mojibake. Cyrillic in cp1251
 * is bytes 0xC0–0xFF in a row, which is almost never valid UTF-8 (a lead byte must be followed by
 * 0x80–0xBF); so non-ASCII text that is valid UTF-8 throughout is UTF-8.
 */
final class Utf8Sniffer {
    private Utf8Sniffer() {}

    /** True when {@code head} has non-ASCII bytes and all of them form valid UTF-8 (a sequence cut at the end is fine). */
    static boolean isUtf8(byte[] head) {
        boolean nonAscii = false;
        for (byte b : head) {
            if (b < 0) {
                nonAscii = true;
                break;
            }
        }
        if (!nonAscii) {
            return false;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(head);
        CharBuffer out = CharBuffer.allocate(head.length);
        // endOfInput=false: the peek may end inside a multi-byte character, which is not an error.
        CoderResult result = decoder.decode(in, out, false);
        return !result.isError();
    }
}
