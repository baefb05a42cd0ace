package io.github.blockwatch.cli;

import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.kafka.BrokerUnavailableException;
import io.github.blockwatch.kafka.ConnectionErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;

/**
 * Turns a failed verb into one line on stderr and exit code 1. Stack traces go to the log only when
 * {@code BLOCKWATCH_LOG=DEBUG} asks for them. An {@link Error} too (an {@link OutOfMemoryError} from an input
 * larger than the heap): picocli hands only exceptions to this handler, so {@link #run} wraps an Error first.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    static final int FAILED = 1;

    /**
     * The execution strategy: picocli's own ({@code RunLast}), with an {@link Error} from the verb turned
     * into the {@link CommandLine.ExecutionException} that picocli passes to {@link #handleExecutionException}.
     * Left alone, it would end {@code main} with a stack trace, or not end it at all while Kafka's threads live.
     */
    static int run(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (Error e) { // the JVM may be short of memory, but the stack is unwound: one line still fits
            List<CommandLine> verbs = parsed.asCommandLineList();
            throw new CommandLine.ExecutionException(verbs.get(verbs.size() - 1), e.toString(), e);
        }
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (ShutdownSignal.shuttingDown()) {
            // Ctrl-C pulled the broker or the streams out from under the verb: that is what the person asked for.
            return FAILED;
        }
        // "blockwatch ingest", "blockwatch owners load": the verb as typed
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName(" ") + ": error: " + message(e));
        if ("DEBUG".equalsIgnoreCase(System.getenv("BLOCKWATCH_LOG"))) {
            e.printStackTrace(cmd.getErr());
        }
        cmd.getErr().flush();
        return FAILED;
    }

    static String message(Throwable e) {
        if (e instanceof CommandLine.ExecutionException && e.getCause() instanceof Error error) {
            return message(error);
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give the JVM more heap, e.g. BLOCKWATCH_JAVA_OPTS=-Xmx4g";
        }
        if (e instanceof StackOverflowError) {
            return "stack overflow (input nested too deep for the thread's stack)";
        }
        if (e instanceof IngestException || e instanceof BrokerUnavailableException || e instanceof IOException
                || e instanceof CliException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u) {
            return u.getCause().getMessage();
        }
        var refused = ConnectionErrors.explain(e, "the broker");
        if (refused.isPresent()) {
            return refused.get();
        }
        if (e instanceof KafkaException && e.getMessage() != null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return "Kafka: " + e.getMessage() + (root == e ? "" : " (" + root.getMessage() + ")");
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (run with BLOCKWATCH_LOG=DEBUG for details)";
    }
}
