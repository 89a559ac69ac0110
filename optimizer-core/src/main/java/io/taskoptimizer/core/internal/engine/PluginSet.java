package io.taskoptimizer.core.internal.engine;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.core.internal.CombinedAssessor;
import io.taskoptimizer.core.internal.ServiceDiscovery;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.QualityAssessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The plugins one optimizer works with: its model providers (the explicit ones, else those the
 * {@link ModelProviderFactory} plugins on the class path create) and its quality assessors (the
 * explicit ones, else the discovered ones), with unique, unreserved ids. Discovery goes through
 * {@link ServiceDiscovery}; finding no provider or no assessor is reported once, at build time,
 * with what to add.
 *
 * <p>Immutable after {@link #resolve}, so it is safe to share between threads without locking; the
 * plugins themselves are thread-safe by their SPI contracts. It owns only the providers it created
 * through discovery, and {@link #closeOwnedProviders()} closes only those: explicit providers
 * belong to the caller.
 */
public final class PluginSet {

  private static final Logger log = FacadeLog.LOG;

  private static final String PROVIDER_HINT =
      "add io.taskoptimizer:optimizer-ollama to the class"
          + " path (it finds a local Ollama through OLLAMA_HOST, default http://127.0.0.1:11434), or"
          + " pass a provider with TaskOptimizer.builder().addProvider(...)";

  private final List<ModelProvider> providers;
  private final List<ModelProvider> ownedProviders;
  private final Map<String, ModelProvider> providersById;
  private final CombinedAssessor assessor;

  private PluginSet(
      List<ModelProvider> providers,
      List<ModelProvider> ownedProviders,
      Map<String, ModelProvider> providersById,
      CombinedAssessor assessor) {
    this.providers = providers;
    this.ownedProviders = ownedProviders;
    this.providersById = providersById;
    this.assessor = assessor;
  }

  /**
   * Resolves the plugins of a new optimizer. Providers are discovered only when none is explicit
   * and {@code autoDetectProviders} is on; assessors likewise.
   *
   * @param explicitProviders providers given to the builder, in order of preference
   * @param autoDetectProviders whether to create providers through the factories on the class path
   * @param settings what discovered provider factories read
   * @param explicitAssessors assessors given to the builder
   * @param autoDetectAssessors whether to discover assessors
   * @param assessorWeights weights by assessor id; each must name an assessor in use
   * @param rankingsWhere where the rankings live, for the "no provider" warning
   * @return the plugins
   * @throws ConfigurationException on duplicate or reserved ids, a weight for an unknown assessor,
   *     or a discovered factory that rejects its settings (the providers created so far are closed)
   */
  public static PluginSet resolve(
      List<ModelProvider> explicitProviders,
      boolean autoDetectProviders,
      ProviderSettings settings,
      List<QualityAssessor> explicitAssessors,
      boolean autoDetectAssessors,
      Map<String, Double> assessorWeights,
      String rankingsWhere) {
    List<ModelProvider> owned = new ArrayList<>();
    try {
      List<ModelProvider> all = new ArrayList<>(explicitProviders);
      if (explicitProviders.isEmpty() && autoDetectProviders) {
        owned.addAll(discoverProviders(settings));
        all.addAll(owned);
      }
      Map<String, ModelProvider> byId = indexProviders(all);
      if (all.isEmpty()) {
        log.warn(
            "No model provider is configured{}: {}. Until then, model selection works from"
                + " {} alone and execute() cannot run models.",
            autoDetectProviders
                ? " and none was found on the class path"
                : " (auto-detection is off)",
            PROVIDER_HINT,
            rankingsWhere);
      }
      List<QualityAssessor> assessors = new ArrayList<>(explicitAssessors);
      if (explicitAssessors.isEmpty() && autoDetectAssessors) {
        assessors.addAll(discoverAssessors());
      }
      checkAssessors(assessors, assessorWeights);
      return new PluginSet(
          List.copyOf(all),
          List.copyOf(owned),
          byId,
          new CombinedAssessor(assessors, assessorWeights));
    } catch (RuntimeException e) {
      owned.forEach(PluginSet::closeQuietly);
      throw e;
    }
  }

  /** {@return the providers in use, in order of preference} */
  public List<ModelProvider> providers() {
    return providers;
  }

  /**
   * The provider with this id.
   *
   * @param id the provider's id
   * @return the provider, or empty if no provider in use has that id
   */
  public Optional<ModelProvider> provider(String id) {
    return Optional.ofNullable(providersById.get(id));
  }

  /** {@return the ids of the providers in use, in order of preference} */
  public List<String> providerIds() {
    return List.copyOf(providersById.keySet());
  }

  /** {@return the assessors in use, combined into one score} */
  public CombinedAssessor assessor() {
    return assessor;
  }

  /**
   * The exception for a call that needs a provider when none is configured.
   *
   * @return a configuration exception that says how to add one
   */
  public static ConfigurationException noProvider() {
    return new ConfigurationException(
        "No model provider is configured, so no model can run: " + PROVIDER_HINT + ".");
  }

  /** Closes the providers this set created through discovery; a failure is logged, not thrown. */
  public void closeOwnedProviders() {
    ownedProviders.forEach(PluginSet::closeQuietly);
  }

  private static List<ModelProvider> discoverProviders(ProviderSettings settings) {
    List<ModelProvider> created = new ArrayList<>();
    for (ServiceDiscovery.Found<ModelProviderFactory> f :
        ServiceDiscovery.discover(
            ModelProviderFactory.class,
            ServiceDiscovery.defaultLoaders(),
            ModelProviderFactory::id,
            ModelProviderFactory::version)) {
      try {
        ModelProvider p = f.instance().create(settings);
        if (p == null) {
          log.warn(
              "Model provider factory '{}' ({}) created no provider; skipping it",
              f.id(),
              f.instance().getClass().getName());
          continue;
        }
        created.add(p);
      } catch (ConfigurationException e) {
        created.forEach(PluginSet::closeQuietly);
        throw e; // a setting is present but wrong: the user must fix it
      } catch (RuntimeException e) {
        log.warn(
            "Skipping model provider factory '{}' ({}): creating the provider failed: {}",
            f.id(),
            f.instance().getClass().getName(),
            e.toString(),
            e);
      }
    }
    return created;
  }

  private static List<QualityAssessor> discoverAssessors() {
    List<QualityAssessor> found = new ArrayList<>();
    for (ServiceDiscovery.Found<QualityAssessor> f :
        ServiceDiscovery.discover(
            QualityAssessor.class,
            ServiceDiscovery.defaultLoaders(),
            QualityAssessor::id,
            QualityAssessor::version)) {
      found.add(f.instance());
    }
    if (found.isEmpty()) {
      log.warn(
          "No QualityAssessor was found on the class path, so executions are recorded without a"
              + " rating. Add io.taskoptimizer:optimizer-assessors (the built-in assessors) to the class"
              + " path, or pass assessors with TaskOptimizer.builder().addAssessor(...).");
    }
    return found;
  }

  private static Map<String, ModelProvider> indexProviders(List<ModelProvider> all) {
    return Collections.unmodifiableMap(
        indexById(
            ModelProvider.class,
            all,
            ModelProvider::id,
            "model providers",
            "Give each provider a distinct id (e.g. OllamaProvider.builder().id(\"ollama-gpu\"))."));
  }

  private static void checkAssessors(List<QualityAssessor> assessors, Map<String, Double> weights) {
    Map<String, QualityAssessor> byId =
        indexById(
            QualityAssessor.class,
            assessors,
            QualityAssessor::id,
            "quality assessors",
            "Give each assessor a distinct id.");
    for (String id : weights.keySet()) {
      if (!byId.containsKey(id)) {
        throw new ConfigurationException(
            "assessorWeight(\""
                + id
                + "\", ...) names an assessor that"
                + " is not in use; assessors in use: "
                + byId.keySet());
      }
    }
  }

  /** Plugins by id, in order; rejects a null, reserved or duplicate id. */
  private static <T> Map<String, T> indexById(
      Class<T> spi, List<T> plugins, Function<T, String> idOf, String kind, String fix) {
    Map<String, T> byId = new LinkedHashMap<>();
    for (T plugin : plugins) {
      String id =
          Objects.requireNonNull(
              idOf.apply(plugin), () -> plugin.getClass().getName() + ".id() returned null");
      ServiceDiscovery.checkReservedId(spi, id, plugin.getClass());
      T clash = byId.putIfAbsent(id, plugin);
      if (clash != null) {
        throw new ConfigurationException(
            "Two "
                + kind
                + " use the id '"
                + id
                + "': "
                + clash.getClass().getName()
                + " and "
                + plugin.getClass().getName()
                + ". "
                + fix);
      }
    }
    return byId;
  }

  private static void closeQuietly(ModelProvider p) {
    try {
      p.close();
    } catch (RuntimeException e) {
      log.warn("Closing model provider '{}' failed: {}", p.id(), e.toString());
    }
  }
}
