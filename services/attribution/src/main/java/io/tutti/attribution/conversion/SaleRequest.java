package io.tutti.attribution.conversion;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sale to record. The buyer is named by {@code contactId}, or else by {@code email} or {@code
 * phone}; a buyer attribution does not know yet is resolved by profiles (created when new).
 *
 * @param orderId unique per workspace: the same order recorded again is the same sale
 * @param occurredAt when the sale happened; now when left out
 */
public record SaleRequest(
    String contactId,
    @Size(max = 320) String email,
    @Size(max = 40) String phone,
    @NotBlank @Size(max = 200) String orderId,
    @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 2) BigDecimal amount,
    @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as USD")
        String currency,
    Instant occurredAt) {}
