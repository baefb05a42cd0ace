package io.github.blockwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code notify.yaml} (Jackson's YAML module) into a {@link NotifyConfig}, checking every key: an unknown
 * key, a missing one, a bad value, a channel a route names but the config lacks, a secret file that is not
 * there — each is one {@link NotifyConfigException} naming the file, the key and what is wrong. Secrets are
 * read here, once, so a notifier that starts can send.
 */
public final class NotifyConfigReader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    static final String DEFAULT_SIGNATURE_HEADER = "X-Blockwatch-Signature";
    static final URI TELEGRAM_API = URI.create("https://api.telegram.org");

    private final Path file;
    private final UnaryOperator<String> environment;

    private NotifyConfigReader(Path file, UnaryOperator<String> environment) {
        this.file = file;
        this.environment = environment;
    }

    public static NotifyConfig read(Path file) {
        return read(file, System::getenv);
    }

    /** @param environment looks up environment variables ({@code *-env} keys) */
    public static NotifyConfig read(Path file, UnaryOperator<String> environment) {
        return new NotifyConfigReader(file, environment).read();
    }

    private NotifyConfig read() {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new NotifyConfigException(file + ": no such file");
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            String first = e.getOriginalMessage().lines().findFirst().orElse("unreadable");
            throw new NotifyConfigException(file + ": not valid YAML"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")") + ": " + first);
        } catch (IOException e) {
            throw new NotifyConfigException(file + ": cannot read: " + e.getMessage());
        }
        Node top = new Node(root, "");
        if (root == null || !root.isObject()) {
            throw fail("", "expected a mapping with 'channels' and 'routes'");
        }
        top.allow("group-id", "dashboard-url", "digest", "retry", "channels", "routes");
        String group = top.text("group-id", NotifyConfig.DEFAULT_GROUP_ID);
        String dashboard = top.has("dashboard-url") ? url(top, "dashboard-url").toString().replaceAll("/+$", "") : null;
        NotifyConfig.DigestSettings digest = digest(top.child("digest"));
        RetryPolicy retry = retry(top.child("retry"));
        Map<String, ChannelSpec> channels = channels(top.required("channels"));
        List<Route> routes = routes(top.required("routes"), channels.keySet());
        return new NotifyConfig(file.toString(), group, dashboard, digest, retry, channels, routes);
    }

    private NotifyConfig.DigestSettings digest(Node node) {
        NotifyConfig.DigestSettings defaults = NotifyConfig.DigestSettings.DEFAULT;
        if (node == null) {
            return defaults;
        }
        node.allow("hold", "max-lines");
        return new NotifyConfig.DigestSettings(node.duration("hold", defaults.hold()),
                node.positiveInt("max-lines", defaults.maxLines()));
    }

    private RetryPolicy retry(Node node) {
        RetryPolicy d = RetryPolicy.DEFAULT;
        if (node == null) {
            return d;
        }
        node.allow("attempts", "backoff", "max-backoff", "timeout", "max-retry-after");
        return new RetryPolicy(node.positiveInt("attempts", d.attempts()), node.duration("backoff", d.backoff()),
                node.duration("max-backoff", d.maxBackoff()), node.duration("timeout", d.timeout()),
                node.duration("max-retry-after", d.maxRetryAfter()));
    }

    private Map<String, ChannelSpec> channels(Node node) {
        if (!node.json.isObject() || node.json.isEmpty()) {
            throw fail(node.path, "expected a mapping of channel names to channels, e.g. ops: {type: webhook, url: ...}");
        }
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        node.json.fieldNames().forEachRemaining(name -> channels.put(name, channel(name, node.child(name))));
        return channels;
    }

    private ChannelSpec channel(String name, Node node) {
        if (!node.json.isObject()) {
            throw fail(node.path, "expected a mapping with 'type'");
        }
        String type = node.requiredText("type");
        return switch (type) {
            case "webhook" -> {
                node.allow("type", "url", "secret-file", "secret-env", "signature-header", "headers");
                yield new ChannelSpec.Webhook(name, url(node, "url"), optionalSecret(node, "secret"),
                        node.text("signature-header", DEFAULT_SIGNATURE_HEADER), node.stringMap("headers"));
            }
            case "slack" -> {
                node.allow("type", "url", "url-file", "url-env");
                yield new ChannelSpec.Slack(name, secretOrPlain(node, "url"));
            }
            case "telegram" -> {
                node.allow("type", "token-file", "token-env", "chat-id", "api-url");
                Secret token = optionalSecret(node, "token");
                if (token == null) {
                    throw fail(node.path + ".token-file", "missing: give the bot token in token-file or token-env");
                }
                yield new ChannelSpec.Telegram(name, token, node.requiredText("chat-id"),
                        node.has("api-url") ? url(node, "api-url") : TELEGRAM_API);
            }
            case "email" -> email(name, node);
            default -> throw fail(node.path + ".type", "unknown channel type '" + type + "' (webhook, slack, telegram, email)");
        };
    }

    private ChannelSpec.Email email(String name, Node node) {
        node.allow("type", "host", "port", "security", "username", "password-file", "password-env", "from", "to",
                "properties");
        String securityText = node.text("security", "starttls");
        ChannelSpec.Security security;
        try {
            security = ChannelSpec.Security.valueOf(securityText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw fail(node.path + ".security", "'" + securityText + "' is not starttls, smtps or none");
        }
        int defaultPort = switch (security) {
            case STARTTLS -> 587;
            case SMTPS -> 465;
            case NONE -> 25;
        };
        int port = node.positiveInt("port", defaultPort);
        if (port > 65535) {
            throw fail(node.path + ".port", port + " is not a port");
        }
        String username = node.text("username", null);
        Secret password = optionalSecret(node, "password");
        if (username != null && password == null) {
            throw fail(node.path + ".password-file", "missing: a username needs password-file or password-env");
        }
        List<String> to = node.strings("to");
        if (to.isEmpty()) {
            throw fail(node.path + ".to", "missing: at least one recipient");
        }
        return new ChannelSpec.Email(name, node.requiredText("host"), port, security, username, password,
                node.requiredText("from"), to, node.stringMap("properties"));
    }

    private List<Route> routes(Node node, Set<String> channelNames) {
        if (!node.json.isArray()) {
            throw fail(node.path, "expected a list of routes, e.g. - {types: [LARGE_RANGE], channels: [ops]}");
        }
        Set<String> known = AlertForms.knownTypes();
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < node.json.size(); i++) {
            Node route = new Node(node.json.get(i), node.path + "[" + i + "]");
            if (!route.json.isObject()) {
                throw fail(route.path, "expected a mapping with 'channels'");
            }
            route.allow("types", "min-severity", "owners", "asns", "decisions", "watchlists", "channels");
            Set<String> types = new LinkedHashSet<>(route.strings("types"));
            for (String type : types) {
                if (!known.contains(type)) {
                    throw fail(route.path + ".types", "unknown alert type '" + type + "' (" + String.join(", ", known) + ")");
                }
            }
            String severityText = route.text("min-severity", "LOW");
            NotifyAlert.Level severity;
            try {
                severity = NotifyAlert.Level.valueOf(severityText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw fail(route.path + ".min-severity", "'" + severityText + "' is not LOW, MEDIUM, HIGH or CRITICAL");
            }
            Set<Long> asns = new LinkedHashSet<>();
            for (String asn : route.strings("asns")) {
                try {
                    asns.add(Long.parseLong(asn.replaceFirst("^(?i)AS", "")));
                } catch (NumberFormatException e) {
                    throw fail(route.path + ".asns", "'" + asn + "' is not an AS number (16509 or AS16509)");
                }
            }
            List<String> channels = route.strings("channels");
            if (channels.isEmpty()) {
                throw fail(route.path + ".channels", "missing: the channels this route sends to");
            }
            for (String channel : channels) {
                if (!channelNames.contains(channel)) {
                    throw fail(route.path + ".channels", "no channel '" + channel + "' (channels: "
                            + String.join(", ", channelNames) + ")");
                }
            }
            routes.add(new Route(Set.copyOf(types), severity, Set.copyOf(route.strings("owners")), Set.copyOf(asns),
                    Set.copyOf(route.strings("decisions")), Set.copyOf(route.strings("watchlists")), List.copyOf(channels)));
        }
        return List.copyOf(routes);
    }

    private URI url(Node node, String key) {
        String text = node.requiredText(key);
        try {
            URI uri = new URI(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw fail(node.path + "." + key, "'" + text + "' is not an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw fail(node.path + "." + key, "'" + text + "' is not a URL");
        }
    }

    /** A Slack URL: a secret, but plain {@code url} is accepted too (e.g. a local relay). */
    private Secret secretOrPlain(Node node, String name) {
        Secret secret = optionalSecret(node, name);
        if (secret != null && node.has(name)) {
            throw fail(node.path + "." + name, "give one of " + name + ", " + name + "-file, " + name + "-env");
        }
        if (secret != null) {
            return secret;
        }
        if (!node.has(name)) {
            throw fail(node.path + "." + name + "-file", "missing: give the URL in " + name + "-file or " + name + "-env");
        }
        url(node, name);
        return new Secret(node.requiredText(name), "the config");
    }

    /** {@code <name>-file} or {@code <name>-env}, or null when neither is given. */
    private Secret optionalSecret(Node node, String name) {
        String fileKey = name + "-file";
        String envKey = name + "-env";
        if (node.has(fileKey) && node.has(envKey)) {
            throw fail(node.path + "." + fileKey, "give " + fileKey + " or " + envKey + ", not both");
        }
        if (node.has(fileKey)) {
            String given = node.requiredText(fileKey);
            Path path = resolve(given);
            String value;
            try {
                value = Files.readString(path, StandardCharsets.UTF_8).strip();
            } catch (NoSuchFileException e) {
                throw fail(node.path + "." + fileKey, path + ": no such file");
            } catch (IOException e) {
                throw fail(node.path + "." + fileKey, path + ": cannot read (" + e.getClass().getSimpleName() + ")");
            }
            if (value.isEmpty()) {
                throw fail(node.path + "." + fileKey, path + " is empty");
            }
            return new Secret(value, "file " + path);
        }
        if (node.has(envKey)) {
            String variable = node.requiredText(envKey);
            String value = environment.apply(variable);
            if (value == null || value.isBlank()) {
                throw fail(node.path + "." + envKey, "environment variable " + variable + " is not set");
            }
            return new Secret(value.strip(), "$" + variable);
        }
        return null;
    }

    /** Relative secret files are next to the config file, wherever notify is started from. */
    private Path resolve(String given) {
        Path path = Path.of(given);
        Path dir = file.toAbsolutePath().getParent();
        return path.isAbsolute() || dir == null ? path : dir.resolve(path).normalize();
    }

    private NotifyConfigException fail(String key, String what) {
        return new NotifyConfigException(file + ": " + (key.isEmpty() ? "" : key + ": ") + what);
    }

    static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    }

    /** A YAML node and its dotted path ({@code channels.ops.url}), for messages. */
    private final class Node {
        final JsonNode json;
        final String path;

        Node(JsonNode json, String path) {
            this.json = json;
            this.path = path;
        }

        private String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        boolean has(String key) {
            return json.has(key) && !json.get(key).isNull();
        }

        Node child(String key) {
            return has(key) ? new Node(json.get(key), at(key)) : null;
        }

        Node required(String key) {
            if (!has(key)) {
                throw fail(at(key), "missing");
            }
            return child(key);
        }

        void allow(String... keys) {
            Set<String> allowed = Set.of(keys);
            json.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    throw fail(at(key), "unknown key (expected one of " + String.join(", ", keys) + ")");
                }
            });
        }

        String requiredText(String key) {
            String text = text(key, null);
            if (text == null) {
                throw fail(at(key), "missing");
            }
            return text;
        }

        String text(String key, String otherwise) {
            if (!has(key)) {
                return otherwise;
            }
            JsonNode value = json.get(key);
            if (!value.isValueNode() || value.asText().isBlank()) {
                throw fail(at(key), "expected a non-empty text");
            }
            return value.asText();
        }

        int positiveInt(String key, int otherwise) {
            if (!has(key)) {
                return otherwise;
            }
            JsonNode value = json.get(key);
            if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
                throw fail(at(key), "expected a whole number of at least 1, not '" + value.asText() + "'");
            }
            return value.asInt();
        }

        Duration duration(String key, Duration otherwise) {
            String text = text(key, null);
            if (text == null) {
                return otherwise;
            }
            try {
                Duration d = parseDuration(text);
                if (d.isNegative()) {
                    throw fail(at(key), "'" + text + "' is negative");
                }
                return d;
            } catch (RuntimeException e) {
                if (e instanceof NotifyConfigException) {
                    throw e;
                }
                throw fail(at(key), "'" + text + "' is not a duration (try 500ms, 30s, 5m)");
            }
        }

        /** A list of texts; a single text counts as a list of one ({@code to: noc@example.org}). */
        List<String> strings(String key) {
            if (!has(key)) {
                return List.of();
            }
            JsonNode value = json.get(key);
            List<String> items = new ArrayList<>();
            if (value.isValueNode()) {
                items.add(value.asText());
            } else if (value.isArray()) {
                for (JsonNode item : value) {
                    if (!item.isValueNode() || item.asText().isBlank()) {
                        throw fail(at(key), "expected a list of texts");
                    }
                    items.add(item.asText());
                }
            } else {
                throw fail(at(key), "expected a list, e.g. [a, b]");
            }
            return items;
        }

        Map<String, String> stringMap(String key) {
            if (!has(key)) {
                return Map.of();
            }
            JsonNode value = json.get(key);
            if (!value.isObject()) {
                throw fail(at(key), "expected a mapping, e.g. {X-Team: network}");
            }
            Map<String, String> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(e -> {
                if (!e.getValue().isValueNode()) {
                    throw fail(at(key) + "." + e.getKey(), "expected a text");
                }
                map.put(e.getKey(), e.getValue().asText());
            });
            return map;
        }
    }
}
