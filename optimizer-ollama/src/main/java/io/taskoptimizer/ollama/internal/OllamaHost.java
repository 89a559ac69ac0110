package io.taskoptimizer.ollama.internal;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.internal.Redaction;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one parser of Ollama server addresses ({@code OLLAMA_HOST}, {@code OLLAMA_HOSTS} entries,
 * {@code taskopt --ollama}): Ollama's own rules, {@code envconfig.Var()}, {@code Host()} and {@code
 * ConnectableHost()} (github.com/ollama/ollama, envconfig/config.go), step by step:
 *
 * <ul>
 *   <li>surrounding spaces, then quotes, then spaces again are removed; empty means {@code
 *       http://127.0.0.1:11434};
 *   <li>without {@code scheme://} the scheme is {@code http} and the default port 11434 (the bare
 *       value {@code ollama.com} means {@code https://ollama.com:443}); an explicit {@code http://}
 *       defaults to port 80, {@code https://} to 443;
 *   <li>everything after the first {@code /} is the path ({@code http://proxy/ollama}), kept;
 *   <li>host and port are split as Go's {@code net.SplitHostPort} does ({@code host:port}, {@code
 *       [v6]:port}, {@code :port}); when that fails, a bare or bracketed IP address, else the whole
 *       value, is the host, with the default port;
 *   <li>a port that is not a number 0..65535 is replaced by the default port, with a warning;
 *   <li>the unspecified bind addresses {@code 0.0.0.0} and {@code ::} become loopback ({@code
 *       127.0.0.1}, {@code ::1}), because a client cannot connect to them ({@code
 *       ConnectableHost()}).
 * </ul>
 *
 * <p>Beyond Ollama's rules: credentials before the host ({@code http://user:password@host}) are
 * kept in the URL (the provider sends them as HTTP Basic authentication; messages show them {@link
 * Redaction redacted}); a scheme other than http/https is rejected, since nothing could connect to
 * it; {@code HTTP://} is read as {@code http://}; an empty host ({@code :1234}) is {@code
 * 127.0.0.1} (where Go's client dials the local system) and trailing slashes of the path are
 * dropped. Stateless and thread-safe.
 */
public final class OllamaHost {

  private static final Logger log = LoggerFactory.getLogger(OllamaHost.class);

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  /**
   * Candidates for an IPv6 literal: only these are given to InetAddress, which then never looks a
   * name up.
   */
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private static final Pattern PORT = Pattern.compile("[+-]?[0-9]+");

  /** The URL used when {@code OLLAMA_HOST} is unset. */
  public static final URI DEFAULT = URI.create("http://127.0.0.1:11434");

  private OllamaHost() {}

  /**
   * Parses a server address with Ollama's rules (see the class comment).
   *
   * @param value an {@code OLLAMA_HOST} value; {@code null} or empty means {@link #DEFAULT}
   * @return the URL to connect to, with any credentials of the value
   * @throws ConfigurationException if the value cannot denote an HTTP server (another scheme, or no
   *     valid URL results); the message never shows credentials
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
    if (sep < 0) {
      if (s.equals("ollama.com")) {
        scheme = "https";
        hostport = "ollama.com:443";
      }
    } else {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
      hostport = s.substring(sep + 3);
      if (scheme.equals("http")) {
        defaultPort = "80";
      } else if (scheme.equals("https")) {
        defaultPort = "443";
      } else {
        throw new ConfigurationException(
            "OLLAMA_HOST '"
                + Redaction.redact(value)
                + "' uses scheme '"
                + scheme
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
      String trimmed = trim(hostport, "[]");
      if (isIpLiteral(trimmed)) {
        host = trimmed;
      } else if (!hostport.isEmpty()) {
        host = hostport;
      }
    }
    if (!isPort(port)) {
      log.warn(
          "Invalid port '{}' in the Ollama address '{}'; using the default port {}",
          port,
          Redaction.redact(value),
          defaultPort);
      port = defaultPort;
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    host = connectable(host);
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    path = path.replaceAll("/+$", "");
    String url =
        scheme
            + "://"
            + userInfo
            + hostPart
            + ":"
            + Long.parseLong(port)
            + (path.isEmpty() ? "" : "/" + path);
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null) {
        throw new URISyntaxException(url, "no host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigurationException(
          "OLLAMA_HOST '"
              + Redaction.redact(value)
              + "' is not a usable address ("
              + Redaction.redact(e.getReason())
              + "); use host, host:port or http://host:port");
    }
  }

  /**
   * The address OLLAMA_HOST names, if set, else the default.
   *
   * @param value the setting's value, or empty if it is not set
   * @return the server URL
   * @throws io.taskoptimizer.api.ConfigurationException if the value is not a usable address
   */
  public static URI fromSetting(Optional<String> value) {
    return value.map(OllamaHost::parse).orElse(DEFAULT);
  }

  /**
   * The URL without user info (what is actually connected to).
   *
   * @param url the URL, possibly with credentials
   * @return {@code url} itself if it has no user info, else a copy without it
   */
  public static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    try {
      return new URI(
          url.getScheme(),
          null,
          url.getHost(),
          url.getPort(),
          url.getPath(),
          url.getQuery(),
          url.getFragment());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Cannot remove the credentials from " + Redaction.redact(url), e);
    }
  }

  /**
   * The origin of a URL, {@code scheme://host[:port]}, without user info, path or query (which may
   * carry tokens); for naming where a redirect pointed.
   *
   * @param url the URL
   * @return the origin, with {@code ?} for a missing scheme or host
   */
  public static String origin(URI url) {
    String scheme = url.getScheme() == null ? "?" : url.getScheme().toLowerCase(Locale.ROOT);
    String host = url.getHost() == null ? "?" : url.getHost();
    return scheme + "://" + host + (url.getPort() >= 0 ? ":" + url.getPort() : "");
  }

  /** Ollama's {@code Var()} and {@code Host()}: spaces, then quotes, then spaces. */
  private static String strip(String v) {
    return trim(v.strip(), "\"'").strip();
  }

  /**
   * Go's {@code net.SplitHostPort}: {@code host:port}, {@code [v6]:port}, {@code :port}; null where
   * it fails.
   */
  private static String @Nullable [] splitHostPort(String hp) {
    int colon = hp.lastIndexOf(':');
    if (colon < 0) {
      return null; // missing port
    }
    String host;
    int from = 0;
    int to = 0;
    if (hp.startsWith("[")) {
      int close = hp.indexOf(']');
      if (close < 0 || close + 1 != colon) {
        return null; // missing ']', missing port, or too many colons
      }
      host = hp.substring(1, close);
      from = 1;
      to = close + 1;
    } else {
      host = hp.substring(0, colon);
      if (host.indexOf(':') >= 0) {
        return null; // too many colons: an IPv6 address without brackets
      }
    }
    if (hp.indexOf('[', from) >= 0 || hp.indexOf(']', to) >= 0) {
      return null; // unexpected '[' or ']'
    }
    return new String[] {host, hp.substring(colon + 1)};
  }

  /** Go's {@code strings.Trim(s, cutset)}: every leading and trailing character of the set. */
  private static String trim(String s, String cutset) {
    int start = 0;
    int end = s.length();
    while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Go's {@code strconv.ParseInt(port, 10, 32)} within 0..65535. */
  private static boolean isPort(String port) {
    if (!PORT.matcher(port).matches()) {
      return false;
    }
    try {
      long n = Long.parseLong(port);
      return n >= 0 && n <= 65535;
    } catch (NumberFormatException e) {
      return false; // more digits than a long holds
    }
  }

  /**
   * Go's {@code net.ParseIP}: a dotted IPv4 address or an IPv6 address (no zone); never a lookup.
   */
  private static boolean isIpLiteral(String s) {
    return IPV4.matcher(s).matches() || ipv6(s) != null;
  }

  private static @Nullable InetAddress ipv6(String s) {
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(s); // an IPv6 literal (it has a ':'): parsed, never looked up
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  /** Ollama's {@code ConnectableHost()}: an unspecified address becomes the loopback address. */
  private static String connectable(String host) {
    if (IPV4.matcher(host).matches()) {
      return host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }
    InetAddress a = ipv6(host);
    if (a != null && a.isAnyLocalAddress()) {
      return a instanceof java.net.Inet4Address ? "127.0.0.1" : "::1";
    }
    return host;
  }
}
