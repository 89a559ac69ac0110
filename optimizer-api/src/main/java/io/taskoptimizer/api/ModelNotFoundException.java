package io.taskoptimizer.api;

import java.util.Objects;

/**
 * The provider does not serve the requested model (HTTP 404 from Ollama). Not retriable.
 *
 * <p>Thread-safe once thrown: its state is set when it is created.
 */
public class ModelNotFoundException extends NonRetriableException {

  private static final long serialVersionUID = 1L;

  private final String model;

  /**
   * @param model the model that was asked for
   * @param message what happened and what to do (e.g. {@code ollama pull NAME})
   */
  public ModelNotFoundException(String model, String message) {
    super(message);
    this.model = Objects.requireNonNull(model, "model");
  }

  /**
   * The model that was asked for.
   *
   * @return the model name as requested
   */
  public String model() {
    return model;
  }
}
