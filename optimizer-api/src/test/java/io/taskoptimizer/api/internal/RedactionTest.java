package io.taskoptimizer.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One redaction for every module: the cases of each former copy (Ollama, CLI, stores, JDBC). */
class RedactionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // OLLAMA_HOST values and Ollama URLs
        "http://alice:pw@host:1/x                         | http://***@host:1/x",
        "alice:pw@host:1                                  | ***@host:1",
        "'\"alice:pw@host\"'                              | '\"***@host\"'",
        "https://a:p@w@host/x@y                           | https://***@host/x@y",
        "https://token@proxy.example.com/ollama           | https://***@proxy.example.com/ollama",
        "http://host:1/a@b                                | http://host:1/a@b",
        "host:11434                                       | host:11434",
        // messages and stack traces that quote URLs (the CLI)
        "Ollama at 'http://alex:s3cret@127.0.0.1:1' failed | Ollama at 'http://***@127.0.0.1:1' failed",
        "a http://u:p@h1 and https://v:q@h2/p             | a http://***@h1 and https://***@h2/p",
        // store URLs
        "jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true | jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true",
        "jdbc:postgresql://h/db?PASSWORD=s3cret           | jdbc:postgresql://h/db?PASSWORD=***",
        "jdbc:postgresql://h/db;password=s3cret;ssl=true  | jdbc:postgresql://h/db;password=***;ssl=true",
        "postgresql://u:s3cret@h/db                       | postgresql://***@h/db",
        "jdbc:postgresql://u:s3cret@h/db                  | jdbc:postgresql://***@h/db",
        "connect failed: jdbc:postgresql://u:s3cret@h/db  | connect failed: jdbc:postgresql://***@h/db",
        "URL jdbc:postgresql://h/db password=s3cret       | URL jdbc:postgresql://h/db password=***",
        "jdbc:postgresql://h/db?user=u                    | jdbc:postgresql://h/db?user=u",
        "no credentials here                              | no credentials here",
      })
  void hidesUserInformationAndPasswordParameters(String text, String expected) {
    assertThat(Redaction.redact(text)).isEqualTo(expected);
  }

  @Test
  void redactsEveryLineOfAStackTrace() {
    String trace =
        "java.io.IOException: http://alex:s3cret@h:1\n\tat x.y(Z.java:1)\nCaused by: https://t@h:2/p";

    assertThat(Redaction.redact(trace))
        .doesNotContain("s3cret")
        .doesNotContain("alex")
        .doesNotContain("t@")
        .contains("http://***@h:1")
        .contains("https://***@h:2/p");
  }

  @Test
  void urlsAndNullsAreShownSafely() {
    assertThat(Redaction.redact(URI.create("http://alice:pw@example.com:8080/ollama")))
        .isEqualTo("http://***@example.com:8080/ollama");
    assertThat(Redaction.redact((String) null)).isEqualTo("null");
    assertThat(Redaction.redact((URI) null)).isEqualTo("null");
  }
}
