package io.tutti.connectors.twilio;

/**
 * How many SMS segments a text takes: GSM-7 texts take 160 characters in one segment and 153 per
 * segment when concatenated (the extension characters count twice); any other character makes the
 * whole text UCS-2, 70 UTF-16 units alone and 67 per segment.
 */
final class SmsSegments {

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  static int count(String text) {
    int septets = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (GSM_BASIC.indexOf(c) >= 0) {
        septets++;
      } else if (GSM_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        return segments(text.length(), 70, 67);
      }
    }
    return segments(septets, 160, 153);
  }

  private static int segments(int units, int single, int perPart) {
    if (units == 0) {
      return 0;
    }
    return units <= single ? 1 : (units + perPart - 1) / perPart;
  }
}
