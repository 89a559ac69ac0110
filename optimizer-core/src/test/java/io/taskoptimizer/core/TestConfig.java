package io.taskoptimizer.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies the seed config files (test resources) into a test's directory. */
final class TestConfig {

  static final String RANKINGS = "model_rankings.json";
  static final String FEEDBACK = "model_performance_feedback.json";

  /** Every model of the seed rankings. */
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

  private TestConfig() {}

  static byte[] seed(String name) {
    try (InputStream in = TestConfig.class.getResourceAsStream("/seed-config/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies both seed files into {@code dir}. */
  static Path withSeedFiles(Path dir) {
    try {
      Files.write(dir.resolve(RANKINGS), seed(RANKINGS));
      Files.write(dir.resolve(FEEDBACK), seed(FEEDBACK));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A builder for a test: explicit directory, no discovery, no background timers that fire. */
  static TaskOptimizer.Builder builder(Path dir, ManualScheduler scheduler) {
    return TaskOptimizer.builder()
        .configDirectory(dir)
        .autoDetectProviders(false)
        .autoDetectAssessors(false)
        // execute() without a model may explore; tests of other behaviour expect the best
        // estimate every time (AdaptiveSelectionTest covers exploration with a seeded random)
        .explorationBudget(0)
        .scheduler(scheduler);
  }
}
