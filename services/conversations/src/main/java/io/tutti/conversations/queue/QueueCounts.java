package io.tutti.conversations.queue;

import java.util.Map;

/**
 * How many conversations each view holds under the request's filters, for the sidebar badges.
 * Counting stops past {@code countLimit}: a number above it means "more than countLimit".
 *
 * @param teams per team the caller belongs to (an admin: every team of the workspace)
 */
public record QueueCounts(
    long mine, long unassigned, long all, Map<String, Long> teams, int countLimit) {}
