/**
 * Registry-time replay: a history of dumps (a directory of dated dumps, or the successive versions of
 * {@code dump.xml}/{@code dump.csv} in a git repository or bundle, read with JGit) fed oldest first to
 * the ordinary ingest, optionally paced by registry time.
 */
package io.github.blockwatch.replay;
