package io.github.blockwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.serve.RegistryTimes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code blockwatch lookup}: asks a running instance's HTTP API whether an address is (or was) blocked.
 * Going through the API rather than Kafka keeps one code path for people, scripts and the dashboard, and
 * needs only the URL: the versioned range store lives inside {@code blockwatch run}.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        header = "Is an IP blocked now, at a registry time, and when was it?",
        description = {"Asks a running 'blockwatch run' (or demo) over its HTTP API: GET /api/ip/IP, with --at "
                + "GET /api/ip/IP?at=TIME, with --history GET /api/ip/IP/history.",
            "TIME is registry time: 2018-05-05T14:00Z, 2018-05-05T17:00+03:00, or a date (its 00:00 UTC)."})
final class LookupCommand implements Callable<Integer> {
    enum Format { text, json }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "IP", description = "One IPv4 or IPv6 address")
    String ip;

    @Option(names = "--at", paramLabel = "TIME", description = "Answer as of this registry time (default: now)")
    String at;

    @Option(names = "--history", description = "Every interval in which the address was blocked, with its decisions")
    boolean history;

    @Option(names = "--format", defaultValue = "text", description = "text or json (the API's answer as is) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--api", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of a running instance's HTTP API (default: ${DEFAULT-VALUE})")
    String api;

    @Override
    public Integer call() {
        String address = validAddress(ip);
        if (at != null && history) {
            throw new CliException("--at and --history: give one (the history covers all times)");
        }
        String path = "/api/ip/" + address + (history ? "/history" : "");
        if (at != null) {
            try {
                RegistryTimes.parse(at);
            } catch (IllegalArgumentException e) {
                throw new CliException("--at: " + e.getMessage());
            }
            path += "?at=" + URLEncoder.encode(at.strip(), StandardCharsets.UTF_8);
        }
        String body = get(path);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(body);
        } else {
            JsonNode answer = read(body);
            out.print(history ? LookupText.history(answer) : LookupText.answer(answer));
        }
        out.flush();
        return 0;
    }

    private static String validAddress(String text) {
        try {
            Cidr parsed = Cidr.parse(text);
            if (!parsed.isSingleAddress() || text.contains("/")) {
                throw new CliException("not a single IP address '" + text + "'");
            }
            return parsed.firstAddress();
        } catch (InvalidAddressException e) {
            throw new CliException(e.getMessage());
        }
    }

    private String get(String path) {
        URI uri;
        try {
            uri = URI.create(api.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw new CliException("--api: not a URL '" + api + "'");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("no blockwatch API at " + api + " (start 'blockwatch run' or give --api URL)");
        } catch (IOException e) {
            throw new CliException("no answer from " + api + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        if (response.statusCode() != 200) {
            String reason = response.body();
            try {
                reason = JSON.readTree(response.body()).path("error").asText(reason);
            } catch (IOException e) {
                // not JSON: show the body as it came
            }
            throw new CliException(reason.strip().replace('\n', ' ') + " (HTTP " + response.statusCode() + " from " + api + ")");
        }
        return response.body();
    }

    private JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException("the API at " + api + " did not answer JSON");
        }
    }
}
