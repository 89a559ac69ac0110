package io.taskoptimizer.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskoptimizer.api.GenerationRequest;
import io.taskoptimizer.api.GenerationResult;
import io.taskoptimizer.api.ModelDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginVersionTest {

  @Test
  void aClassFromAJarReportsTheJarsImplementationVersion() {
    // junit-jupiter-api's manifest carries Implementation-Version, as ours do
    String expected = Test.class.getPackage().getImplementationVersion();

    assertThat(expected).isNotBlank();
    assertThat(PluginVersion.of(Test.class)).hasValue(expected);
  }

  @Test
  void aClassOfANamedModuleWithoutManifestVersionReportsTheModuleVersion() {
    assertThat(PluginVersion.of(String.class))
        .hasValueSatisfying(
            v -> assertThat(v).startsWith(Integer.toString(Runtime.version().feature())));
  }

  @Test
  void aClassFromAClassDirectoryHasNoVersion() {
    assertThat(PluginVersion.of(PluginVersionTest.class)).isEmpty();
  }

  @Test
  void everySpiDefaultsVersionToThePluginsVersionAndAProviderHasNoServerVersion() {
    SimilarityMetric metric =
        new SimilarityMetric() {
          @Override
          public String id() {
            return "exact";
          }

          @Override
          public double similarity(String a, String b) {
            return a.equals(b) ? 1 : 0;
          }
        };
    SelectionPolicy policy = (arms, weights, random) -> 0;
    ModelProvider provider =
        new ModelProvider() {
          @Override
          public String id() {
            return "fake";
          }

          @Override
          public List<ModelDescriptor> listModels() {
            return List.of();
          }

          @Override
          public GenerationResult generate(GenerationRequest request, TokenListener listener) {
            throw new UnsupportedOperationException();
          }
        };

    assertThat(metric.version()).isEqualTo(PluginVersion.of(metric.getClass()));
    assertThat(policy.version()).isEqualTo(PluginVersion.of(policy.getClass()));
    assertThat(provider.version()).isEqualTo(PluginVersion.of(provider.getClass()));
    assertThat(provider.serverVersion()).isEmpty();
  }
}
