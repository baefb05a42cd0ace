package io.github.blockwatch.official;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --sign-command CMD}: the operator's own signing tool signs each fresh request, so blockwatch
 * never holds the key. The contract: CMD is run by {@code sh -c} with the request file as {@code $1} and
 * the path where the detached signature (PKCS#7/CMS, DER) must be written as {@code $2}; {@code {request}}
 * and {@code {signature}} in CMD stand for them, and when CMD names neither both are appended, in that
 * order — the argument order of CryptoPro's {@code cryptcp -sign -detached … FILE SIGNATURE} and of a
 * script wrapping {@code openssl smime -sign -binary -outform DER -in "$1" -out "$2"} (the form the Perl and
 * Python clients read use). Exit 0 and a non-empty signature file mean success; anything else is a
 * one-line error with the last line the tool printed.
 */
public final class SignCommand implements RequestSigner {
    private final OperatorRequest request;
    private final String command;
    private final Duration timeout;
    private final Path workDir;
    private final SignedRequest.PowerOfAttorney power;

    public SignCommand(OperatorRequest request, String command, Duration timeout, Path workDir,
                       SignedRequest.PowerOfAttorney power) {
        this.request = request;
        this.command = command;
        this.timeout = timeout;
        this.workDir = workDir;
        this.power = power;
    }

    /** The shell script actually run: CMD with its placeholders bound to {@code "$1"} and {@code "$2"}. */
    static String script(String command) {
        if (command.contains("{request}") || command.contains("{signature}")) {
            return command.replace("{request}", "\"$1\"").replace("{signature}", "\"$2\"");
        }
        return command + " \"$1\" \"$2\"";
    }

    @Override
    public SignedRequest sign(ZonedDateTime now) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path requestFile = workDir.resolve("request.xml");
        Path signatureFile = workDir.resolve("request.xml.sig");
        Path log = workDir.resolve("sign-command.log");
        byte[] bytes = request.at(now);
        Files.write(requestFile, bytes);
        Files.deleteIfExists(signatureFile);
        Process process = new ProcessBuilder(List.of("sh", "-c", script(command), "blockwatch-sign",
                requestFile.toString(), signatureFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new OperatorServiceException("--sign-command did not finish within " + Durations.describe(timeout));
        }
        if (process.exitValue() != 0) {
            throw new OperatorServiceException("--sign-command failed (exit " + process.exitValue() + ")" + lastLine(log));
        }
        if (!Files.isRegularFile(signatureFile) || Files.size(signatureFile) == 0) {
            throw new OperatorServiceException("--sign-command wrote no signature to $2 (" + signatureFile + ")" + lastLine(log));
        }
        return new SignedRequest(bytes, Files.readAllBytes(signatureFile), power);
    }

    private static String lastLine(Path log) {
        try {
            // lenient decoding: CryptoPro's tools print cp1251, a wrong guess must not hide the failure
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : ": " + SoapAnswer.clip(lines.get(lines.size() - 1));
        } catch (IOException e) {
            return "";
        }
    }
}
