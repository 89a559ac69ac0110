package io.taskoptimizer.core;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.spi.AssessmentInput;
import io.taskoptimizer.spi.ModelProvider;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.QualityAssessor;
import io.taskoptimizer.spi.TokenListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plugins for the discovery tests. They are registered only in {@code META-INF/services} files that
 * the tests write into a temporary directory and expose through a context class loader, so they
 * never leak into other tests.
 */
public final class TestPlugins {

  private TestPlugins() {}

  /** Providers created by {@link TestProviderFactory}, to check who closes them. */
  static final List<TestProvider> CREATED = new CopyOnWriteArrayList<>();

  /** An assessor that works. */
  public static final class GoodAssessor implements QualityAssessor {
    /** Required by ServiceLoader. */
    public GoodAssessor() {}

    @Override
    public String id() {
      return "test-good";
    }

    @Override
    public boolean supports(TaskType task) {
      return true;
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      return QualityScore.of(0.5);
    }
  }

  /** An assessor whose constructor fails. */
  public static final class BrokenAssessor implements QualityAssessor {
    /** Fails, as a plugin with a missing dependency would. */
    public BrokenAssessor() {
      throw new IllegalStateException("missing native library");
    }

    @Override
    public String id() {
      return "test-broken";
    }

    @Override
    public boolean supports(TaskType task) {
      return true;
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      return QualityScore.of(0.0);
    }
  }

  /** An assessor whose id() fails. */
  public static final class NoIdAssessor implements QualityAssessor {
    /** Required by ServiceLoader. */
    public NoIdAssessor() {}

    @Override
    public String id() {
      throw new UnsupportedOperationException("no id");
    }

    @Override
    public boolean supports(TaskType task) {
      return true;
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      return QualityScore.of(0.0);
    }
  }

  /** One of two assessors with the same id. */
  public static final class DuplicateA implements QualityAssessor {
    /** Required by ServiceLoader. */
    public DuplicateA() {}

    @Override
    public String id() {
      return "test-dup";
    }

    @Override
    public boolean supports(TaskType task) {
      return true;
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      return QualityScore.of(0.1);
    }
  }

  /** The other of two assessors with the same id. */
  public static final class DuplicateB implements QualityAssessor {
    /** Required by ServiceLoader. */
    public DuplicateB() {}

    @Override
    public String id() {
      return "test-dup";
    }

    @Override
    public boolean supports(TaskType task) {
      return true;
    }

    @Override
    public QualityScore assess(AssessmentInput input) {
      return QualityScore.of(0.2);
    }
  }

  /** A provider created by {@link TestProviderFactory}. */
  public static final class TestProvider implements ModelProvider {
    final AtomicBoolean closed = new AtomicBoolean();
    final String host;

    TestProvider(String host) {
      this.host = host;
    }

    @Override
    public String id() {
      return "test-provider";
    }

    @Override
    public List<ModelDescriptor> listModels() {
      return List.of(ModelDescriptor.of("gemma3:1b", id()));
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TokenListener listener) {
      return GenerationResult.builder("ok", request.model().orElseThrow()).build();
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  /** Creates {@link TestProvider}s from the {@code TEST_HOST} setting. */
  public static final class TestProviderFactory implements ModelProviderFactory {
    /** Required by ServiceLoader. */
    public TestProviderFactory() {}

    @Override
    public String id() {
      return "test-provider";
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
      TestProvider p = new TestProvider(settings.get("TEST_HOST").orElse("localhost"));
      CREATED.add(p);
      return p;
    }
  }

  /** Rejects an invalid {@code TEST_BAD} setting, as a factory must. */
  public static final class StrictFactory implements ModelProviderFactory {
    /** Required by ServiceLoader. */
    public StrictFactory() {}

    @Override
    public String id() {
      return "test-strict";
    }

    @Override
    public ModelProvider create(ProviderSettings settings) {
      if (settings.get("TEST_BAD").isPresent()) {
        throw new ConfigurationException("TEST_BAD is set to an invalid value; unset it");
      }
      return new TestProvider("strict");
    }
  }
}
