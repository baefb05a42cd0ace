package io.github.blockwatch.registry;

/** The registry dump formats blockwatch reads. */
public enum DumpFormat {
    /** The public mirror's dump.csv: {@code Updated:} line, then {@code IP | IP;domain;URL;org;number;date}, cp1251. */
    CSV("csv"),
    /** The official dump.xml ({@code reg:register} of {@code content} elements), windows-1251. */
    XML("xml"),
    /** Plain IPs/CIDRs, one a line, {@code #} comments. */
    LIST("list");

    private final String label;

    DumpFormat(String label) {
        this.label = label;
    }

    /** Short name used in events and messages. */
    public String label() {
        return label;
    }
}
