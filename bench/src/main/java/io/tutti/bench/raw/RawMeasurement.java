package io.tutti.bench.raw;

/**
 * What one raw-limit tool measured: the rate, and exactly how, so a reader can repeat it and judge
 * whether the comparison with Tutti is fair.
 *
 * @param perSecond messages (or rows) a second
 * @param detail tool, flags, connections and duration
 */
public record RawMeasurement(double perSecond, String detail) {}
