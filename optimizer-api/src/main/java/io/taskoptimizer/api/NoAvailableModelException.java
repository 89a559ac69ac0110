package io.taskoptimizer.api;

import java.util.List;
import java.util.Objects;

/**
 * No ranked model for a task is currently served by any provider. The message lists the ranked and
 * the available models, so the fix ({@code ollama pull}, or a ranking entry) is obvious.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class NoAvailableModelException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  private final transient TaskType task;
  private final List<String> rankedModels;
  private final List<String> availableModels;

  /**
   * @param task the task
   * @param rankedModels the models ranked for it, best first
   * @param availableModels the models the providers serve
   */
  public NoAvailableModelException(
      TaskType task, List<String> rankedModels, List<String> availableModels) {
    this(task, rankedModels, availableModels, true);
  }

  /**
   * @param task the task
   * @param rankedModels the models ranked for it, best first
   * @param availableModels the models the providers serve
   * @param availabilityKnown whether any provider answered; when none did, the message says that
   *     availability is unknown instead of listing no available models
   */
  public NoAvailableModelException(
      TaskType task,
      List<String> rankedModels,
      List<String> availableModels,
      boolean availabilityKnown) {
    super(message(task, rankedModels, availableModels, availabilityKnown));
    this.task = Objects.requireNonNull(task, "task");
    this.rankedModels = List.copyOf(rankedModels);
    this.availableModels = List.copyOf(availableModels);
  }

  private static String message(
      TaskType task, List<String> ranked, List<String> available, boolean known) {
    String availability =
        known
            ? "models available now: " + available
            : "availability unknown (no model provider answered)";
    if (ranked.isEmpty()) {
      return "No model is ranked for task '"
          + task.id()
          + "'. Add entries for it to"
          + " model_rankings.json or run a benchmark; "
          + availability;
    }
    if (!known) {
      return "None of the models ranked for task '"
          + task.id()
          + "' can be used: "
          + availability
          + ". Ranked: "
          + ranked
          + ". Start the model provider (for Ollama: 'ollama serve') and try again.";
    }
    return "None of the models ranked for task '"
        + task.id()
        + "' is available. Ranked: "
        + ranked
        + "; available: "
        + available
        + ". Pull one of the ranked models (e.g. 'ollama pull "
        + ranked.get(0)
        + "') or rank one of the available models.";
  }

  /**
   * The task.
   *
   * @return the task no model could be chosen for
   */
  public TaskType task() {
    return task;
  }

  /**
   * The models ranked for the task, best first.
   *
   * @return an unmodifiable list of the ranked model names, best first
   */
  public List<String> rankedModels() {
    return rankedModels;
  }

  /**
   * The models the providers serve.
   *
   * @return an unmodifiable list of the served model names; empty when none is served or no
   *     provider answered
   */
  public List<String> availableModels() {
    return availableModels;
  }
}
