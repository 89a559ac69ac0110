package io.taskoptimizer.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ThrowablesTest {

  @Test
  void unwrapStripsNestedFutureWrappersDownToTheFailure() {
    IOException failure = new IOException("refused");

    assertThat(Throwables.unwrap(new CompletionException(new ExecutionException(failure))))
        .isSameAs(failure);
    assertThat(Throwables.unwrap(failure)).isSameAs(failure);
  }

  @Test
  void unwrapKeepsAWrapperWithoutCauseAndOtherCauses() {
    CompletionException bare = new CompletionException("no cause", null);
    RuntimeException outer = new RuntimeException(new CompletionException(new IOException()));

    assertThat(Throwables.unwrap(bare)).isSameAs(bare);
    assertThat(Throwables.unwrap(outer)).isSameAs(outer);
    assertThat(Throwables.unwrap(null)).isNull();
  }
}
