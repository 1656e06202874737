package io.tutti.attribution.site;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A website to track.
 *
 * @param siteKey the public key its snippet sends; left out, one is made. Give the website chat
 *     inbox's site key to use one snippet key for both.
 */
public record SiteRequest(
    @NotBlank @Size(max = 200) String name,
    @Pattern(regexp = "[A-Za-z0-9_-]{8,100}", message = "must be 8-100 letters, digits, '_' or '-'")
        String siteKey) {}
