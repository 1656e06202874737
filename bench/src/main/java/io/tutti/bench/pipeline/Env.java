package io.tutti.bench.pipeline;

import java.util.Map;

/** The TUTTI_* settings, from the environment, with the launcher's defaults. */
record Env(Map<String, String> variables) {

  static Env system() {
    return new Env(System.getenv());
  }

  String get(String name, String fallback) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
