package io.tutti.profiles.merge;

/**
 * A field both merged contacts had a different value for: the value kept on the survivor and the
 * merged contact's value, which the merge keeps here and an unmerge puts back.
 *
 * @param field e.g. {@code company}, {@code owner}, {@code stage}, {@code attributes.plan}, {@code
 *     checklist.budget}
 */
public record Conflict(String field, Object kept, Object discarded) {}
