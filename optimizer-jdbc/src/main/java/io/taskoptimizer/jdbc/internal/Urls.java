package io.taskoptimizer.jdbc.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Password handling for JDBC URLs: redaction for messages, and the password itself for scrubbing. */
public final class Urls {

  private static final Pattern PASSWORD = Pattern.compile("(?i)((?:^|[?&;\\s])password=)[^&;\\s]*");
  private static final Pattern USER_INFO = Pattern.compile("(?i)(jdbc:postgresql://)([^/@?#\\s:]*):([^/@?#\\s]*)@");

  private Urls() {}

  /** The text with every {@code password=...} value and {@code user:password@} replaced by {@code ***}. */
  public static String redact(String text) {
    String out = PASSWORD.matcher(text).replaceAll("$1***");
    Matcher m = USER_INFO.matcher(out);
    return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + ":***@"));
  }

  /** The password given in the URL ({@code password=} parameter or user info), if any. */
  public static Optional<String> password(String url) {
    Matcher m = Pattern.compile("(?i)(?:[?&;])password=([^&;]*)").matcher(url);
    if (m.find()) {
      String raw = m.group(1);
      try {
        return Optional.of(URLDecoder.decode(raw, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.of(raw);
      }
    }
    Matcher u = USER_INFO.matcher(url);
    return u.find() ? Optional.of(u.group(3)) : Optional.empty();
  }
}
