package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Decision;
import java.util.List;
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
}
