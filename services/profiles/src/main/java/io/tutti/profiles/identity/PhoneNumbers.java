package io.tutti.profiles.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.tutti.profiles.config.ProfilesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phone numbers however people write them ({@code +81 90-1234-5678}, {@code 09012345678}, {@code
 * +819012345678}) as one E.164 number. A number without a country code is read in the configured
 * default region.
 */
@ApplicationScoped
public class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  /** Text that is nothing but a phone number the way people type one. */
  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9 ().\\-/]+");

  private final String region;

  @Inject
  public PhoneNumbers(ProfilesConfig config) {
    this(config.defaultRegion());
  }

  public PhoneNumbers(String region) {
    String upper = region.strip().toUpperCase(Locale.ROOT);
    if (!UTIL.getSupportedRegions().contains(upper)) {
      throw new IllegalArgumentException(
          "tutti.profiles.default-region " + region + " is not an ISO 3166 region code");
    }
    this.region = upper;
  }

  /** The number in E.164, or empty when it is no valid phone number. */
  public Optional<String> e164(String raw) {
    return parse(raw).map(number -> UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
  }

  /**
   * The number a channel gave in E.164: valid numbers normalised, and numbers already in E.164 kept
   * even when they are in a range newer than this library's metadata.
   */
  public Optional<String> e164FromChannel(String raw) {
    Optional<String> valid = e164(raw);
    if (valid.isPresent() || raw == null) {
      return valid;
    }
    String compact = raw.strip().replaceAll("[ ()\\-.]", "");
    return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
  }

  /**
   * The digit strings a person may start typing this number with: international ({@code
   * 819012345678}), national with its trunk prefix ({@code 09012345678}) and national without it
   * ({@code 9012345678}).
   */
  public List<String> typedForms(String e164) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(e164.replaceAll("[^0-9]", ""));
    try {
      PhoneNumber number = UTIL.parse(e164, region);
      forms.add(
          UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL).replaceAll("[^0-9]", ""));
      forms.add(UTIL.getNationalSignificantNumber(number));
    } catch (NumberParseException e) {
      // A number kept from a channel without being understood: its digits are all there is.
    }
    forms.removeIf(String::isEmpty);
    return List.copyOf(forms);
  }

  /** Whether a search term looks like (part of) a phone number rather than a word. */
  public static boolean looksLikePhone(String term) {
    return PHONE_LIKE.matcher(term.strip()).matches()
        && term.chars().filter(Character::isDigit).count() >= 3;
  }

  /** Every valid phone number written in a text, in E.164, in order, each once. */
  public List<String> findIn(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    Set<String> found = new LinkedHashSet<>();
    for (PhoneNumberMatch match :
        UTIL.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
      found.add(UTIL.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
    }
    return new ArrayList<>(found);
  }

  private Optional<PhoneNumber> parse(String raw) {
    if (raw == null || raw.isBlank() || raw.length() > 40) {
      return Optional.empty();
    }
    try {
      PhoneNumber number = UTIL.parse(raw.strip(), region);
      return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
