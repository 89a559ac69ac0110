package io.taskoptimizer.api.internal;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The one way the Task Optimizer modules hide credentials in text they show (messages, logs, {@code
 * toString()}): server URLs ({@code OLLAMA_HOST}, {@code --ollama}), store URLs ({@code
 * jdbc:postgresql://...}) and error texts or stack traces that may quote them. Exported only to our
 * modules. Stateless and thread-safe.
 */
public final class Redaction {

  /** What stands in for a hidden value. */
  public static final String MASK = "***";

  /**
   * {@code password=VALUE} as a URL or JDBC parameter, at the start or after {@code ? & ;} or a
   * space.
   */
  private static final Pattern PASSWORD = Pattern.compile("(?i)((?:^|[?&;\\s])password=)[^&;\\s]*");

  /**
   * User information before a host: after any {@code scheme://} (also {@code jdbc:postgresql://}),
   * or at the very start of the text (a scheme-less {@code OLLAMA_HOST} such as {@code
   * user:password@host}, possibly after spaces and a quote). It reaches the last {@code @} before
   * the first {@code /} or white space, since a password may itself contain an {@code @}.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)(^\\s*['\"]?(?:[a-z][a-z0-9+.:-]*://)?|[a-z][a-z0-9+.:-]*://)[^/\\s]+@");

  private Redaction() {}

  /**
   * The text with every credential in it replaced by {@value #MASK}: the whole user information of
   * a URL ({@code http://user:password@host} becomes {@code http://***@host}: a user name alone may
   * be a token) and every {@code password=} parameter value ({@code ?user=u&password=***}).
   *
   * @param text any text that may hold URLs, or {@code null}
   * @return the redacted text; {@code "null"} for {@code null}
   */
  public static String redact(@Nullable String text) {
    if (text == null) {
      return "null";
    }
    String out = PASSWORD.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO.matcher(out).replaceAll("$1" + MASK + "@");
  }

  /**
   * A URL as it may be shown: {@link #redact(String) redacted}.
   *
   * @param url a URL, or {@code null}
   * @return its text without credentials; {@code "null"} for {@code null}
   */
  public static String redact(java.net.@Nullable URI url) {
    return redact(url == null ? null : url.toString());
  }
}
