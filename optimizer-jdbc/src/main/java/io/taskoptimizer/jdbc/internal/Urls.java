package io.taskoptimizer.jdbc.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The password of a JDBC URL, for scrubbing it from driver messages. (Redacting URLs for messages
 * is {@code io.taskoptimizer.api.internal.Redaction}, shared by every module.)
 */
public final class Urls {

  private static final Pattern USER_INFO =
      Pattern.compile("(?i)(jdbc:postgresql://)([^/@?#\\s:]*):([^/@?#\\s]*)@");

  private Urls() {}

  /**
   * The password given in a URL, from its {@code password=} parameter (URL-decoded) or else its
   * user info.
   *
   * @param url a JDBC URL
   * @return the password; empty if the URL has none
   */
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
