/**
 * Wiring: starting the Streams application, following alert and stats topics. Used by the CLI verbs;
 * holds no topology logic and no command-line parsing.
 */
package io.github.blockwatch.app;
