package io.github.blockwatch.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine;

/**
 * {@code --url}: an absolute http or https URL with a host, checked while the command line is parsed, so a
 * {@code file:} or relative URL fails with exit code 2 before anything connects to Kafka or creates topics.
 */
final class MirrorUrlConverter implements CommandLine.ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not an http or https URL"
                    + (uri.getScheme() == null ? " (give the whole URL, e.g. https://mirror.example/dump.csv.gz)" : ""));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new CommandLine.TypeConversionException("'" + value + "' names no host");
        }
        return uri;
    }
}
