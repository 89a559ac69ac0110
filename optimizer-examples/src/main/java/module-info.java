/**
 * The {@code taskopt} command-line application and the compiled library usage examples. Not
 * published and exports nothing: an application, which may use the core and every plugin.
 *
 * <p>The module descriptor lets the CLI use the helpers our modules share through qualified exports
 * (the atomic file writer) instead of keeping copies. The runnable {@code taskopt.jar} is a shaded
 * jar on the class path, without this descriptor; the tests also run on the class path.
 */
module io.taskoptimizer.examples {
  requires io.taskoptimizer.core;
  requires io.taskoptimizer.ollama;
  requires io.taskoptimizer.consensus;
  requires io.taskoptimizer.judge;
  requires io.taskoptimizer.jdbc;
  requires io.taskoptimizer.testserver; // the demo's simulated Ollama server
  requires com.fasterxml.jackson.databind;
  requires com.zaxxer.hikari; // the pool of the --store option
  requires info.picocli;
  requires static org.jspecify; // @NullMarked/@Nullable, compile time only

  // picocli sets the @Option/@Parameters/@ParentCommand/@Spec fields of the commands reflectively
  opens io.taskoptimizer.examples.cli to
      info.picocli;
}
