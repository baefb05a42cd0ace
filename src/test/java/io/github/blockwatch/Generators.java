package io.github.blockwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Small random generators for the {@code *Properties} tests. Integers and sizes are biased the way a
 * property-testing library biases them: the bounds come up often and small values (near the lower bound)
 * more often than a uniform draw would give, so empty and one-element lists, offset 0 and the widest prefix
 * are all tried in a short run.
 */
public final class Generators {
    /** Printable ASCII and the control characters that matter to line- and field-based parsers. */
    private static final String ASCII_AND_BREAKS;

    static {
        StringBuilder s = new StringBuilder("\n\r\t\0\u001f\u007f");
        for (char c = ' '; c < 0x7f; c++) {
            s.append(c);
        }
        ASCII_AND_BREAKS = s.toString();
    }

    private Generators() {}

    /** An int in {@code [min, max]}: a bound (1 in 8), near {@code min} (3 in 8) or uniform. */
    public static int integer(SplittableRandom random, int min, int max) {
        if (min == max) {
            return min;
        }
        int pick = random.nextInt(8);
        if (pick == 0) {
            return random.nextBoolean() ? min : max;
        }
        if (pick <= 3) {
            int span = max - min;
            int bits = 1 + random.nextInt(32 - Integer.numberOfLeadingZeros(span)); // a log-uniform cap
            int cap = (int) Math.min(span, (1L << bits) - 1);
            return min + random.nextInt(cap + 1);
        }
        return random.nextInt(min, max + 1);
    }

    /** One of {@code values}, uniformly. */
    @SafeVarargs
    public static <T> T oneOf(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }

    /** A list of {@code [minSize, maxSize]} elements drawn by {@code element}. */
    public static <T> List<T> list(SplittableRandom random, int minSize, int maxSize, Function<SplittableRandom, T> element) {
        int size = integer(random, minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.apply(random));
        }
        return list;
    }

    /** A string of at most {@code maxLength} characters of {@code alphabet}. */
    public static String string(SplittableRandom random, String alphabet, int maxLength) {
        int length = integer(random, 0, maxLength);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * Any string of at most {@code maxLength} characters: each character is, with even odds, ASCII or a
     * line/field control character, or any BMP character but a surrogate, a noncharacter or a private-use one
     * (Cyrillic, U+FFFD, C1 controls and the rest).
     */
    public static String anyString(SplittableRandom random, int maxLength) {
        int length = integer(random, 0, maxLength);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(random.nextBoolean() ? ASCII_AND_BREAKS.charAt(random.nextInt(ASCII_AND_BREAKS.length())) : anyChar(random));
        }
        return s.toString();
    }

    private static char anyChar(SplittableRandom random) {
        while (true) {
            char c = (char) random.nextInt(0x10000);
            boolean surrogate = Character.isSurrogate(c);
            boolean nonCharacter = (c >= 0xFDD0 && c <= 0xFDEF) || c == 0xFFFE || c == 0xFFFF;
            boolean privateUse = c >= 0xE000 && c <= 0xF8FF;
            if (!surrogate && !nonCharacter && !privateUse) {
                return c;
            }
        }
    }

    /** A {@link Random} seeded from {@code random}, for APIs that take one (shuffles, cuts, mutations). */
    public static Random javaRandom(SplittableRandom random) {
        return new Random(random.nextLong());
    }
}
