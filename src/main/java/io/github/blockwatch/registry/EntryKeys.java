package io.github.blockwatch.registry;

import java.util.HexFormat;
import java.util.List;

/**
 * How an entry's key is made, so that the same entry in two dumps gets the same key and a diff of two
 * dumps sees it as unchanged (or UPDATED), not as one entry removed and another added.
 *
 * <ul>
 *   <li><b>dump.xml</b>: {@code xml:} + the {@code content} element's {@code id}, which the registry
 *       itself keeps for the life of an entry.</li>
 *   <li><b>CIDR list</b>: {@code list:} + the canonical CIDR ({@code list:52.58.0.0/15}).</li>
 *   <li><b>dump.csv</b> has no id. A row with a domain or URL is identified by what is blocked and why,
 *       not by its addresses, which the registry re-resolves between dumps (that is an UPDATE of the
 *       same entry): {@code csv:} + the first 16 hex digits of SHA-256 over the UTF-8 bytes of
 *       org, number, date, domains (joined with {@code |}, in row order) and URLs (likewise), separated
 *       by U+001F. A row with neither domain nor URL is identified by its addresses too: U+001F and its
 *       canonical ranges (sorted, joined with {@code |}) are appended to the hashed text.</li>
 *   <li>Within one dump, the n-th repeat of a key (n &ge; 1, in file order) gets the suffix
 *       {@code ~n}: identical rows occur (zi-2020-01-26 has 16 identical
 *       {@code ;;;Генпрокуратура;27-31-2018/Ид2971-18;2018-04-16} rows).</li>
 * </ul>
 */
public final class EntryKeys {
    private EntryKeys() {}

    /** Key of a dump.xml {@code content} element. */
    public static String xml(String contentId) {
        return "xml:" + contentId;
    }

    /** Key of one line of a CIDR list. */
    public static String list(Cidr cidr) {
        return "list:" + cidr;
    }

    /** Key of a dump.csv row, before the {@code ~n} suffix for repeats within one dump. */
    public static String csv(Decision decision, List<String> domains, List<String> urls, List<Cidr> ranges) {
        return csvKey(new CsvKeyHash().hash(decision, domains, urls, ranges));
    }

    /** The dump.csv key whose hash (the first 64 bits of the SHA-256, big-endian) is {@code hash}. */
    static String csvKey(long hash) {
        return "csv:" + HexFormat.of().toHexDigits(hash);
    }
}
