package io.taskoptimizer.core.internal.learning;

import io.taskoptimizer.api.ModelSelection;
import io.taskoptimizer.api.PriorityWeights;
import io.taskoptimizer.api.ScoredCandidate;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.ArmEstimate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The posterior of every model of one task, and the task's exploration budget.
 *
 * <p><b>Recording</b> ({@link #record}) is lock-free: it claims the next slot of a ring of events
 * (one atomic increment), writes the event's fields and publishes the slot (a release store); no
 * allocation, no I/O. The events are <b>folded</b> into the models' accumulators, in claim order,
 * under this task's monitor by whoever needs them next: a new snapshot, a flush, or a writer that
 * finds the ring full. <b>Estimates</b> are recomputed lazily: {@link #snapshot} returns the
 * immutable snapshot of the last computation while no event arrived and the candidate set did not
 * change.
 *
 * <p><b>Discounting.</b> Every observation of the task multiplies all earlier evidence of all its
 * models by {@code gamma = 2^(-1/halfLife)} (done lazily: each accumulator remembers the
 * observation count it is "as of"). The prior is evidence too: its pseudo-observations decay from
 * the moment it was set.
 *
 * <p><b>Persistence.</b> The evidence is the sum of {@code base} (the state file's content as of
 * the last successful flush, {@code baseObservations}) discounted by the observations since, and
 * {@code pending} (what this process recorded since). A flush {@link #capture captures} the pending
 * part, merges it into the file and {@link #rebase rebases} on the result.
 */
public final class TaskLearner {

  private static final long UNIT = 1_000_000L;

  private final TaskType task;
  private final LearningParams params;
  private final Discount discount;

  // guarded by this
  private long baseObservations;
  private Map<String, ArmStats> base = new HashMap<>();
  private long pendingObservations;
  private final Map<String, Pending> pending = new HashMap<>();
  private final Map<String, Prior> priors = new HashMap<>();

  /** key -> {log reference latency estimate, 1 if from a ranked speed score else 0}. */
  private final Map<String, double[]> calibration = new HashMap<>();

  /** key -> {quality, speed} last written to the rankings file. */
  private final Map<String, double[]> written = new HashMap<>();

  /** Keys whose written scores this process marked and has not flushed yet. */
  private final java.util.Set<String> writtenDirty = new java.util.HashSet<>();

  /**
   * "key host" -> log-latency statistics of a model on one host of a multi-host provider, in memory
   * only (the state file stays per model). Used for the speed term when the provider says the next
   * call would go to that host.
   */
  private final Map<String, HostLatency> hostLatency = new HashMap<>();

  /** Where the next call of a candidate would go, or null; set by the {@link Learner}. */
  private volatile @Nullable HostResolver hosts;

  /** Whether any call reported a host (until then snapshots never ask the resolver). */
  private volatile boolean hostAware;

  private boolean stateChanged;

  /** Bumped when state other than events changes (a rebase after a flush). */
  private volatile long stateVersion;

  // the event ring: slot i % RING holds event i once stamps[slot] == i + 1
  private static final int RING = 1024;
  private final AtomicLong claimed = new AtomicLong();

  /** Events folded so far; the next event to fold. Written under the monitor. */
  private volatile long consumed;

  /** Whether a thread is folding events now (writers that find the ring full then spin). */
  private volatile boolean draining;

  private final AtomicLongArray stamps = new AtomicLongArray(RING);
  private final String[] eventKey = new String[RING];
  private final String[] eventHost = new String[RING];
  private final boolean[] eventSuccess = new boolean[RING];
  private final double[] eventQuality = new double[RING];
  private final double[] eventLatency = new double[RING];
  private final double[] eventLoad = new double[RING];
  private volatile @Nullable Snapshot snapshot;

  private final AtomicLong credit;
  private final long earn;
  private final long maxCredit;
  final LongAdder decisions = new LongAdder();
  final LongAdder explorations = new LongAdder();

  TaskLearner(TaskType task, LearningParams params, Discount discount) {
    this.task = task;
    this.params = params;
    this.discount = discount;
    this.earn = Math.round(params.explorationBudget() * UNIT);
    this.maxCredit = Math.round(LearningParams.MAX_SAVED_EXPLORATIONS * UNIT);
    // no credit at start: a process earns its explorations (a one-shot CLI run never explores,
    // so many short-lived processes cannot exceed the budget together)
    this.credit = new AtomicLong(0);
  }

  private static final class Pending {
    final ArmStats stats = new ArmStats();
    long at;

    Pending(long at) {
      this.at = at;
    }
  }

  /** Where a provider would send the next call of a model (null when it has no hosts). */
  @FunctionalInterface
  public interface HostResolver {
    /**
     * Where the next call of a model would go.
     *
     * @param provider the id of the provider serving the model
     * @param model the model name
     * @return the host, or null when the provider has no hosts (or cannot tell)
     */
    @Nullable String expectedHost(String provider, String model);
  }

  private static final class HostLatency {
    double weight;
    double sum;
    double squares;
    long at;
  }

  void hostResolver(@Nullable HostResolver resolver) {
    this.hosts = resolver;
  }

  private static final class Prior {
    final double quality;
    final double speed;
    final double weight;
    long setAt;

    /**
     * Set by this process and not flushed yet (a flush writes only these: the file's are newer).
     */
    final boolean own;

    Prior(double quality, double speed, double weight, long setAt, boolean own) {
      this.quality = quality;
      this.speed = speed;
      this.weight = weight;
      this.setAt = setAt;
      this.own = own;
    }
  }

  /** The estimates of one candidate set, immutable. */
  static final class Snapshot {
    final Candidates candidates;
    final long events;
    final long stateVersion;

    /** Best estimate first. */
    final List<ArmEstimate> arms;

    final List<ScoredCandidate> scored;
    final ModelSelection selection;
    final String best;

    /** Normalised names, aligned with {@code arms}. */
    final String[] keys;

    /** Discounted executions (without the prior), aligned with {@code arms}. */
    final double[] executions;

    /** Discounted cold loads, aligned with {@code arms}. */
    final double[] coldLoads;

    /**
     * The expected host of each candidate, aligned with {@code candidates.arms()}; null if not
     * host-aware.
     */
    String @Nullable [] hosts;

    Snapshot(
        Candidates candidates,
        long events,
        long stateVersion,
        List<ArmEstimate> arms,
        List<ScoredCandidate> scored,
        ModelSelection selection,
        String[] keys,
        double[] executions,
        double[] coldLoads) {
      this.candidates = candidates;
      this.events = events;
      this.stateVersion = stateVersion;
      this.arms = arms;
      this.scored = scored;
      this.selection = selection;
      this.best = selection.model();
      this.keys = keys;
      this.executions = executions;
      this.coldLoads = coldLoads;
    }
  }

  // ------------------------------------------------------------------ recording

  /**
   * Records one call. {@code quality}, {@code warmSeconds} and {@code loadSeconds} are NaN when
   * unknown; a failed call's latency is not used.
   */
  void record(String key, boolean success, double quality, double warmSeconds, double loadSeconds) {
    record(key, null, success, quality, warmSeconds, loadSeconds);
  }

  /**
   * Records one call that {@code host} of a multi-host provider served (null: no host). The model's
   * statistics get the call as always; the host's latency statistics of the model (in memory only)
   * get its warm latency too.
   */
  void record(
      String key,
      @Nullable String host,
      boolean success,
      double quality,
      double warmSeconds,
      double loadSeconds) {
    long i = claimed.getAndIncrement();
    if (i - consumed >= RING) {
      awaitSlot(i);
    }
    int slot = (int) (i & (RING - 1));
    eventKey[slot] = key;
    eventHost[slot] = host;
    eventSuccess[slot] = success;
    eventQuality[slot] = quality;
    eventLatency[slot] = warmSeconds;
    eventLoad[slot] = loadSeconds;
    stamps.setRelease(slot, i + 1);
  }

  /**
   * Waits until slot {@code i} is free: the ring is full. While another thread folds, this spins
   * (the folder frees slots one by one); otherwise it folds what is published itself (another
   * writer may still be writing the oldest slot; then this waits for it).
   */
  // Thread.yield() below only backs off while another writer finishes the oldest slot; the loop
  // re-checks the ring whether or not the scheduler runs that writer first
  @SuppressWarnings("ThreadPriorityCheck")
  private void awaitSlot(long i) {
    while (i - consumed >= RING) {
      if (draining) {
        Thread.onSpinWait();
        continue;
      }
      synchronized (this) {
        drain();
      }
      if (i - consumed >= RING) {
        Thread.yield();
      }
    }
  }

  /** Folds the published events, in claim order, up to the first one not yet published. */
  private void drain() {
    assert Thread.holdsLock(this);
    long j = consumed;
    if (stamps.getAcquire((int) (j & (RING - 1))) != j + 1) {
      return;
    }
    draining = true;
    try {
      for (; ; ) {
        int slot = (int) (j & (RING - 1));
        if (stamps.getAcquire(slot) != j + 1) {
          break;
        }
        fold(
            eventKey[slot],
            eventHost[slot],
            eventSuccess[slot],
            eventQuality[slot],
            eventLatency[slot],
            eventLoad[slot]);
        eventKey[slot] = null;
        eventHost[slot] = null;
        consumed = ++j; // frees the slot at once for a writer waiting on a full ring
      }
    } finally {
      draining = false;
    }
  }

  private void fold(
      String key,
      @Nullable String host,
      boolean success,
      double quality,
      double warmSeconds,
      double loadSeconds) {
    long t = ++pendingObservations;
    Pending p = pending.get(key);
    if (p == null) {
      p = new Pending(t);
      pending.put(key, p);
    } else if (p.at != t) {
      p.stats.scale(discount.pow(t - p.at));
      p.at = t;
    }
    ArmStats s = p.stats;
    if (success) {
      s.successes += 1;
    } else {
      s.failures += 1;
    }
    if (!Double.isNaN(quality)) {
      s.qualityWeight += 1;
      s.qualitySum += quality;
      s.qualitySquares += quality * quality;
    }
    if (success && !Double.isNaN(warmSeconds)) {
      double x = clip(key, s, Math.log(Math.max(warmSeconds, 1e-4)));
      s.latencyWeight += 1;
      s.latencySum += x;
      s.latencySquares += x * x;
      if (host != null) {
        HostLatency h = hostLatency.computeIfAbsent(key + ' ' + host, k -> new HostLatency());
        double f = discount.pow(t - h.at);
        h.weight = h.weight * f + 1;
        h.sum = h.sum * f + x;
        h.squares = h.squares * f + x * x;
        h.at = t;
        hostAware = true;
      }
    }
    if (loadSeconds >= LearningParams.COLD_LOAD_SECONDS) {
      s.coldLoads += 1;
      s.loadSeconds += loadSeconds;
    }
  }

  /**
   * Records quality evidence without an execution (e.g. a judge's grade): adds {@code weight}
   * quality observations of value {@code quality} to the model, as of the current observation
   * count. The task's observation count does not advance (nothing is discounted by it) and no
   * success, failure or latency is counted.
   */
  synchronized void recordQuality(String key, double quality, double weight) {
    drain(); // executions recorded before this grade are folded first, in order
    long t = pendingObservations;
    Pending p = pending.get(key);
    if (p == null) {
      p = new Pending(t);
      pending.put(key, p);
    } else if (p.at != t) {
      p.stats.scale(discount.pow(t - p.at));
      p.at = t;
    }
    p.stats.qualityWeight += weight;
    p.stats.qualitySum += weight * quality;
    p.stats.qualitySquares += weight * quality * quality;
    stateChanged = true; // so that a flush writes it although no observation was counted
    stateVersion++; // the next snapshot includes the grade
  }

  /** Clips a log-latency to the model's mean +- 3 sd once it has some evidence (robustness). */
  private double clip(String key, ArmStats p, double x) {
    ArmStats b = base.get(key);
    double f = discount.pow(pendingObservations);
    double w = p.latencyWeight + (b == null ? 0 : f * b.latencyWeight);
    if (w < LearningParams.CALIBRATION_WEIGHT) {
      return x;
    }
    double sum = p.latencySum + (b == null ? 0 : f * b.latencySum);
    double sq = p.latencySquares + (b == null ? 0 : f * b.latencySquares);
    double mean = sum / w;
    double sd = Math.max(LearningParams.MIN_CLIP_SD, Math.sqrt(Math.max(0, sq / w - mean * mean)));
    double lo = mean - LearningParams.CLIP_SIGMAS * sd;
    double hi = mean + LearningParams.CLIP_SIGMAS * sd;
    return x < lo ? lo : x > hi ? hi : x;
  }

  // ------------------------------------------------------------------ estimates

  /** The current snapshot of this candidate set, recomputed if evidence or candidates changed. */
  Snapshot snapshot(Candidates c) {
    Snapshot s = snapshot;
    if (s != null
        && s.candidates.equals(c)
        && s.events == claimed.get()
        && s.stateVersion == stateVersion
        && sameHosts(s, c)) {
      return s;
    }
    return compute(c);
  }

  /** Whether the expected hosts are those the snapshot was computed for (allocation-free). */
  private boolean sameHosts(Snapshot s, Candidates c) {
    HostResolver r = hosts;
    if (!hostAware || r == null) {
      return s.hosts == null;
    }
    if (s.hosts == null) {
      return false;
    }
    List<Candidates.Candidate> arms = c.arms();
    for (int i = 0; i < arms.size(); i++) {
      Candidates.Candidate a = arms.get(i);
      if (!java.util.Objects.equals(r.expectedHost(a.provider(), a.model()), s.hosts[i])) {
        return false;
      }
    }
    return true;
  }

  /** The candidate's evidence with the latency of its expected host, when that host has some. */
  private ArmStats onHost(String key, String host, ArmStats stats, long now) {
    if (host == null) {
      return stats;
    }
    HostLatency h = hostLatency.get(key + ' ' + host);
    if (h == null) {
      return stats;
    }
    double f = discount.pow(now - h.at);
    if (h.weight * f < 1e-3) {
      return stats;
    }
    ArmStats out = new ArmStats(stats);
    out.latencyWeight = h.weight * f;
    out.latencySum = h.sum * f;
    out.latencySquares = h.squares * f;
    return out;
  }

  /** Marks what the ranking updater wrote for a model, so that reading it back is no edit. */
  synchronized void markWritten(String key, double quality, double speed) {
    double[] old = written.put(key, new double[] {quality, speed});
    if (old == null || old[0] != quality || old[1] != speed) {
      stateChanged = true;
      writtenDirty.add(key);
    }
  }

  /** Adopts the file's record of written scores, except those marked here and not flushed yet. */
  synchronized void adoptWritten(TaskRecord record) {
    boolean changed = false;
    for (Map.Entry<String, ArmRecord> e : record.models().entrySet()) {
      ArmRecord r = e.getValue();
      if (!Double.isNaN(r.writtenQuality()) && !writtenDirty.contains(e.getKey())) {
        double[] old = written.put(e.getKey(), new double[] {r.writtenQuality(), r.writtenSpeed()});
        changed |= old == null || old[0] != r.writtenQuality() || old[1] != r.writtenSpeed();
      }
    }
    if (changed) {
      stateVersion++;
    }
  }

  /** Whether state other than evidence changed since the last call (and clears the flag). */
  synchronized boolean takeStateChanged() {
    boolean c = stateChanged;
    stateChanged = false;
    return c;
  }

  private synchronized Snapshot compute(Candidates c) {
    drain();
    long v = consumed;
    long sv = stateVersion;
    Snapshot s = snapshot;
    if (s != null
        && s.candidates.equals(c)
        && s.events == v
        && s.stateVersion == sv
        && sameHosts(s, c)) {
      return s;
    }
    long now = baseObservations + pendingObservations;
    int n = c.arms().size();
    ArmStats[] stats = new ArmStats[n];
    Prior[] pri = new Prior[n];
    for (int i = 0; i < n; i++) {
      Candidates.Candidate cand = c.arms().get(i);
      pri[i] = syncPrior(cand, now);
      stats[i] = combined(cand.key());
      if (!calibration.containsKey(cand.key())
          && stats[i].latencyWeight >= LearningParams.CALIBRATION_WEIGHT) {
        double mu = stats[i].latencySum / stats[i].latencyWeight;
        calibration.put(
            cand.key(),
            new double[] {mu + Math.log(Math.max(pri[i].speed, 0.02)), cand.ranked() ? 1 : 0});
      }
    }
    double lnRef = referenceLogLatency();
    PriorityWeights w = c.weights();
    HostResolver r = hosts;
    String[] expected = hostAware && r != null ? new String[n] : null;
    ArmEstimate[] est = new ArmEstimate[n];
    for (int i = 0; i < n; i++) {
      Candidates.Candidate cand = c.arms().get(i);
      ArmStats st = stats[i];
      if (expected != null && r != null) {
        expected[i] = r.expectedHost(cand.provider(), cand.model());
        st = onHost(cand.key(), expected[i], st, now);
      }
      est[i] = estimate(cand.model(), st, pri[i], now, lnRef, w);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.comparingLong((Integer i) -> -Math.round(est[i].utility() * 1e9))
            .thenComparing(Comparator.comparingDouble((Integer i) -> est[i].quality()).reversed())
            .thenComparing(i -> est[i].model()));
    List<ArmEstimate> arms = new ArrayList<>(n);
    List<ScoredCandidate> scored = new ArrayList<>(n);
    String[] keys = new String[n];
    double[] executions = new double[n];
    double[] coldLoads = new double[n];
    int at = 0;
    for (Integer i : order) {
      keys[at] = c.arms().get(i).key();
      executions[at] = stats[i].executions();
      coldLoads[at++] = stats[i].coldLoads;
      ArmEstimate e = est[i];
      arms.add(e);
      double q = e.quality() * (1 - e.failureRate());
      scored.add(
          new ScoredCandidate(e.model(), c.arms().get(i).provider(), q, e.speed(), e.utility()));
    }
    ModelSelection selection =
        new ModelSelection(c.task(), w, scored.get(0), scored, c.skipped(), c.availabilityKnown());
    Snapshot out =
        new Snapshot(
            c,
            v,
            sv,
            List.copyOf(arms),
            List.copyOf(scored),
            selection,
            keys,
            executions,
            coldLoads);
    out.hosts = expected;
    snapshot = out;
    return out;
  }

  private Prior syncPrior(Candidates.Candidate c, long now) {
    Prior p = priors.get(c.key());
    double weight =
        c.ranked() ? LearningParams.RANKED_PRIOR_WEIGHT : LearningParams.NEW_MODEL_PRIOR_WEIGHT;
    if (p == null) {
      p = new Prior(c.priorQuality(), c.priorSpeed(), weight, now, true);
      priors.put(c.key(), p);
    } else if (p.quality != c.priorQuality() || p.speed != c.priorSpeed()) {
      double[] wr = written.get(c.key());
      boolean ours = wr != null && wr[0] == c.priorQuality() && wr[1] == c.priorSpeed();
      if (!ours) {
        // edited in the rankings file: a new prior, evidence kept
        p = new Prior(c.priorQuality(), c.priorSpeed(), weight, now, true);
        priors.put(c.key(), p);
      }
    }
    return p;
  }

  /** The evidence of a model now: base discounted since the flush plus pending. */
  private ArmStats combined(String key) {
    ArmStats out = new ArmStats();
    ArmStats b = base.get(key);
    if (b != null) {
      out.addScaled(b, discount.pow(pendingObservations));
    }
    Pending p = pending.get(key);
    if (p != null) {
      out.addScaled(p.stats, discount.pow(pendingObservations - p.at));
    }
    return out;
  }

  /**
   * The log reference latency: mean of the calibrations from ranked scores, else of all; NaN if
   * none.
   */
  private double referenceLogLatency() {
    double sumRanked = 0;
    int nRanked = 0;
    double sumAll = 0;
    int nAll = 0;
    for (double[] c : calibration.values()) {
      sumAll += c[0];
      nAll++;
      if (c[1] == 1) {
        sumRanked += c[0];
        nRanked++;
      }
    }
    return nRanked > 0 ? sumRanked / nRanked : nAll > 0 ? sumAll / nAll : Double.NaN;
  }

  private ArmEstimate estimate(
      String model, ArmStats st, Prior p, long now, double lnRef, PriorityWeights w) {
    double pw = p.weight * discount.pow(now - p.setAt);
    double k = pw + LearningParams.EPSILON_WEIGHT;

    // quality: normal mean with a pooled variance
    double qw = st.qualityWeight;
    double q = (k * p.quality + st.qualitySum) / (k + qw);
    double qVarObs = LearningParams.QUALITY_NOISE * LearningParams.QUALITY_NOISE;
    if (qw > 0) {
      double m = st.qualitySum / qw;
      double sampleVar = Math.max(0, st.qualitySquares / qw - m * m);
      qVarObs = (k * qVarObs + qw * sampleVar) / (k + qw);
    }
    qVarObs = Math.max(qVarObs, 4e-4);
    double qSd = Math.min(LearningParams.MAX_QUALITY_SD, Math.sqrt(qVarObs / (k + qw)));
    q = clamp01(q);

    // failures: Beta(failures, successes + k), summarised by mean and sd (a model without
    // evidence is assumed reliable, so its utility is exactly its file score)
    double a = st.failures;
    double b = st.successes + k;
    double f = a / (a + b);
    double fSd = Math.sqrt(f * (1 - f) / (a + b + 1));

    // speed: log-normal warm latency mapped onto the task's one speed scale
    double speed;
    double speedSd;
    double priorSpeed = Math.max(p.speed, 0.02);
    if (!Double.isNaN(lnRef)) {
      double mu0 = lnRef - Math.log(priorSpeed);
      double lw = st.latencyWeight;
      double mu = (k * mu0 + st.latencySum) / (k + lw);
      double lVarObs = LearningParams.LATENCY_NOISE * LearningParams.LATENCY_NOISE;
      if (lw > 0) {
        double m = st.latencySum / lw;
        double sampleVar = Math.max(0, st.latencySquares / lw - m * m);
        lVarObs = (k * lVarObs + lw * sampleVar) / (k + lw);
      }
      lVarObs = Math.max(lVarObs, 1e-3);
      double muSd = Math.sqrt(lVarObs / (k + lw));
      speed = Math.min(1.0, Math.exp(lnRef - mu));
      speedSd = Math.min(LearningParams.MAX_SPEED_SD, speed * muSd);
    } else {
      speed = p.speed;
      speedSd =
          Math.min(
              LearningParams.MAX_SPEED_SD,
              priorSpeed * LearningParams.LATENCY_NOISE / Math.sqrt(k));
    }

    double utility = w.quality() * q * (1 - f) + w.speed() * speed;
    double du =
        Math.sqrt(
            sq(w.quality() * (1 - f) * qSd) + sq(w.quality() * q * fSd) + sq(w.speed() * speedSd));
    return new ArmEstimate(
        model, q, qSd, f, fSd, speed, speedSd, utility, du, pw + st.executions());
  }

  private static double sq(double x) {
    return x * x;
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }

  // ------------------------------------------------------------------ choosing

  /** Earns this call's share of an exploration. */
  void earn() {
    if (earn == 0) {
      return;
    }
    long c;
    do {
      c = credit.get();
      if (c >= maxCredit) {
        return;
      }
    } while (!credit.compareAndSet(c, Math.min(maxCredit, c + earn)));
  }

  /** Spends one exploration if the budget has one. */
  boolean trySpend() {
    long c;
    do {
      c = credit.get();
      if (c < UNIT) {
        return false;
      }
    } while (!credit.compareAndSet(c, c - UNIT));
    return true;
  }

  LearningParams params() {
    return params;
  }

  // ------------------------------------------------------------------ persistence

  /** What a flush writes: the pending evidence as of the pending observation count. */
  record Captured(long observations, Map<String, ArmStats> arms, Map<String, ArmRecord> records) {}

  synchronized Captured capture() {
    drain();
    long now = baseObservations + pendingObservations;
    Map<String, ArmStats> arms = new LinkedHashMap<>();
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      ArmStats s = new ArmStats();
      s.addScaled(e.getValue().stats, discount.pow(pendingObservations - e.getValue().at));
      arms.put(e.getKey(), s);
    }
    Map<String, ArmRecord> records = new LinkedHashMap<>();
    java.util.Set<String> keys = new java.util.TreeSet<>(priors.keySet());
    keys.addAll(arms.keySet());
    keys.addAll(calibration.keySet());
    keys.addAll(written.keySet());
    for (String key : keys) {
      // only what this process set: a prior or written score it merely read from the file may be
      // older than the file's (another process's updater), and would overwrite it
      Prior p = priors.get(key);
      if (p != null && !p.own) {
        p = null;
      }
      double[] cal = calibration.get(key);
      double[] wr = writtenDirty.contains(key) ? written.get(key) : null;
      records.put(
          key,
          new ArmRecord(
              arms.getOrDefault(key, new ArmStats()),
              p == null ? Double.NaN : p.quality,
              p == null ? Double.NaN : p.speed,
              p == null ? 0 : p.weight * discount.pow(now - p.setAt),
              cal == null ? Double.NaN : cal[0],
              cal != null && cal[1] == 1,
              wr == null ? Double.NaN : wr[0],
              wr == null ? Double.NaN : wr[1]));
    }
    return new Captured(pendingObservations, arms, records);
  }

  /** Whether anything was recorded since the last successful flush. */
  synchronized boolean hasPending() {
    drain();
    return pendingObservations > 0;
  }

  /**
   * Adopts the merged file content after a successful write of {@code captured} (or, with an empty
   * capture, after loading the file): the captured evidence leaves {@code pending}.
   */
  synchronized void rebase(Captured captured, TaskRecord merged) {
    long oldCaptureAt = baseObservations + captured.observations();
    long since = pendingObservations - captured.observations();
    for (Pending p : pending.values()) {
      p.stats.scale(discount.pow(pendingObservations - p.at));
      p.at = pendingObservations;
    }
    double f = discount.pow(since);
    for (Map.Entry<String, ArmStats> e : captured.arms().entrySet()) {
      Pending p = pending.get(e.getKey());
      if (p != null) {
        p.stats.addScaled(e.getValue(), -f);
        p.stats.clampResidue();
        if (p.stats.isEmpty()) {
          pending.remove(e.getKey());
        }
      }
    }
    for (Pending p : pending.values()) {
      p.at = since;
    }
    long newBase = merged.observations();
    // priors set after the capture keep their age: they move with the frame
    java.util.Set<String> late = new java.util.HashSet<>();
    for (Map.Entry<String, Prior> e : priors.entrySet()) {
      if (e.getValue().setAt > oldCaptureAt) {
        e.getValue().setAt += newBase - oldCaptureAt;
        late.add(e.getKey());
      }
    }
    Map<String, ArmStats> b = new HashMap<>();
    for (Map.Entry<String, ArmRecord> e : merged.models().entrySet()) {
      ArmRecord r = e.getValue();
      if (!r.stats().isEmpty()) {
        b.put(e.getKey(), new ArmStats(r.stats()));
      }
      if (r.hasPrior() && !late.contains(e.getKey())) {
        priors.put(
            e.getKey(),
            new Prior(r.priorQuality(), r.priorSpeed(), r.priorWeight(), newBase, false));
      }
      if (!Double.isNaN(r.calibration())) {
        calibration.put(e.getKey(), new double[] {r.calibration(), r.calibrationRanked() ? 1 : 0});
      }
      ArmRecord mine = captured.records().get(e.getKey());
      double[] wr = written.get(e.getKey());
      if (mine != null
          && wr != null
          && mine.writtenQuality() == wr[0]
          && mine.writtenSpeed() == wr[1]) {
        writtenDirty.remove(e.getKey()); // flushed and not marked again since
      }
      if (!Double.isNaN(r.writtenQuality()) && !writtenDirty.contains(e.getKey())) {
        written.put(e.getKey(), new double[] {r.writtenQuality(), r.writtenSpeed()});
      }
    }
    base = b;
    baseObservations = newBase;
    pendingObservations = since;
    stateVersion++;
  }

  /** Merges a capture into the file's record of this task (pure). */
  static TaskRecord merge(@Nullable TaskRecord file, Captured c, Discount discount) {
    long obs = (file == null ? 0 : file.observations()) + c.observations();
    double f = discount.pow(c.observations());
    Map<String, ArmRecord> out = new java.util.TreeMap<>();
    if (file != null) {
      for (Map.Entry<String, ArmRecord> e : file.models().entrySet()) {
        ArmRecord r = e.getValue();
        ArmStats s = new ArmStats();
        s.addScaled(r.stats(), f);
        out.put(
            e.getKey(),
            new ArmRecord(
                s,
                r.priorQuality(),
                r.priorSpeed(),
                r.priorWeight() * f,
                r.calibration(),
                r.calibrationRanked(),
                r.writtenQuality(),
                r.writtenSpeed()));
      }
    }
    for (Map.Entry<String, ArmRecord> e : c.records().entrySet()) {
      ArmRecord mine = e.getValue();
      ArmRecord theirs = out.get(e.getKey());
      if (theirs == null) {
        out.put(e.getKey(), mine);
        continue;
      }
      ArmStats s = new ArmStats(theirs.stats());
      s.addScaled(mine.stats(), 1.0);
      boolean myPrior =
          mine.hasPrior()
              && (!theirs.hasPrior()
                  || mine.priorQuality() != theirs.priorQuality()
                  || mine.priorSpeed() != theirs.priorSpeed());
      boolean myWritten = !Double.isNaN(mine.writtenQuality());
      boolean theirCal = !Double.isNaN(theirs.calibration());
      out.put(
          e.getKey(),
          new ArmRecord(
              s,
              myPrior ? mine.priorQuality() : theirs.priorQuality(),
              myPrior ? mine.priorSpeed() : theirs.priorSpeed(),
              myPrior ? mine.priorWeight() : theirs.priorWeight(),
              theirCal ? theirs.calibration() : mine.calibration(),
              theirCal ? theirs.calibrationRanked() : mine.calibrationRanked(),
              myWritten ? mine.writtenQuality() : theirs.writtenQuality(),
              myWritten ? mine.writtenSpeed() : theirs.writtenSpeed()));
    }
    return new TaskRecord(obs, out);
  }

  TaskType task() {
    return task;
  }

  /** Total observations of the task (all processes, as far as this one knows). */
  synchronized long observations() {
    drain();
    return baseObservations + pendingObservations;
  }
}
