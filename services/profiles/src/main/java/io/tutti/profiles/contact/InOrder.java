package io.tutti.profiles.contact;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one step per item, each after the previous one finished: a Hibernate Reactive session allows
 * one operation at a time.
 */
public final class InOrder {

  private InOrder() {}

  public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
    if (items.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(item -> step.apply(item).replaceWithVoid())
        .collect()
        .asList()
        .replaceWithVoid();
  }
}
