package io.github.blockwatch.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each owner format, read from the real bundled files in data/owners. */
class OwnerFilesTest {
    static final Path OWNERS = Path.of("data", "owners");

    @TempDir
    Path tmp;

    static Map<String, OwnerRange> byRange(OwnerDataset dataset) {
        return dataset.ranges().stream().collect(Collectors.toMap(OwnerRange::range, Function.identity()));
    }

    @Test
    void awsIpRanges2018NamesFrankfurtAndMergesServicesOfOnePrefix() throws IOException {
        OwnerDataset aws = OwnerFiles.read(OWNERS.resolve("aws-ip-ranges-2018-04-05.json"), false);

        assertThat(aws.name()).isEqualTo("aws-ip-ranges-2018-04-05.json");
        assertThat(aws.format()).isEqualTo(OwnerFormat.AWS_IP_RANGES);
        assertThat(aws.rejected()).isEmpty();
        assertThat(aws.ipv6Skipped()).isPositive();
        Map<String, OwnerRange> ranges = byRange(aws);
        // 1,114 IPv4 prefix entries, several listed twice (AMAZON and EC2): one range each.
        assertThat(ranges).hasSizeLessThan(1_114).hasSizeGreaterThan(500);
        for (String frankfurt : new String[] {"52.58.0.0/15", "18.184.0.0/15", "35.156.0.0/14", "18.194.0.0/15"}) {
            OwnerLabel label = ranges.get(frankfurt).label();
            assertThat(label.text()).as(frankfurt).isEqualTo("Amazon AWS eu-central-1");
            assertThat(label.hosting()).isTrue();
        }
        assertThat(ranges.get("52.58.0.0/15").label().service()).isEqualTo("EC2");
        assertThat(ranges.get("52.58.0.0/15").size()).isEqualTo(131_072);
    }

    @Test
    void awsIpRangesGzipOf2025IsRead() throws IOException {
        OwnerDataset aws = OwnerFiles.read(OWNERS.resolve("aws-ip-ranges-2025-07-24.json.gz"), false);

        assertThat(aws.name()).isEqualTo("aws-ip-ranges-2025-07-24.json");
        assertThat(aws.ranges()).hasSizeGreaterThan(5_000);
        assertThat(aws.ranges()).allSatisfy(r -> assertThat(r.label().owner()).isEqualTo("Amazon"));
    }

    @Test
    void googleCloudJsonGivesScopeAsRegion() throws IOException {
        OwnerDataset gcp = OwnerFiles.read(OWNERS.resolve("gcp-cloud-2021-07-27.json"), false);

        assertThat(gcp.format()).isEqualTo(OwnerFormat.GOOGLE_IP_RANGES);
        OwnerLabel label = byRange(gcp).get("34.80.0.0/15").label();
        assertThat(label).isEqualTo(new OwnerLabel("Google", null, "Google Cloud", "asia-east1", null, true));
        assertThat(label.text()).isEqualTo("Google Cloud asia-east1");
        assertThat(gcp.ipv6Skipped()).isPositive();
    }

    @Test
    void googJsonWithoutScopeIsAllOfGoogleNotCloud() throws IOException {
        Path goog = Files.writeString(tmp.resolve("goog.json"),
                "{\"syncToken\": \"1\", \"prefixes\": [{\"ipv4Prefix\": \"8.8.4.0/24\"}, {\"ipv6Prefix\": \"2001:4860::/32\"}]}");

        OwnerDataset dataset = OwnerFiles.read(goog, false);

        assertThat(dataset.ranges()).singleElement().satisfies(r -> {
            assertThat(r.label()).isEqualTo(new OwnerLabel("Google", null, null, null, null, false));
            assertThat(r.range()).isEqualTo("8.8.4.0/24");
        });
        assertThat(dataset.ipv6Skipped()).isEqualTo(1);
    }

    @Test
    void iptoasnTableKeepsRangesThatAreNoCidrBlockAndCanonicalisesOwners() throws IOException {
        OwnerDataset table = OwnerFiles.read(OWNERS.resolve("ip2asn-v4-google-cloudflare-subset-2019.tsv"), false);

        assertThat(table.format()).isEqualTo(OwnerFormat.IPTOASN);
        assertThat(table.rejected()).isEmpty();
        Map<String, OwnerRange> ranges = byRange(table);
        assertThat(ranges.get("1.1.1.0/24").label()).isEqualTo(new OwnerLabel("Cloudflare", 13335L, null, null, null, true));
        assertThat(ranges.get("8.8.8.0/24").label()).isEqualTo(new OwnerLabel("Google", 15169L, null, null, null, false));
        assertThat(ranges.get("8.8.8.0/24").label().text()).isEqualTo("Google (AS15169)");
        assertThat(table.ranges()).anySatisfy(r -> assertThat(r.range()).contains("-"));
        assertThat(table.ranges()).allSatisfy(r -> assertThat(r.label().owner()).isIn("Google", "Cloudflare"));
        // 35.192.0.0/12 is Google's: all of it but one /18 (1,032,192 of 1,048,576) in Google rows of 2019.
        long covered = table.ranges().stream()
                .filter(r -> r.first() >= 0x23C00000L && r.last() <= 0x23CFFFFFL)
                .mapToLong(OwnerRange::size).sum();
        assertThat(covered).isEqualTo((1L << 20) - (1L << 14));
    }

    @Test
    void ipverseListTakesAsnAndOrganisationFromItsHeader() throws IOException {
        OwnerDataset amazon = OwnerFiles.read(OWNERS.resolve("asn-AS16509-ipv4-aggregated.txt"), false);
        OwnerDataset gcp = OwnerFiles.read(OWNERS.resolve("asn-AS396982-ipv4-aggregated.txt"), false);

        assertThat(amazon.format()).isEqualTo(OwnerFormat.IPVERSE);
        assertThat(amazon.rejected()).isEmpty();
        assertThat(amazon.ranges()).hasSizeGreaterThan(1_000).allSatisfy(r ->
                assertThat(r.label()).isEqualTo(new OwnerLabel("Amazon", 16509L, "AWS", null, null, true)));
        assertThat(byRange(amazon)).containsKey("2.57.12.0/24");
        assertThat(gcp.ranges().get(0).label()).isEqualTo(new OwnerLabel("Google", 396982L, "Google Cloud", null, null, true));
    }

    @Test
    void hostingFlagMarksAsnTables() throws IOException {
        OwnerDataset google = OwnerFiles.read(OWNERS.resolve("asn-AS15169-ipv4-aggregated.txt"), true);

        assertThat(google.ranges()).allSatisfy(r -> assertThat(r.label().hosting()).isTrue());
    }

    @Test
    void badRowsAreRejectedWithLineAndReasonNotDropped() throws IOException {
        Path tsv = Files.writeString(tmp.resolve("t.tsv"), String.join("\n",
                "1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET - Cloudflare, Inc.",
                "1.0.1.0\t1.0.1.255\t0\tNone\tNot routed",
                "1.0.2.0\tnonsense\t15169\tUS\tGOOGLE - Google LLC",
                "1.0.3.0\t1.0.3.255\t15169\tUS"), StandardCharsets.UTF_8);

        OwnerDataset dataset = OwnerFiles.read(tsv, false);

        assertThat(dataset.ranges()).extracting(OwnerRange::range).containsExactly("1.0.0.0/24");
        assertThat(dataset.rejected()).extracting(OwnerDataset.Rejected::line).containsExactly(2L, 3L, 4L);
        assertThat(dataset.rejected().get(0).reason()).contains("not routed");
    }

    @Test
    void unknownFormatAndMissingFileAreOneLineErrors() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "who owns what\n");
        Path json = Files.writeString(tmp.resolve("other.json"), "{\"items\": []}");

        assertThatThrownBy(() -> OwnerFiles.read(text, false)).isInstanceOf(OwnerFormatException.class)
                .hasMessageStartingWith("notes.txt: unknown owner format");
        assertThatThrownBy(() -> OwnerFiles.read(json, false)).isInstanceOf(OwnerFormatException.class)
                .hasMessageContaining("neither AWS");
        assertThatThrownBy(() -> OwnerFiles.read(tmp.resolve("absent.json"), false))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("absent.json");
    }
}
