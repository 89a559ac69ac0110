package io.taskoptimizer.spi;

import io.taskoptimizer.api.RankedModel;
import io.taskoptimizer.api.TaskType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where an optimizer keeps what it learns: the rankings, the aggregated feedback, and state
 * documents (the ranking updater's memory, the learned selection state). Every method is safe to
 * call from many threads, and from many processes sharing the same store: that is the point of a
 * store.
 *
 * <p>The default is the config directory ({@code model_rankings.json}, {@code
 * model_performance_feedback.json} and the state files beside them, shared between processes
 * through file locks). {@code optimizer-jdbc} keeps the same data in PostgreSQL, for many workers
 * on many machines. Choose one with {@code TaskOptimizer.builder().store(...)}, or by URL ({@code
 * store("jdbc:postgresql://...")}), which asks every {@link OptimizerStoreFactory} found by {@link
 * java.util.ServiceLoader}.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li>Feedback is only ever <em>added</em> ({@link #addFeedback}): implementations must add the
 *       increments to what is stored atomically, so that concurrent writers never lose events.
 *   <li>Every write is all-or-nothing: when a method throws, the store is unchanged.
 *   <li>{@link #inRankingTransaction} serialises ranking updates across every process using the
 *       store; in a transactional store, the reads and writes the action makes on this store from
 *       the calling thread form one transaction.
 *   <li>Failures are {@link io.taskoptimizer.api.StoreException}s (or {@link
 *       io.taskoptimizer.api.ConfigFileException}s for the file store) whose messages never contain
 *       a password.
 * </ul>
 *
 * <p>Task keys of feedback and documents are task ids ({@link TaskType#id()}); model keys are
 * compared normalised ({@link io.taskoptimizer.api.ModelNames#normalize}).
 *
 * <p>Implementations must be thread-safe: the optimizer calls them from its background threads and
 * from callers' threads at once.
 */
public interface OptimizerStore extends AutoCloseable {

  /**
   * Where the data lives, safe to print: a directory, or a URL without its password.
   *
   * @return the location, never containing a password
   */
  String location();

  // ------------------------------------------------------------------ rankings

  /**
   * The stored rankings; none stored is an empty map.
   *
   * @return the rankings with their version
   * @throws io.taskoptimizer.api.StoreException if the store cannot be read
   */
  StoredRankings loadRankings();

  /**
   * Replaces the rankings of the given tasks (other tasks untouched) atomically.
   *
   * @param replacement the new ranked models of each task to replace, best first
   * @return the rankings as stored afterwards
   * @throws io.taskoptimizer.api.StoreException if the store cannot be written; nothing was changed
   *     then
   */
  StoredRankings replaceRankings(Map<TaskType, List<RankedModel>> replacement);

  /**
   * The current {@link StoredRankings#version() version} of the stored rankings, cheaply, to notice
   * a change by another process.
   *
   * @return the version, or empty when nothing is stored
   * @throws io.taskoptimizer.api.StoreException if the store cannot be read
   */
  Optional<String> rankingsVersion();

  // ------------------------------------------------------------------ feedback

  /**
   * The stored feedback: task id, then model name, in stored order.
   *
   * @return the feedback by task id and model name; empty when none is stored
   * @throws io.taskoptimizer.api.StoreException if the store cannot be read
   */
  Map<String, Map<String, StoredFeedback>> loadFeedback();

  /**
   * Adds the increments (task id, then model name) to the stored feedback in one transaction, and
   * keeps only the newest {@code maxRatings} quality ratings of each model touched.
   *
   * @param deltas the increments by task id and model name
   * @param maxRatings how many quality ratings to keep per model; must not be negative
   * @return all stored feedback afterwards, as {@link #loadFeedback()}
   * @throws io.taskoptimizer.api.StoreException if the store cannot be written; nothing was changed
   *     then
   */
  Map<String, Map<String, StoredFeedback>> addFeedback(
      Map<String, Map<String, FeedbackDelta>> deltas, int maxRatings);

  /**
   * Sets the feedback of the given tasks and models to exactly these values (others untouched), in
   * one transaction: an import, idempotent.
   *
   * @param feedback the values by task id and model name
   * @throws UnsupportedOperationException if the store cannot import feedback (the default)
   * @throws io.taskoptimizer.api.StoreException if the store cannot be written; nothing was changed
   *     then
   */
  default void replaceFeedback(Map<String, Map<String, StoredFeedback>> feedback) {
    throw new UnsupportedOperationException("the store " + location() + " cannot import feedback");
  }

  // ------------------------------------------------------------------ state documents

  /**
   * A state document (JSON text) by name.
   *
   * @param name the document name, e.g. {@code model_discovery.json}
   * @return the stored content, or empty if there is no such document
   * @throws io.taskoptimizer.api.StoreException if the store cannot be read
   */
  Optional<String> readDocument(String name);

  /**
   * Replaces a state document atomically, creating it if needed.
   *
   * @param name the document name, e.g. {@code model_discovery.json}
   * @param content the new content (JSON text)
   * @throws io.taskoptimizer.api.StoreException if the store cannot be written; the document is
   *     unchanged then
   */
  void writeDocument(String name, String content);

  /**
   * Reads a state document, applies {@code merge} and stores the result, excluding every other
   * update of the same document meanwhile (a lock or a transaction, across processes). When {@code
   * merge} throws, nothing is stored.
   *
   * @param name the document name, e.g. {@code model_discovery.json}
   * @param merge from the stored content (empty if none) to the new content
   * @return the stored content
   * @throws io.taskoptimizer.api.StoreException if the store cannot be read or written; the
   *     document is unchanged then
   */
  String updateDocument(String name, Function<Optional<String>, String> merge);

  // ------------------------------------------------------------------ ranking updates

  /**
   * Runs {@code action} holding the store's exclusive ranking-update lock, so that concurrent
   * ranking updaters (in any process using this store) run one after the other. Re-entrant on one
   * thread. In a transactional store the action's reads and writes of this store on this thread are
   * one transaction, committed when it returns and rolled back when it throws.
   *
   * @param <T> the type of the action's result
   * @param action the work to run under the lock
   * @return what {@code action} returned
   * @throws io.taskoptimizer.api.StoreException if the store cannot be locked or the transaction
   *     cannot be committed; what {@code action} throws is rethrown
   */
  <T> T inRankingTransaction(Supplier<T> action);

  /** Releases what the store holds (connections it opened itself); idempotent. */
  @Override
  void close();
}
