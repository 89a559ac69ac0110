package io.taskoptimizer.examples.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where Ollama is, and what to tell the user when it is not there. */
final class Ollama {

  static final String DEFAULT_URL = "http://127.0.0.1:11434";

  private Ollama() {}

  /**
   * Parses a server address in any form {@code OLLAMA_HOST} accepts: {@code http://host:port},
   * {@code https://host}, {@code host}, {@code host:port}, {@code :port}, {@code [::1]:port}.
   * Without a scheme the port defaults to 11434, like Ollama's own client.
   *
   * @throws CliException (usage) if the value cannot be a server address
   */
  static URI parse(String value) {
    String s = value.strip();
    if (s.isEmpty()) {
      throw CliException.usage("The Ollama URL is empty; give one like " + DEFAULT_URL);
    }
    String scheme = "http";
    String defaultPort = "11434";
    String rest = s;
    int sep = s.indexOf("://");
    if (sep >= 0) {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
      rest = s.substring(sep + 3);
      if (scheme.equals("http")) {
        defaultPort = "80";
      } else if (scheme.equals("https")) {
        defaultPort = "443";
      } else {
        throw CliException.usage("Unsupported scheme in Ollama URL '" + redact(value)
            + "': use http:// or https:// (for example " + DEFAULT_URL + ")");
      }
    }
    String path = "";
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      path = rest.substring(slash);
      rest = rest.substring(0, slash);
    }
    // user:password@host: kept in the URI (the provider sends it as Basic auth), never printed
    String userInfo = "";
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      userInfo = rest.substring(0, at + 1);
      rest = rest.substring(at + 1);
    }
    String host;
    String port;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw CliException.usage("Invalid Ollama URL '" + redact(value) + "': unclosed '[' in the IPv6 address");
      }
      host = rest.substring(0, close + 1);
      String after = rest.substring(close + 1);
      port = after.startsWith(":") && after.length() > 1 ? after.substring(1) : defaultPort;
    } else {
      int colon = rest.lastIndexOf(':');
      if (colon >= 0 && rest.indexOf(':') == colon) {
        host = rest.substring(0, colon);
        port = colon + 1 < rest.length() ? rest.substring(colon + 1) : defaultPort;
      } else if (colon >= 0) {
        host = "[" + rest + "]";
        port = defaultPort;
      } else {
        host = rest;
        port = defaultPort;
      }
    }
    if (host.isEmpty()) {
      host = "127.0.0.1";
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw CliException.usage("Invalid port '" + port + "' in Ollama URL '" + redact(value)
          + "' (for example " + DEFAULT_URL + ")");
    }
    if (p < 1 || p > 65535) {
      throw CliException.usage("Port " + p + " in Ollama URL '" + redact(value) + "' is out of range 1-65535");
    }
    try {
      return new URI(scheme + "://" + userInfo + host + ":" + p + path);
    } catch (URISyntaxException e) {
      throw CliException.usage("Invalid Ollama URL '" + redact(value) + "': " + redact(e.getMessage()));
    }
  }

  /** A URL as the CLI prints it: any user name and password replaced by {@code ***}. */
  static String display(URI url) {
    return redact(url.toString());
  }

  private static final java.util.regex.Pattern USERINFO =
      java.util.regex.Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://|^)[^\\s/@'\"]+@");

  /**
   * A text with the user information of every URL in it ({@code http://user:pass@host}, or a
   * leading {@code user:pass@host}) replaced by {@code ***}: the CLI's one helper for printing
   * anything that may hold a server address.
   */
  static String redact(String text) {
    return text == null ? null : USERINFO.matcher(text).replaceAll("$1***@");
  }

  /** The one-line message for an unreachable server: which URL, and how to fix it. */
  static String unreachableMessage(String url, Throwable cause) {
    String why = cause == null || cause.getMessage() == null ? "" : " (" + firstSentence(cause.getMessage()) + ")";
    return "Ollama is not reachable at " + url + why + ". Start it with 'ollama serve', or point taskopt"
        + " at a running server with --ollama URL or the OLLAMA_HOST environment variable.";
  }

  /** The hint shown when a command works without Ollama but could not check availability. */
  static String availabilityNote(String url) {
    return "Availability could not be checked: Ollama is not reachable at " + url
        + " (start it with 'ollama serve' or use --ollama URL / OLLAMA_HOST); every ranked model"
        + " was assumed available.";
  }

  /**
   * A library message in the CLI's words: the CLI's only provider is Ollama, so a model "not
   * served by any provider" is a model not pulled in Ollama.
   */
  static String inOllamaWords(String message) {
    return message == null ? null : message.replace("not served by any provider", "not pulled in Ollama");
  }

  private static String firstSentence(String message) {
    String m = ErrorHandler.oneLine(message);
    int dot = m.indexOf(". ");
    return dot > 0 ? m.substring(0, dot) : m;
  }
}
