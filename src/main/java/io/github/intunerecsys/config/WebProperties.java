package io.github.intunerecsys.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code intune.web.*}: the JSON API's limits, CORS and caching.
 *
 * @param corsAllowedOrigins origins a browser page may call the API from ({@code https://example.org}); empty
 *                           allows none but the service's own page
 * @param maxQueryLength     longest title or search query accepted, in characters
 * @param defaultLimit       items in a list when the request gives no {@code limit}
 * @param maxLimit           largest {@code limit} accepted
 * @param retryAfter         the {@code Retry-After} sent with 503 while the models load or the pipeline is full
 * @param cacheMaxAge        {@code Cache-Control: max-age} of read-only resources (they also carry an ETag keyed on
 *                           the model version, so a client revalidates cheaply after it expires)
 * @param maxConcurrentRequests API requests handled at once; one more is answered 503 with Retry-After at once
 *                           (0 = four per available processor)
 */
@ConfigurationProperties("intune.web")
public record WebProperties(
        List<String> corsAllowedOrigins,
        @DefaultValue("200") int maxQueryLength,
        @DefaultValue("10") int defaultLimit,
        @DefaultValue("100") int maxLimit,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("60s") Duration cacheMaxAge,
        @DefaultValue("0") int maxConcurrentRequests) {

    public WebProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        if (maxQueryLength < 1) {
            throw new IllegalArgumentException("intune.web.max-query-length must be at least 1, got " + maxQueryLength);
        }
        if (maxLimit < 1 || defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalArgumentException("intune.web: need 1 <= default-limit (" + defaultLimit
                    + ") <= max-limit (" + maxLimit + ")");
        }
        if (maxConcurrentRequests < 0) {
            throw new IllegalArgumentException("intune.web.max-concurrent-requests must not be negative, got "
                    + maxConcurrentRequests);
        }
        if (retryAfter.isNegative() || cacheMaxAge.isNegative()) {
            throw new IllegalArgumentException("intune.web.retry-after and cache-max-age must not be negative");
        }
    }

    /** The defaults, for tests and tools. */
    public static WebProperties defaults() {
        return new WebProperties(List.of(), 200, 10, 100, Duration.ofSeconds(5), Duration.ofSeconds(60), 0);
    }

    /** {@link #maxConcurrentRequests} with 0 resolved to four per available processor. */
    public int concurrencyLimit() {
        return maxConcurrentRequests > 0 ? maxConcurrentRequests : 4 * Runtime.getRuntime().availableProcessors();
    }
}
