/** The {@code blockwatch} command line: one picocli class per verb, returning an exit code. */
package io.github.blockwatch.cli;
