package io.taskoptimizer.ollama.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncPermitsTest {

  private final AsyncPermits permits = new AsyncPermits(2, Runnable::run);

  @Test
  void grantsUpToTheLimitThenQueuesInArrivalOrder() {
    CompletableFuture<AsyncPermits.Permit> a = permits.acquire();
    CompletableFuture<AsyncPermits.Permit> b = permits.acquire();
    CompletableFuture<AsyncPermits.Permit> c = permits.acquire();
    CompletableFuture<AsyncPermits.Permit> d = permits.acquire();
    List<String> order = new ArrayList<>();
    CompletableFuture<Void> cRan = c.thenRun(() -> order.add("c"));
    CompletableFuture<Void> dRan = d.thenRun(() -> order.add("d"));

    assertThat(a).isCompleted();
    assertThat(b).isCompleted();
    assertThat(c).isNotDone();
    assertThat(permits.queued()).isEqualTo(2);

    a.join().release();
    b.join().release();

    assertThat(cRan).isCompleted();
    assertThat(dRan).isCompleted();
    assertThat(order).containsExactly("c", "d");
    assertThat(permits.inUse()).isEqualTo(2);
  }

  @Test
  void releasingTwiceGivesBackOnePermit() {
    AsyncPermits.Permit p = permits.acquire().join();

    p.release();
    p.release();

    assertThat(permits.inUse()).isZero();
    assertThat(permits.acquire()).isCompleted();
    assertThat(permits.acquire()).isCompleted();
    assertThat(permits.acquire()).isNotDone();
  }

  @Test
  void aCancelledWaiterIsSkipped() {
    AsyncPermits.Permit a = permits.acquire().join();
    permits.acquire().join();
    CompletableFuture<AsyncPermits.Permit> cancelled = permits.acquire();
    CompletableFuture<AsyncPermits.Permit> next = permits.acquire();

    cancelled.cancel(false);
    a.release();

    assertThat(next).isCompleted();
    assertThat(permits.queued()).isZero();
    assertThat(permits.inUse()).isEqualTo(2);
  }
}
