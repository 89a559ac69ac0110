package io.taskoptimizer.examples.cli;

import io.taskoptimizer.ollama.OllamaCluster;
import io.taskoptimizer.ollama.OllamaHostStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code taskopt hosts}: the Ollama servers in use and what the router knows about each. */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    header =
        "Lists the Ollama hosts: reachable, models, loaded models, slots, cooldown, learned latency.",
    description =
        "Asks every configured Ollama host (--ollama URL[,URL...], or $OLLAMA_HOSTS) for its models"
            + " and loaded models and lists them with the router's view: slots in use, circuit (closed = in use,"
            + " open = cooling down after repeated failures, half-open = the next call probes it) and learned warm"
            + " latency per model. The router keeps that state in memory, so a fresh process shows no latency and"
            + " every circuit closed.")
final class HostsCommand implements Callable<Integer> {

  @ParentCommand private TaskoptCommand root;

  @Override
  public Integer call() {
    try (OllamaCluster cluster =
        OllamaHosts.cluster(root.ollamaHosts(), Workspace.providerSettings(root))) {
      cluster.refresh();
      List<OllamaHostStatus> hosts = cluster.hosts();
      PrintWriter out = root.json() ? root.terminal().out() : root.terminal().text();
      if (root.json()) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (OllamaHostStatus h : hosts) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", h.name());
          m.put("url", h.baseUrl());
          m.put("reachable", h.reachable());
          m.put("weight", h.weight());
          m.put("slots", h.slots());
          m.put("in_flight", h.inFlight());
          m.put("queued", h.queued());
          m.put("circuit", h.circuit());
          m.put("consecutive_failures", h.consecutiveFailures());
          m.put("cooldown_until", h.cooldownUntil().map(Object::toString).orElse(null));
          m.put("models", h.models());
          m.put("loaded_models", h.loadedModels());
          Map<String, Double> lat = new LinkedHashMap<>();
          h.latency().forEach((k, v) -> lat.put(k, v.toNanos() / 1e9));
          m.put("latency_seconds", lat);
          list.add(m);
        }
        Json.print(out, Map.of("hosts", list));
      } else {
        Style style = Style.of(root.terminal());
        Table table =
            new Table("host", "url", "reachable", "circuit", "slots", "weight", "models", "loaded")
                .rightAlign(4, 5);
        for (OllamaHostStatus h : hosts) {
          table.row(
              h.name(),
              h.baseUrl(),
              h.reachable() ? "yes" : "no",
              h.circuit() + h.cooldownUntil().map(u -> " until " + u).orElse(""),
              h.inFlight()
                  + "/"
                  + h.slots()
                  + (h.queued() > 0 ? " +" + h.queued() + " queued" : ""),
              h.weight(),
              h.models().isEmpty() ? "-" : String.join(" ", h.models()),
              h.loadedModels().isEmpty() ? "-" : String.join(" ", h.loadedModels()));
        }
        table.print(out, "", style);
        for (OllamaHostStatus h : hosts) {
          for (Map.Entry<String, Duration> e : h.latency().entrySet()) {
            out.println(
                "  "
                    + h.name()
                    + " "
                    + e.getKey()
                    + ": warm latency "
                    + Style.duration(e.getValue()));
          }
        }
      }
      return hosts.stream().anyMatch(OllamaHostStatus::reachable)
          ? ExitCodes.OK
          : ExitCodes.OLLAMA_UNREACHABLE;
    }
  }

  /** One line for {@code taskopt rankings}: each host with its circuit and reachability. */
  static String summary(OllamaCluster cluster) {
    List<String> parts = new ArrayList<>();
    for (OllamaHostStatus h : cluster.hosts()) {
      parts.add(
          h.name()
              + " ("
              + (h.reachable() ? "" : "unreachable, ")
              + "circuit "
              + h.circuit()
              + h.cooldownUntil().map(u -> " until " + u).orElse("")
              + ", "
              + h.models().size()
              + " models)");
    }
    return "Ollama hosts: " + String.join(", ", parts) + "; details: taskopt hosts";
  }
}
