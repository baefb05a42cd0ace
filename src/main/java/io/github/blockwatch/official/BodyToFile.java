package io.github.blockwatch.official;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP body written to a file, refused as soon as it grows past a cap (the JDK's
 * {@code BodyHandlers.ofFile} has no cap: a hostile server could fill the disk). A declared
 * {@code Content-Length} over the cap is refused before a byte is read.
 */
final class BodyToFile implements HttpResponse.BodySubscriber<Path> {
    private final Path target;
    private final long maxBytes;
    private final String operation;
    private final CompletableFuture<Path> result = new CompletableFuture<>();
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long written;

    private final long declared;

    private BodyToFile(Path target, long maxBytes, String operation, long declared) {
        this.target = target;
        this.maxBytes = maxBytes;
        this.operation = operation;
        this.declared = declared;
    }

    static HttpResponse.BodyHandler<Path> handler(Path target, long maxBytes, String operation) {
        return info -> new BodyToFile(target, maxBytes, operation,
                info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    static String tooLarge(String operation, long maxBytes) {
        return operation + ": the answer is larger than " + Sizes.describe(maxBytes) + "; refused";
    }

    @Override
    public CompletionStage<Path> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared > maxBytes) {
            subscription.cancel();
            result.completeExceptionally(new OperatorServiceException(tooLarge(operation, maxBytes)));
            return;
        }
        try {
            channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            subscription.cancel();
            result.completeExceptionally(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer buffer : buffers) {
                written += buffer.remaining();
                if (written > maxBytes) {
                    fail(new OperatorServiceException(tooLarge(operation, maxBytes)));
                    return;
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            subscription.request(1);
        } catch (IOException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable error) {
        close();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        close();
        result.complete(target);
    }

    private void fail(IOException e) {
        subscription.cancel();
        close();
        result.completeExceptionally(e);
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the body is complete or abandoned; a failed close changes neither
        }
    }
}
