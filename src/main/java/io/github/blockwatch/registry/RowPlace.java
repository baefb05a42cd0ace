package io.github.blockwatch.registry;

/**
 * Where a person finds a row: the file and its line in that file. For a split dump that is the part and
 * the line within the part ({@code dump-07.csv:123}), while rows and entries are numbered through the
 * whole dump as if its parts were one file.
 */
public record RowPlace(String source, long line) {
    @Override
    public String toString() {
        return source + ":" + line;
    }
}
