package io.taskoptimizer.ollama;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.internal.Redaction;
import io.taskoptimizer.ollama.internal.OllamaHost;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Ollama server of an {@link OllamaCluster}: where it is, what it is called, how strongly to
 * prefer it when everything else is equal, and how many generations it runs at once.
 *
 * <p>Text form (for {@code OLLAMA_HOSTS} and {@code taskopt --ollama}), entries separated by
 * commas: {@code [name=]address[;weight=N][;parallel=N]}, for example {@code
 * gpu=http://10.0.0.5:11434;weight=3;parallel=2,cpu=10.0.0.6}. The address takes every form {@code
 * OLLAMA_HOST} accepts; credentials in it ({@code http://user:password@host}) are sent as HTTP
 * Basic authentication and never shown (percent-encode a {@code ,} or {@code ;} in them).
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param baseUrl the server, possibly with credentials (never shown: see {@link #toString()})
 * @param name a short unique name shown in status output and logs (default {@code host:port})
 * @param weight 1..1000 (default 1): the last tie-breaker of routing, higher first
 * @param parallel 1..1024 (default 1): generations this host runs at once; more calls queue in a
 *     fair queue (set it to Ollama's {@code OLLAMA_NUM_PARALLEL} times the models kept loaded)
 */
public record OllamaHostSpec(URI baseUrl, String name, int weight, int parallel) {

  /**
   * A name: letters, digits and {@code _.:-}, or the default name of an IPv6 host, {@code
   * [::1]:11434}.
   */
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}|\\[[0-9A-Fa-f:.]{2,45}\\]:[0-9]{1,5}");

  private static final Pattern NAMED =
      Pattern.compile("^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=(.*)$", Pattern.DOTALL);

  /**
   * Validates the components.
   *
   * @param baseUrl the server, an absolute {@code http} or {@code https} URL with a host, possibly
   *     with credentials; must not be null
   * @param name 1-64 letters, digits, {@code _.:-} (or the default name of an IPv6 host); must not
   *     be null
   * @param weight the routing weight, 1..1000
   * @param parallel generations this host runs at once, 1..1024
   * @throws NullPointerException if {@code baseUrl} or {@code name} is null
   * @throws IllegalArgumentException if a component is out of range or malformed
   */
  public OllamaHostSpec {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(name, "name");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an absolute http(s) URL with a host, e.g. "
              + "http://127.0.0.1:11434: "
              + Redaction.redact(baseUrl));
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Invalid host name '"
              + name
              + "': use 1-64 letters, digits, '.', '_', "
              + "':' or '-' (for example 'gpu-1')");
    }
    if (weight < 1 || weight > 1000) {
      throw new IllegalArgumentException(
          "weight of host '" + name + "' must be 1..1000: " + weight);
    }
    if (parallel < 1 || parallel > 1024) {
      throw new IllegalArgumentException(
          "parallel of host '" + name + "' must be 1..1024: " + parallel);
    }
  }

  /**
   * A host named {@code host:port}, weight 1, one generation at a time.
   *
   * @param baseUrl the server, an absolute {@code http} or {@code https} URL; must not be null
   * @return the host
   * @throws IllegalArgumentException if {@code baseUrl} is not an absolute http(s) URL with a host
   */
  public static OllamaHostSpec of(URI baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    return new OllamaHostSpec(baseUrl, defaultName(baseUrl), 1, 1);
  }

  /**
   * This host with another name.
   *
   * @param name the new name (see the record's constraints)
   * @return a copy with that name
   * @throws IllegalArgumentException if the name is invalid
   */
  public OllamaHostSpec withName(String name) {
    return new OllamaHostSpec(baseUrl, name, weight, parallel);
  }

  /**
   * This host with another weight.
   *
   * @param weight the new weight, 1..1000
   * @return a copy with that weight
   * @throws IllegalArgumentException if the weight is out of range
   */
  public OllamaHostSpec withWeight(int weight) {
    return new OllamaHostSpec(baseUrl, name, weight, parallel);
  }

  /**
   * This host with another number of parallel slots.
   *
   * @param parallel the new number of slots, 1..1024
   * @return a copy with that number of slots
   * @throws IllegalArgumentException if the number is out of range
   */
  public OllamaHostSpec withParallel(int parallel) {
    return new OllamaHostSpec(baseUrl, name, weight, parallel);
  }

  /**
   * Parses one entry, {@code [name=]address[;weight=N][;parallel=N]}.
   *
   * @param source what the text came from, for messages (e.g. {@code OLLAMA_HOSTS})
   * @param entry the entry; surrounding whitespace is ignored
   * @return the host
   * @throws ConfigurationException saying what is wrong, without showing credentials
   */
  public static OllamaHostSpec parse(String source, String entry) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(entry, "entry");
    String s = entry.strip();
    if (s.isEmpty()) {
      throw new ConfigurationException(
          source
              + " has an empty host entry; separate hosts with single commas, "
              + "e.g. gpu=http://10.0.0.5:11434,cpu=10.0.0.6");
    }
    String name = null;
    Matcher named = NAMED.matcher(s);
    if (named.matches()) {
      name = named.group(1);
      s = named.group(2).strip();
    }
    // options follow the address; credentials (before the last '@') may not contain a raw ';'
    int at = s.lastIndexOf('@');
    int semi = s.indexOf(';', Math.max(at, 0));
    String address = semi < 0 ? s : s.substring(0, semi).strip();
    String options = semi < 0 ? "" : s.substring(semi + 1);
    if (address.isEmpty()) {
      throw new ConfigurationException(
          source
              + " entry '"
              + Redaction.redact(entry.strip())
              + "' has no address; "
              + "write [name=]URL[;weight=N][;parallel=N]");
    }
    URI url;
    try {
      url = OllamaHost.parse(address);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(source + ": " + e.getMessage(), e);
    }
    int weight = 1;
    int parallel = 1;
    for (String option : options.split(";", -1)) {
      String o = option.strip();
      if (o.isEmpty()) {
        continue;
      }
      int eq = o.indexOf('=');
      String key = eq < 0 ? o : o.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : o.substring(eq + 1).strip();
      String shownName = name != null ? name : defaultName(url);
      switch (key) {
        case "weight" -> weight = number(source, shownName, key, value, 1000);
        case "parallel" -> parallel = number(source, shownName, key, value, 1024);
        default ->
            throw new ConfigurationException(
                source
                    + " host '"
                    + shownName
                    + "' has an unknown option '"
                    + (eq < 0 ? o : key)
                    + "'; use weight=N or parallel=N");
      }
    }
    try {
      return new OllamaHostSpec(url, name != null ? name : defaultName(url), weight, parallel);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a comma-separated list of entries (see {@link #parse}). Names and addresses must be
   * unique.
   *
   * @param source what the text came from, for messages (e.g. {@code OLLAMA_HOSTS})
   * @param value the comma-separated entries
   * @return the hosts, in the order given (unmodifiable)
   * @throws ConfigurationException if the list is empty, an entry is invalid, or a name or address
   *     repeats
   */
  public static List<OllamaHostSpec> parseList(String source, String value) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(value, "value");
    List<OllamaHostSpec> out = new ArrayList<>();
    for (String entry : value.split(",", -1)) {
      out.add(parse(source, entry));
    }
    checkUnique(source, out);
    return List.copyOf(out);
  }

  /**
   * Checks that names and addresses are unique.
   *
   * @throws ConfigurationException naming the duplicate
   */
  static void checkUnique(String source, List<OllamaHostSpec> specs) {
    Set<String> names = new HashSet<>();
    Set<URI> urls = new HashSet<>();
    for (OllamaHostSpec h : specs) {
      if (!names.add(h.name())) {
        throw new ConfigurationException(
            source
                + " names host '"
                + h.name()
                + "' twice; give each host its own "
                + "name (name=URL)");
      }
      if (!urls.add(OllamaHost.withoutUserInfo(h.baseUrl()))) {
        throw new ConfigurationException(
            source
                + " lists "
                + Redaction.redact(h.baseUrl())
                + " twice; list each "
                + "server once (raise its parallel=N instead)");
      }
    }
  }

  private static int number(String source, String host, String key, String value, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(
        source
            + " host '"
            + host
            + "': "
            + key
            + " must be a whole number 1.."
            + max
            + ", not '"
            + value
            + "'");
  }

  private static String defaultName(URI url) {
    // an IPv6 host keeps its brackets ([::1]:11434), as in every host:port
    return url.getHost()
        + ":"
        + (url.getPort() >= 0
            ? url.getPort()
            : url.getScheme().equalsIgnoreCase("https") ? 443 : 80);
  }

  /** The spec with the address redacted: credentials are never shown. */
  @Override
  public String toString() {
    return "OllamaHostSpec[name="
        + name
        + ", baseUrl="
        + Redaction.redact(baseUrl)
        + ", weight="
        + weight
        + ", parallel="
        + parallel
        + "]";
  }
}
