package io.taskoptimizer.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Shared test set-up: a config directory with the example rankings, and a port nobody listens on.
 */
final class Fixtures {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** {@code dir/config} holding the bundled rankings and an empty feedback file. */
  static Path exampleConfig(Path dir) {
    Path config = dir.resolve("config");
    Bundled.copyConfig(config);
    return config;
  }

  /** {@code dir/postings} holding the bundled sample postings. */
  static Path examplePostings(Path dir) {
    Path postings = dir.resolve("postings");
    Bundled.copyPostings(postings);
    return postings;
  }

  /** A loopback URL whose port was free a moment ago, so connecting is refused. */
  static String closedPortUrl() {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("Not valid JSON: " + e.getMessage() + "\n" + text, e);
    }
  }
}
