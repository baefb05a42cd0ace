package io.github.blockwatch.registry;

import java.time.Instant;

/**
 * What is known about a dump before its rows are read.
 *
 * @param source       file name or URL
 * @param format       its format
 * @param registryTime the dump's own time (csv {@code Updated:}, xml {@code updateTime}, list: file time)
 */
public record DumpHeader(String source, DumpFormat format, Instant registryTime) {}
