/**
 * The alert contract, in one place: {@link io.github.blockwatch.alerts.AlertBuilder} (the one way to make a
 * {@code RangeAlert}), {@link io.github.blockwatch.alerts.AlertIds} (deterministic ids),
 * {@link io.github.blockwatch.alerts.Severities} (severity from size), {@link io.github.blockwatch.alerts.AlertJson}
 * (the one JSON form, published as {@code schemas/alert.schema.json}) and
 * {@link io.github.blockwatch.alerts.AlertText} (the one-line text form). Every reader uses these: the topic
 * {@code blockwatch.alerts.json}, the HTTP API and its live feed, the CLI and the notifier.
 *
 * <p>Below ingest and topology (which raise alerts): depends only on the Avro types, {@code registry} and
 * {@code owners}.
 */
package io.github.blockwatch.alerts;
