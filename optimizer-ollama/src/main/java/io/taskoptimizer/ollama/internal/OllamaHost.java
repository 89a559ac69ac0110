package io.taskoptimizer.ollama.internal;

import io.taskoptimizer.api.ConfigurationException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns an {@code OLLAMA_HOST} value into the URL a client connects to, following Ollama's own
 * {@code envconfig.Host()} and {@code ConnectableHost()}:
 *
 * <ul>
 *   <li>surrounding spaces and quotes are removed; empty means {@code http://127.0.0.1:11434};
 *   <li>without {@code scheme://} the scheme is {@code http} and the default port 11434; with an
 *       explicit {@code http://} or {@code https://} and no port, 80 or 443;
 *   <li>{@code host}, {@code host:port}, {@code :port} (host 127.0.0.1), {@code [v6]:port}, a bare
 *       IPv6 address, and a path after the host ({@code http://proxy/ollama}) are accepted;
 *   <li>an invalid port falls back to the default port, as Ollama does;
 *   <li>the unspecified bind addresses {@code 0.0.0.0} and {@code ::} are replaced by loopback
 *       ({@code 127.0.0.1}, {@code ::1}), because a client cannot connect to them;
 *   <li>credentials before the host ({@code http://user:password@host}) are kept in the URL; the
 *       provider sends them as HTTP Basic authentication and never shows them
 *       ({@link #redact(URI)}).
 * </ul>
 *
 * <p>Unlike Ollama, a scheme other than http/https is rejected, since nothing could connect to it.
 */
public final class OllamaHost {

  private static final java.util.regex.Pattern USER_INFO =
      java.util.regex.Pattern.compile("^(\\s*['\"]?(?:[A-Za-z][A-Za-z0-9+.-]*://)?)[^/\\s]*@");

  /** The URL used when {@code OLLAMA_HOST} is unset. */
  public static final URI DEFAULT = URI.create("http://127.0.0.1:11434");

  private OllamaHost() {}

  /**
   * Parses an {@code OLLAMA_HOST} value.
   *
   * @throws ConfigurationException if the value cannot denote an HTTP server
   */
  public static URI parse(String value) {
    String s = strip(value == null ? "" : value);
    if (s.isEmpty()) {
      return DEFAULT;
    }
    String scheme = "http";
    String defaultPort = "11434";
    String hostport = s;
    int sep = s.indexOf("://");
    if (sep >= 0) {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
      hostport = s.substring(sep + 3);
      if (scheme.equals("http")) {
        defaultPort = "80";
      } else if (scheme.equals("https")) {
        defaultPort = "443";
      } else {
        throw new ConfigurationException("OLLAMA_HOST '" + redact(value) + "' uses scheme '" + scheme
            + "'; use http:// or https:// (for example http://127.0.0.1:11434)");
      }
    }
    String path = "";
    int slash = hostport.indexOf('/');
    if (slash >= 0) {
      path = hostport.substring(slash + 1);
      hostport = hostport.substring(0, slash);
    }
    String userInfo = "";
    int at = hostport.lastIndexOf('@');
    if (at >= 0) {
      userInfo = hostport.substring(0, at + 1);
      hostport = hostport.substring(at + 1);
    }
    String host;
    String port;
    String[] split = splitHostPort(hostport);
    if (split != null) {
      host = split[0];
      port = split[1];
    } else {
      host = "127.0.0.1";
      port = defaultPort;
      String trimmed = hostport.replaceAll("^\\[|\\]$", "");
      if (isIpLiteral(trimmed)) {
        host = trimmed;
      } else if (!hostport.isEmpty()) {
        host = hostport;
      }
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
      port = defaultPort;
    }
    host = connectable(host);
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    path = path.replaceAll("/+$", "");
    String url = scheme + "://" + userInfo + hostPart + ":" + port + (path.isEmpty() ? "" : "/" + path);
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        throw new URISyntaxException(url, "no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigurationException("OLLAMA_HOST '" + redact(value) + "' is not a usable address ("
          + redact(e.getReason()) + "); use host, host:port or http://host:port");
    }
  }

  /** The value of OLLAMA_HOST if set, else the default. */
  public static URI fromSetting(Optional<String> value) {
    return value.map(OllamaHost::parse).orElse(DEFAULT);
  }

  /**
   * The URL as it may be shown in messages and logs: a password (or any user info) is replaced by
   * {@code ****}, e.g. {@code http://****@host:11434}.
   */
  public static String redact(URI url) {
    if (url == null) {
      return "null";
    }
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return redact(url.toString());
  }

  /**
   * A URL or {@code OLLAMA_HOST} value as it may be shown: user info before the host
   * ({@code user:password@}) is replaced by {@code ****@}.
   */
  public static String redact(String value) {
    if (value == null) {
      return "null";
    }
    return USER_INFO.matcher(value).replaceFirst("$1****@");
  }

  /** The URL without user info (what is actually connected to). */
  public static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    try {
      return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
          url.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Cannot remove the credentials from " + redact(url), e);
    }
  }

  /**
   * The origin of a URL, {@code scheme://host[:port]}, without user info, path or query (which may
   * carry tokens); for naming where a redirect pointed.
   */
  public static String origin(URI url) {
    String scheme = url.getScheme() == null ? "?" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "?" : url.getHost();
    return scheme + "://" + host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
  }

  private static String strip(String v) {
    String s = v.strip();
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '"' || s.charAt(start) == '\'')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == '"' || s.charAt(end - 1) == '\'')) {
      end--;
    }
    return s.substring(start, end).strip();
  }

  /** Go's net.SplitHostPort: host:port, [v6]:port, :port; null when it would fail. */
  private static String[] splitHostPort(String hp) {
    if (hp.startsWith("[")) {
      int close = hp.indexOf(']');
      if (close < 0 || close + 1 >= hp.length() || hp.charAt(close + 1) != ':') {
        return null;
      }
      return new String[] {hp.substring(1, close), hp.substring(close + 2)};
    }
    int colon = hp.lastIndexOf(':');
    if (colon < 0 || hp.indexOf(':') != colon) {
      return null; // no port, or an unbracketed IPv6 address ("too many colons")
    }
    return new String[] {hp.substring(0, colon), hp.substring(colon + 1)};
  }

  private static boolean isIpLiteral(String s) {
    if (s.isEmpty() || !(s.contains(":") || s.matches("[0-9.]+"))) {
      return false;
    }
    if (!s.matches("[0-9a-fA-F:.%a-zA-Z]+")) {
      return false;
    }
    try {
      InetAddress.getByName(s); // literal only: no lookup happens for IP syntax
      return true;
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }

  private static String connectable(String host) {
    if (host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    if (host.contains(":")) {
      try {
        InetAddress a = InetAddress.getByName(host);
        if (a.isAnyLocalAddress()) {
          return "::1";
        }
        return host;
      } catch (UnknownHostException e) {
        return host;
      }
    }
    return host;
  }
}
