package io.taskoptimizer.core;

import java.lang.reflect.Method;

/**
 * Bytes allocated by the current thread, read from {@code com.sun.management.ThreadMXBean}
 * reflectively (the test sources are compiled into the core module, which does not read {@code
 * jdk.management}).
 */
final class AllocationMeter {

  private final Object bean;
  private final Method allocated;

  AllocationMeter() {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      bean = factory.getMethod("getThreadMXBean").invoke(null);
      Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
      allocated = sunBean.getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("This JVM cannot measure allocations", e);
    }
  }

  long allocatedBytes() {
    try {
      return (long) allocated.invoke(bean, Thread.currentThread().getId());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
