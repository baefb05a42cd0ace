/**
 * {@code blockwatch notify}: delivers committed alerts of {@code blockwatch.alerts} to people and systems —
 * webhook, Slack, Telegram, e-mail — as the routes of a YAML config select, one message per dump and
 * channel, at least once, with what fails for good in {@code blockwatch.notify.dlq}. Reads alerts only
 * through {@link io.github.blockwatch.notify.AlertForms}; knows nothing of the topology or the HTTP API.
 */
package io.github.blockwatch.notify;
