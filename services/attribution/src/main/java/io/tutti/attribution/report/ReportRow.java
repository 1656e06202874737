package io.tutti.attribution.report;

import java.math.BigDecimal;

/**
 * What a channel or campaign brought in the range. Sessions count by their own channel; contacts,
 * qualified leads, sales and revenue are the model's credit, two decimals.
 */
public record ReportRow(
    String key,
    long sessions,
    BigDecimal contacts,
    BigDecimal qualified,
    BigDecimal sales,
    BigDecimal revenue) {}
