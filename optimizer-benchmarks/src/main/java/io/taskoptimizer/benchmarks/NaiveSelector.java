package io.taskoptimizer.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.TaskType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The original system's way of choosing a model, as the baseline of the selection benchmark: every
 * call reads {@code model_rankings.json} from disk, parses it into a tree and scores the task's
 * available models. Written as efficiently as that approach allows (one shared {@link
 * ObjectMapper}, no logging), so the comparison is fair to it.
 */
final class NaiveSelector {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path rankingsFile;
  private final Set<String> available;

  NaiveSelector(Path rankingsFile, Set<String> available) {
    this.rankingsFile = rankingsFile;
    this.available = Set.copyOf(available);
  }

  /**
   * The available ranked model with the highest weighted score; ties: higher quality, then name.
   */
  String bestModelFor(TaskType task) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(rankingsFile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PriorityWeights w = task.defaultWeights();
    String best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    double bestQuality = 0;
    for (JsonNode entry : root.path(task.id())) {
      String model = entry.path("model").asText();
      if (!available.contains(model)) {
        continue;
      }
      double q = entry.path("quality_score").asDouble();
      double s = entry.path("speed_score").asDouble();
      double score = w.score(q, s);
      boolean better =
          best == null
              || score > bestScore + 1e-9
              || (Math.abs(score - bestScore) <= 1e-9
                  && (q > bestQuality || (q == bestQuality && model.compareTo(best) < 0)));
      if (better) {
        best = model;
        bestScore = score;
        bestQuality = q;
      }
    }
    if (best == null) {
      throw new IllegalStateException("No available model is ranked for " + task.id());
    }
    return best;
  }
}
