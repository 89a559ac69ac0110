package io.taskoptimizer.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Shared set-up of the benchmarks: config directories and the seed rankings. */
final class Fixtures {

  /** Every model of the seed rankings ({@code model_rankings.json} of the original system). */
  static final List<String> SEED_MODELS =
      List.of(
          "gemma3:1b",
          "llama3.2:latest",
          "codegemma:2b",
          "mistral:latest",
          "dolphin3:latest",
          "qwen3:0.6b",
          "qwen3:1.7b",
          "phi3:3.8b",
          "gemma3:4b",
          "qwen3:4b",
          "phi4-mini-reasoning:latest",
          "deepseek-r1:8b",
          "codegemma:latest",
          "qwen3:latest",
          "olmo2:latest");

  static final String RANKINGS = "model_rankings.json";

  private Fixtures() {}

  /** The original system's rankings file, byte for byte. */
  static byte[] seedRankings() {
    try (InputStream in = Fixtures.class.getResourceAsStream(RANKINGS)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + RANKINGS);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh temporary config directory holding the seed rankings. */
  static Path configWithSeedRankings() {
    try {
      Path dir = Files.createTempDirectory("taskopt-bench-");
      Files.write(dir.resolve(RANKINGS), seedRankings());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree; benchmarks call it in their tear-down. */
  static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
