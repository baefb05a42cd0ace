package io.github.blockwatch.registry;

/** The legal decision behind an entry, as written in the registry (fields trimmed, otherwise verbatim). */
public record Decision(String org, String number, String date) {
    public Decision {
        org = org == null ? "" : org.strip();
        number = number == null ? "" : number.strip();
        date = date == null ? "" : date.strip();
    }
}
