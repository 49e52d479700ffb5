package io.github.intunerecsys.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code intune.security.*}: the API key that guards writes, and the request body limit.
 *
 * @param apiKey           the key clients send in {@code X-API-Key}; empty (the default) disables every write
 *                         endpoint (403 with a detail saying how to set one)
 * @param readRequiresKey  also require the key on read endpoints (default false: reads are open)
 * @param maxBodySize      largest request body accepted on POST (default 1 MB; larger gets 413)
 */
@ConfigurationProperties("intune.security")
public record SecurityProperties(
        @DefaultValue("") String apiKey,
        @DefaultValue("false") boolean readRequiresKey,
        @DefaultValue("1MB") DataSize maxBodySize) {

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }
}
