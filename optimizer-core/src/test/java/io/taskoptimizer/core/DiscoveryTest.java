package io.taskoptimizer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskoptimizer.api.ConfigurationException;
import io.taskoptimizer.api.QualityScore;
import io.taskoptimizer.api.TaskType;
import io.taskoptimizer.core.internal.ServiceDiscovery;
import io.taskoptimizer.spi.ModelProviderFactory;
import io.taskoptimizer.spi.ProviderSettings;
import io.taskoptimizer.spi.QualityAssessor;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

  @TempDir Path dir;
  @TempDir Path plugins;
  private final ManualScheduler scheduler = new ManualScheduler();

  @BeforeEach
  void clearCreated() {
    TestPlugins.CREATED.clear();
  }

  /**
   * A class loader that adds META-INF/services entries for the given SPI, classes from the test
   * class path.
   */
  private ClassLoader registering(Class<?> spi, Class<?>... implementations) throws IOException {
    Path services = Files.createDirectories(plugins.resolve("META-INF/services"));
    StringBuilder lines = new StringBuilder("# test registrations\n");
    for (Class<?> c : implementations) {
      lines.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(spi.getName()), lines);
    return new URLClassLoader(new URL[] {plugins.toUri().toURL()}, getClass().getClassLoader());
  }

  private static <T> T withContextLoader(ClassLoader loader, Callable<T> action) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return action.call();
    } finally {
      t.setContextClassLoader(old);
    }
  }

  private TaskOptimizer.Builder builder() {
    return TaskOptimizer.builder()
        .configDirectory(dir)
        .scheduler(scheduler)
        .autoDetectProviders(false);
  }

  @Test
  void skipsABrokenPluginAndLoadsTheOthers() throws Exception {
    Path services = Files.createDirectories(plugins.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(QualityAssessor.class.getName()),
        String.join(
            "\n",
            TestPlugins.BrokenAssessor.class.getName(),
            "com.example.DoesNotExist",
            TestPlugins.NoIdAssessor.class.getName(),
            TestPlugins.GoodAssessor.class.getName()));
    ClassLoader loader =
        new URLClassLoader(new URL[] {plugins.toUri().toURL()}, getClass().getClassLoader());

    try (TaskOptimizer optimizer = withContextLoader(loader, () -> builder().build())) {
      assertThat(optimizer.assessors())
          .extracting(QualityAssessor::id)
          .contains("test-good")
          .doesNotContain("test-broken");
      assertThat(optimizer.assessors()).noneMatch(a -> a instanceof TestPlugins.NoIdAssessor);
    }
  }

  @Test
  void readsTheClassNamesOfAServicesFileWithoutCommentsOrBlanks() throws Exception {
    Path file =
        Files.writeString(
            plugins.resolve("services.txt"),
            "# header\n\ncom.example.A\n  com.example.B # trailing comment\n");

    assertThat(ServiceDiscovery.listedClasses(file.toUri().toURL()))
        .containsExactly("com.example.A", "com.example.B");
  }

  @Test
  void rejectsTwoPluginsWithTheSameId() throws Exception {
    ClassLoader loader =
        registering(
            QualityAssessor.class, TestPlugins.DuplicateA.class, TestPlugins.DuplicateB.class);

    assertThatThrownBy(() -> withContextLoader(loader, () -> builder().build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'test-dup'")
        .hasMessageContaining(TestPlugins.DuplicateA.class.getName())
        .hasMessageContaining(TestPlugins.DuplicateB.class.getName());
  }

  @Test
  void explicitAssessorsBeatDiscovery() throws Exception {
    ClassLoader loader =
        registering(
            QualityAssessor.class, TestPlugins.DuplicateA.class, TestPlugins.DuplicateB.class);
    FixedAssessor mine = new FixedAssessor("test-mine", 0.5, TaskType.COVER_LETTER);

    try (TaskOptimizer optimizer =
        withContextLoader(loader, () -> builder().addAssessor(mine).build())) {
      assertThat(optimizer.assessors()).containsExactly(mine);
    }
  }

  @Test
  void turningAutoDetectionOffUsesNoAssessor() throws Exception {
    ClassLoader loader = registering(QualityAssessor.class, TestPlugins.GoodAssessor.class);

    try (TaskOptimizer optimizer =
        withContextLoader(loader, () -> builder().autoDetectAssessors(false).build())) {
      assertThat(optimizer.assessors()).isEmpty();
    }
  }

  @Test
  void findsNothingWhereNothingIsRegistered() {
    ClassLoader isolated = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

    assertThat(
            ServiceDiscovery.discover(
                ModelProviderFactory.class,
                List.of(isolated),
                ModelProviderFactory::id,
                ModelProviderFactory::version))
        .isEmpty();
  }

  @Test
  void warnsOnceNamingWhatToAddWhenNoProviderIsConfigured() {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try (TaskOptimizer optimizer = builder().autoDetectAssessors(false).build()) {
      optimizer.bestModelFor(TaskType.COVER_LETTER);
    } catch (io.taskoptimizer.api.NoAvailableModelException expected) {
      // no rankings either
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(log.split("No model provider is configured", -1)).hasSize(2);
    assertThat(log)
        .contains("io.taskoptimizer:optimizer-ollama")
        .contains("builder().addProvider(");
  }

  @Test
  void createsDiscoveredProvidersFromSettingsAndClosesThemOnClose() throws Exception {
    ClassLoader loader =
        registering(ModelProviderFactory.class, TestPlugins.TestProviderFactory.class);
    ProviderSettings settings =
        ProviderSettings.of(Map.of("TEST_HOST", "gpu-box", "OLLAMA_HOST", "127.0.0.1:9"));

    TaskOptimizer optimizer =
        withContextLoader(
            loader,
            () ->
                TaskOptimizer.builder()
                    .configDirectory(dir)
                    .scheduler(scheduler)
                    .autoDetectAssessors(false)
                    .providerSettings(settings)
                    .build());
    TestPlugins.TestProvider created = TestPlugins.CREATED.get(0);

    assertThat(optimizer.providers()).contains(created);
    assertThat(created.host).isEqualTo("gpu-box");
    optimizer.close();
    assertThat(created.closed).isTrue();
  }

  @Test
  void explicitProvidersBeatDiscoveryAndStayOpenOnClose() throws Exception {
    ClassLoader loader =
        registering(ModelProviderFactory.class, TestPlugins.TestProviderFactory.class);
    FakeProvider mine = new FakeProvider("mine", "gemma3:1b");

    TaskOptimizer optimizer =
        withContextLoader(
            loader,
            () ->
                TaskOptimizer.builder()
                    .configDirectory(dir)
                    .scheduler(scheduler)
                    .autoDetectAssessors(false)
                    .addProvider(mine)
                    .build());

    assertThat(optimizer.providers()).containsExactly(mine);
    assertThat(TestPlugins.CREATED).isEmpty();
    optimizer.close();
    assertThat(mine.isClosed()).isFalse();
  }

  @Test
  void anInvalidProviderSettingFailsTheBuildAndClosesWhatWasCreated() throws Exception {
    ClassLoader loader =
        registering(
            ModelProviderFactory.class,
            TestPlugins.TestProviderFactory.class,
            TestPlugins.StrictFactory.class);
    ProviderSettings settings =
        ProviderSettings.of(Map.of("TEST_BAD", "x", "OLLAMA_HOST", "127.0.0.1:9"));

    assertThatThrownBy(
            () ->
                withContextLoader(
                    loader,
                    () ->
                        TaskOptimizer.builder()
                            .configDirectory(dir)
                            .scheduler(scheduler)
                            .autoDetectAssessors(false)
                            .providerSettings(settings)
                            .build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TEST_BAD");
    assertThat(TestPlugins.CREATED).allSatisfy(p -> assertThat(p.closed).isTrue());
  }

  @Test
  void reservesTheOptimizerIdPrefixForTaskOptimizersOwnPlugins() {
    QualityAssessor impostor =
        (QualityAssessor)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {QualityAssessor.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "id" -> "optimizer-general";
                      case "supports" -> true;
                      case "assess" -> QualityScore.of(1.0);
                      case "version" -> java.util.Optional.empty();
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    assertThatThrownBy(() -> builder().addAssessor(impostor).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'optimizer-general'")
        .hasMessageContaining("reserved");
  }

  @Test
  void rejectsDuplicateExplicitIdsAndWeightsForUnknownAssessors() {
    assertThatThrownBy(
            () ->
                builder()
                    .addProvider(new FakeProvider("same"))
                    .addProvider(new FakeProvider("same"))
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'same'");
    assertThatThrownBy(
            () ->
                builder()
                    .addAssessor(new FixedAssessor("test-x", 1, TaskType.COVER_LETTER))
                    .addAssessor(new FixedAssessor("test-x", 1, TaskType.COVER_LETTER))
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'test-x'");
    assertThatThrownBy(
            () ->
                builder()
                    .addAssessor(new FixedAssessor("test-x", 1, TaskType.COVER_LETTER))
                    .assessorWeight("test-typo", 2.0)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("test-typo")
        .hasMessageContaining("[test-x]");
  }

  @Test
  void discoversTheBuiltInAssessorsOfThisModule() {
    List<ServiceDiscovery.Found<QualityAssessor>> found =
        ServiceDiscovery.discover(
            QualityAssessor.class,
            ServiceDiscovery.defaultLoaders(),
            QualityAssessor::id,
            QualityAssessor::version);

    assertThat(found)
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.id()).startsWith("optimizer-");
              assertThat(f.location()).isNotBlank();
            });
  }
}
