package io.taskoptimizer.examples.cli;

import io.taskoptimizer.core.OptimizerStores;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** Where Ollama is, and what to tell the user when it is not there. */
final class Ollama {

  static final String DEFAULT_URL = "http://127.0.0.1:11434";

  private Ollama() {}

  /** A URL as the CLI prints it: any user name and password replaced by {@code ***}. */
  static String display(URI url) {
    return OptimizerStores.redact(url.toString());
  }

  /** The one-line message for an unreachable server: which URL, and how to fix it. */
  static String unreachableMessage(String url, @Nullable Throwable cause) {
    String why =
        cause == null || cause.getMessage() == null
            ? ""
            : " (" + firstSentence(cause.getMessage()) + ")";
    return "Ollama is not reachable at "
        + url
        + why
        + ". Start it with 'ollama serve', or point taskopt"
        + " at a running server with --ollama URL or the OLLAMA_HOST environment variable.";
  }

  /** The hint shown when a command works without Ollama but could not check availability. */
  static String availabilityNote(String url) {
    return "Availability could not be checked: Ollama is not reachable at "
        + url
        + " (start it with 'ollama serve' or use --ollama URL / OLLAMA_HOST); every ranked model"
        + " was assumed available.";
  }

  /**
   * A library message in the CLI's words: the CLI's only provider is Ollama, so a model "not served
   * by any provider" is a model not pulled in Ollama.
   */
  static String inOllamaWords(String message) {
    return message.replace("not served by any provider", "not pulled in Ollama");
  }

  private static String firstSentence(String message) {
    String m = ErrorHandler.oneLine(message);
    int dot = m.indexOf(". ");
    return dot > 0 ? m.substring(0, dot) : m;
  }
}
