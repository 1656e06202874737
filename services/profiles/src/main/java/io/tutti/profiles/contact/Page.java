package io.tutti.profiles.contact;

import java.util.List;

/**
 * One page of a list.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {}
