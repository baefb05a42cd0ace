package io.github.blockwatch.owners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens an owner file of any supported format (plain or gzip) and tells the format from its content:
 * JSON with {@code ip_prefix} is AWS, JSON with {@code ipv4Prefix}/{@code ipv6Prefix} is Google, a first
 * line {@code # AS<n>} is ipverse, tab-separated five-field rows are iptoasn.
 */
public final class OwnerFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OwnerFiles() {}

    /** The dataset name of a file: its name without directory and {@code .gz}. */
    public static String datasetName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    /**
     * Reads one owner file.
     *
     * @param hosting mark every range of an ASN table as shared hosting space (cloud lists always are)
     * @throws OwnerFormatException when the file is none of the supported formats
     * @throws NoSuchFileException  when it does not exist
     */
    public static OwnerDataset read(Path file, boolean hosting) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no such file");
        }
        String dataset = datasetName(file);
        String text;
        try (InputStream in = open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return read(dataset, text, hosting);
    }

    static OwnerDataset read(String dataset, String text, boolean hosting) throws IOException {
        String start = text.stripLeading();
        if (start.startsWith("{")) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new OwnerFormatException(dataset + ": broken JSON at line " + e.getLocation().getLineNr());
            }
            if (text.contains("\"ip_prefix\"")) {
                return CloudJsonRanges.read(dataset, OwnerFormat.AWS_IP_RANGES, root);
            }
            if (text.contains("\"ipv4Prefix\"") || text.contains("\"ipv6Prefix\"")) {
                return CloudJsonRanges.read(dataset, OwnerFormat.GOOGLE_IP_RANGES, root);
            }
            throw new OwnerFormatException(dataset + ": JSON, but neither AWS ip-ranges.json (ip_prefix) nor Google cloud.json (ipv4Prefix)");
        }
        if (start.startsWith("# AS") || start.startsWith("#AS")) {
            return AsnTables.readIpverse(dataset, new BufferedReader(new StringReader(start)), hosting);
        }
        String firstLine = start.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).findFirst().orElse("");
        if (firstLine.split("\t", -1).length == 5) {
            return AsnTables.readIptoasn(dataset, new BufferedReader(new StringReader(text)), hosting);
        }
        throw new OwnerFormatException(dataset + ": unknown owner format (expected AWS ip-ranges.json, Google cloud.json/goog.json, "
                + "an iptoasn TSV or an ipverse aggregated list)");
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
    }

}
