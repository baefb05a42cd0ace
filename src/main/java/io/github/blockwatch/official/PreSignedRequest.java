package io.github.blockwatch.official;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * {@code --operator-request FILE --signature FILE}: a request signed once, sent as is every time. Its
 * {@code requestTime} stays the time it was made; python-zapret-info's instructions (for the memo of
 * 2013) say regenerating it for each run is not required, while most later clients sign a fresh request
 * every time. Use it where the service accepts it, or for a one-off; {@code --sign-command} otherwise.
 */
public final class PreSignedRequest implements RequestSigner {
    private final SignedRequest signed;

    private PreSignedRequest(SignedRequest signed) {
        this.signed = signed;
    }

    public static PreSignedRequest of(OperatorRequest request, Path signature, SignedRequest.PowerOfAttorney power)
            throws IOException {
        if (!Files.isRegularFile(signature)) {
            throw new OperatorServiceException(signature + ": no such file (--signature)");
        }
        byte[] bytes = Files.readAllBytes(signature);
        if (bytes.length == 0) {
            throw new OperatorServiceException(signature + ": the signature is empty (--signature)");
        }
        return new PreSignedRequest(new SignedRequest(request.asGiven(), bytes, power));
    }

    @Override
    public SignedRequest sign(ZonedDateTime now) {
        return signed;
    }
}
