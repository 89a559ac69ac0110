package io.taskoptimizer.examples.cli;

/**
 * The exit codes of {@code taskopt}, stable so that scripts and cron jobs can react to them.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>0</td><td>success</td></tr>
 *   <tr><td>1</td><td>runtime failure: a model call failed, no ranked model is available, or an unexpected error</td></tr>
 *   <tr><td>2</td><td>usage error: unknown command, option, task or model; bad option value</td></tr>
 *   <tr><td>3</td><td>Ollama is not reachable at the configured URL</td></tr>
 *   <tr><td>4</td><td>configuration error: the config directory or one of its files is missing or malformed</td></tr>
 *   <tr><td>5</td><td>input error: unknown job id, broken posting, unreadable profile</td></tr>
 *   <tr><td>6</td><td>the answer was produced (printed or saved) but its feedback could not be saved</td></tr>
 * </table>
 */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /** A model call failed, no ranked model is available, or an unexpected error. */
  public static final int RUNTIME = 1;

  /** Unknown command, option, task or model, or a bad option value. */
  public static final int USAGE = 2;

  /** Ollama is not reachable at the configured URL. */
  public static final int OLLAMA_UNREACHABLE = 3;

  /** The config directory or one of its files is missing or malformed. */
  public static final int CONFIG = 4;

  /** Unknown job id, broken posting, unreadable profile or other bad input file. */
  public static final int INPUT = 5;

  /** The answer was produced (printed or saved), but its feedback could not be saved. */
  public static final int FEEDBACK_NOT_SAVED = 6;

  private ExitCodes() {}
}
