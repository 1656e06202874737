package io.tutti.attribution.model;

import java.math.BigDecimal;

/** The part of one conversion a (channel, campaign) earns under one model; weights sum to 1. */
public record Share(String channel, String campaign, BigDecimal weight) {}
