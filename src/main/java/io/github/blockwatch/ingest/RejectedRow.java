package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.ParsedRow;
import io.github.blockwatch.registry.RowPlace;

/**
 * A rejected row and where a person finds it: the dead letter's source and line (for a split dump the
 * part and the line in it, {@code dump-07.csv:123}).
 */
record RejectedRow(RowPlace place, ParsedRow.Rejected row) {}
