package io.github.blockwatch.cli;

import io.github.blockwatch.official.DumpArchive;
import io.github.blockwatch.official.OfficialDownload;
import io.github.blockwatch.official.OperatorRequest;
import io.github.blockwatch.official.OperatorService;
import io.github.blockwatch.official.PreSignedRequest;
import io.github.blockwatch.official.RequestSigner;
import io.github.blockwatch.official.SignCommand;
import io.github.blockwatch.official.SignedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code ingest --operator-request FILE}'s own options: how the request is signed, where the service is,
 * where the client keeps its state, and the bounds on waiting and on what the service may send.
 */
final class OfficialOptions {
    private static final long MIB = 1024 * 1024;

    @Option(names = "--signature", paramLabel = "FILE",
            description = "With --operator-request: the request's detached signature (PKCS#7, DER), made once; the request is sent as is every time")
    Path signature;

    @Option(names = "--sign-command", paramLabel = "CMD",
            description = "With --operator-request: sign each fresh request with the operator's own tool, run by sh -c with the request as $1 "
                    + "and the signature to write as $2 ({request} and {signature} in CMD stand for them; without them both are appended), "
                    + "e.g. 'cryptcp -sign -detached -thumbprint T -der'")
    String signCommand;

    @Option(names = "--sign-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long --sign-command may take (default: ${DEFAULT-VALUE})")
    Duration signTimeout;

    @Option(names = "--operator-url", paramLabel = "URL", defaultValue = "https://vigruzki.rkn.gov.ru/services/OperatorRequest/",
            description = "The operator service's SOAP endpoint (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the client keeps a request in flight (so a restart resumes it), the archives received with their "
                    + "dump.xml.sig, and a work area (default: ~/.blockwatch/official)")
    Path stateDir;

    @Option(names = "--once", description = "With --operator-request: one round (check, fetch if newer, ingest), then exit")
    boolean once;

    @Option(names = "--result-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "Wait before asking getResult, and between asks, doubling up to 4 times (default: ${DEFAULT-VALUE})")
    Duration resultInterval;

    @Option(names = "--result-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30m",
            description = "Longest wait for one request's dump, from sending it (default: ${DEFAULT-VALUE})")
    Duration resultTimeout;

    @Option(names = "--call-timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "Longest wait for one complete answer of the service (default: ${DEFAULT-VALUE})")
    Duration callTimeout;

    @Option(names = "--dump-format-version", paramLabel = "V",
            description = "The dump format to ask for (default: the one the service announces)")
    String dumpFormatVersion;

    @Option(names = "--max-archive-mb", paramLabel = "MB", defaultValue = "512",
            description = "Refuse a zip larger than this (default: ${DEFAULT-VALUE})")
    long maxArchiveMb;

    @Option(names = "--max-dump-mb", paramLabel = "MB", defaultValue = "8192",
            description = "Refuse a dump.xml inflating past this (default: ${DEFAULT-VALUE}); past 100 times its zip it is refused as a zip bomb")
    long maxDumpMb;

    @Option(names = "--keep-archives", paramLabel = "N", defaultValue = "4",
            description = "Archives kept in the state directory (default: ${DEFAULT-VALUE})")
    int keepArchives;

    @Option(names = "--power-of-attorney", paramLabel = "FILE",
            description = "A machine-readable power of attorney to send with the request (emchdFile)")
    Path powerOfAttorney;

    @Option(names = "--power-of-attorney-signature", paramLabel = "FILE",
            description = "Its detached signature (emchdSignatureFile)")
    Path powerOfAttorneySignature;

    /** Whether any option of this group was given; they mean nothing without --operator-request. */
    boolean anyGiven() {
        return signature != null || signCommand != null || once || stateDir != null || dumpFormatVersion != null
                || powerOfAttorney != null || powerOfAttorneySignature != null;
    }

    Path stateDir() {
        return stateDir != null ? stateDir : Path.of(System.getProperty("user.home"), ".blockwatch", "official");
    }

    /** Checks the combination and reads the request files, before anything connects. */
    RequestSigner signer(Path operatorRequest, Path workDir) throws IOException {
        if ((signature == null) == (signCommand == null)) {
            throw new CliException("--operator-request needs --signature FILE (a request signed once) or --sign-command CMD "
                    + "(each fresh request signed by the operator's tool), not " + (signature == null ? "neither" : "both"));
        }
        if ((powerOfAttorney == null) != (powerOfAttorneySignature == null)) {
            throw new CliException("--power-of-attorney and --power-of-attorney-signature go together");
        }
        if (maxArchiveMb <= 0 || maxDumpMb <= 0 || keepArchives < 1) {
            throw new CliException("--max-archive-mb and --max-dump-mb must be positive, --keep-archives at least 1");
        }
        OperatorRequest request = OperatorRequest.load(operatorRequest);
        SignedRequest.PowerOfAttorney power = powerOfAttorney == null ? null : new SignedRequest.PowerOfAttorney(
                readFile(powerOfAttorney, "--power-of-attorney"), powerOfAttorney.getFileName().toString(),
                readFile(powerOfAttorneySignature, "--power-of-attorney-signature"));
        return signature != null
                ? PreSignedRequest.of(request, signature, power)
                : new SignCommand(request, signCommand, signTimeout, workDir, power);
    }

    OperatorService service(Path workDir) {
        return new OperatorService(url, callTimeout, maxArchiveMb * MIB, workDir);
    }

    OfficialDownload.Settings settings() {
        return new OfficialDownload.Settings(resultInterval, resultTimeout, dumpFormatVersion,
                new DumpArchive.Limits(maxArchiveMb * MIB, maxDumpMb * MIB, 100), keepArchives);
    }

    private static byte[] readFile(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CliException(file + ": no such file (" + option + ")");
        }
        return Files.readAllBytes(file);
    }
}
