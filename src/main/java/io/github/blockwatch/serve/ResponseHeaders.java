package io.github.blockwatch.serve;

import java.util.function.BiConsumer;

/**
 * Headers on every response, errors included. The dashboard loads its scripts and styles from this server
 * only (no inline script or style; uPlot from the jar's webjar), so the policy allows nothing else; no page
 * may frame it; nothing is sniffed. Live data ({@code /api}, {@code /metrics}) is never cached.
 */
final class ResponseHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String NO_STORE = "no-store";
    /** Static files: kept, but asked again each time (they change with the jar). */
    static final String REVALIDATE = "no-cache";

    private ResponseHeaders() {}

    /** Sets the headers every response carries. */
    static void security(BiConsumer<String, String> header) {
        header.accept("X-Content-Type-Options", "nosniff");
        header.accept("X-Frame-Options", "DENY");
        header.accept("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        header.accept("Referrer-Policy", "no-referrer");
    }

    /** True for the paths whose answers are live data. */
    static boolean isLive(String path) {
        return path.startsWith("/api/") || path.equals("/api") || path.equals("/metrics");
    }
}
