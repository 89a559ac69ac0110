package io.taskoptimizer.ollama.internal;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Logging helpers that keep secrets out of logs. */
public final class LogSupport {

  private LogSupport() {}

  /**
   * Whether a header's value must never be logged.
   *
   * @param name the header name, in any case
   * @return true for credentials, cookies and names containing key, token or secret
   */
  public static boolean isSecretHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization")
        || n.equals("proxy-authorization")
        || n.equals("cookie")
        || n.contains("key")
        || n.contains("token")
        || n.contains("secret");
  }

  /**
   * Headers as {@code {name=value, ...}} with secret values replaced by {@code ****}.
   *
   * @param headers the headers, in the order to show them
   * @return the masked text
   */
  public static String maskHeaders(Map<String, String> headers) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    headers.forEach((k, v) -> j.add(k + "=" + (isSecretHeader(k) ? "****" : v)));
    return j.toString();
  }
}
