package io.tutti.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {

  @Test
  void idsAreVersion7WithTheRfcVariant() {
    UUID id = UuidV7.next();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void idsCarryTheCurrentTime() {
    long before = System.currentTimeMillis();
    UUID id = UuidV7.next();
    long after = System.currentTimeMillis();

    // A burst may run the embedded clock a few milliseconds ahead, never behind.
    assertThat(UuidV7.timestampOf(id)).isBetween(before, after + 50);
  }

  @Test
  void idsMadeInOneBurstSortInCreationOrder() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      ids.add(UuidV7.next());
    }

    List<String> asText = ids.stream().map(UUID::toString).toList();
    assertThat(asText).isSorted().doesNotHaveDuplicates();
  }
}
