package io.github.blockwatch.official;

/**
 * What {@code sendRequest} carries: the request XML exactly as signed and its detached signature, and,
 * when the operator's signer acts under a machine-readable power of attorney, that document and its own
 * signature.
 */
public record SignedRequest(byte[] request, byte[] signature, PowerOfAttorney powerOfAttorney) {

    /** A machine-readable power of attorney (МЧД): the file, its name as sent, and its detached signature. */
    public record PowerOfAttorney(byte[] file, String fileName, byte[] signature) {}
}
