package io.github.blockwatch.owners;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One name per organisation across datasets: the AWS list says nothing of "Amazon.com, Inc.", the ASN
 * tables say "AMAZON-02" or "GOOGLE - Google LLC". Without this, one owner would be counted under
 * several names. Also knows the few ASes that are public cloud or shared hosting space.
 */
public final class OwnerNames {
    public static final String AMAZON = "Amazon";
    public static final String GOOGLE = "Google";
    public static final String AWS = "AWS";
    public static final String GOOGLE_CLOUD = "Google Cloud";

    /** Lower-case fragment of an AS description → canonical owner, tried in order. */
    private static final List<Map.Entry<String, String>> KNOWN = List.of(
            Map.entry("amazon", AMAZON),
            Map.entry("google", GOOGLE),
            Map.entry("cloudflare", "Cloudflare"),
            Map.entry("microsoft", "Microsoft"),
            Map.entry("digitalocean", "DigitalOcean"),
            Map.entry("hetzner", "Hetzner"),
            Map.entry("scaleway", "Scaleway"),
            Map.entry("online s.a.s", "Scaleway"),
            Map.entry("ovh", "OVH"));

    /** Cloud platforms announced under their own AS. */
    private static final Map<Long, String> CLOUD_ASNS = Map.of(16509L, AWS, 14618L, AWS, 396982L, GOOGLE_CLOUD);

    /** Public cloud, CDN and hosting ASes: blocking their space hits unrelated customers. */
    private static final Set<Long> HOSTING_ASNS = Set.of(
            16509L, 14618L, 396982L, 13335L, 209242L, 8075L, 14061L, 24940L, 12876L, 16276L);

    private OwnerNames() {}

    /** The canonical owner for an organisation text: "Amazon.com, Inc." → Amazon; unknown ones as given. */
    public static String canonical(String organisation) {
        String lower = organisation.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> known : KNOWN) {
            if (lower.contains(known.getKey())) {
                return known.getValue();
            }
        }
        return organisation.strip();
    }

    /** The cloud platform an AS stands for, or null. */
    public static String cloudOfAsn(long asn) {
        return CLOUD_ASNS.get(asn);
    }

    public static boolean isHostingAsn(long asn) {
        return HOSTING_ASNS.contains(asn);
    }

    /** The label of a range an AS announces, as the ASN tables give it. */
    public static OwnerLabel ofAsn(long asn, String organisation, boolean hosting) {
        return new OwnerLabel(canonical(organisation), asn, cloudOfAsn(asn), null, null, hosting || isHostingAsn(asn));
    }
}
