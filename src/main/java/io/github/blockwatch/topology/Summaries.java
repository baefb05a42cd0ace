package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.OwnerShare;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Short human-readable fragments for alert summaries. */
final class Summaries {
    private Summaries() {}

    /** " by Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)" or "" when there is no decision. */
    static String byDecisions(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return "";
        }
        return " by " + decisions.stream()
                .limit(2)
                .map(d -> (d.getOrg() + " " + d.getNumber()).strip() + (d.getDate().isEmpty() ? "" : " (" + d.getDate() + ")"))
                .collect(Collectors.joining(", "))
                + (decisions.size() > 2 ? " and " + (decisions.size() - 2) + " more" : "");
    }

    /**
     * " — Amazon AWS eu-central-1" for a range one owner holds, " — Amazon AWS us-east-1 62%, Amazon AWS
     * us-west-2 25%, 2 more" for a split one (shares merged by owner, cloud and region), "" when no owners
     * are known.
     */
    static String byOwners(List<OwnerShare> shares) {
        if (shares.isEmpty()) {
            return "";
        }
        Map<String, BigDecimal> byText = new LinkedHashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (OwnerShare share : shares) {
            byText.merge(OwnerShares.text(share), share.getAddresses(), BigDecimal::add);
            total = total.add(share.getAddresses());
        }
        if (byText.size() == 1) {
            return " — " + byText.keySet().iterator().next();
        }
        List<Map.Entry<String, BigDecimal>> sorted = byText.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).toList();
        StringBuilder text = new StringBuilder(" — ");
        int shown = Math.min(3, sorted.size());
        for (int i = 0; i < shown; i++) {
            text.append(i == 0 ? "" : ", ").append(sorted.get(i).getKey()).append(' ')
                    .append(percent(sorted.get(i).getValue(), total));
        }
        if (sorted.size() > shown) {
            text.append(", ").append(sorted.size() - shown).append(" more");
        }
        return text.toString();
    }

    /** "62%", "<1%". */
    static String percent(BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return "0%";
        }
        BigDecimal p = part.multiply(BigDecimal.valueOf(100)).divide(whole, 0, RoundingMode.HALF_UP);
        return p.signum() == 0 && part.signum() > 0 ? "<1%" : String.format(Locale.ROOT, "%d%%", p.intValue());
    }
}
