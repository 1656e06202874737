package io.tutti.attribution.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An attribution model: how a conversion's credit is shared among the touches before it. */
public enum Model {
  /** 100 % to the first touch. */
  FIRST_TOUCH,
  /** 100 % to the last touch before the conversion. */
  LAST_TOUCH,
  /** Equal shares. */
  LINEAR,
  /** 40 % first, 40 % last, 20 % shared by the touches between (two touches 50/50, one 100 %). */
  U_SHAPED,
  /** Weights halving every half-life (7 days unless the workspace says otherwise) before it. */
  TIME_DECAY;

  /** The name in the API and the database, e.g. {@code first_touch}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Model> of(String id) {
    return Arrays.stream(values()).filter(m -> m.id().equals(id)).findFirst();
  }
}
