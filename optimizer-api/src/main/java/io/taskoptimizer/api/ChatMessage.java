package io.taskoptimizer.api;

import java.util.Objects;

/**
 * One message of a chat conversation.
 *
 * <p>Immutable (a record of immutable values), so thread-safe.
 *
 * @param role who speaks
 * @param content the text; may be empty but not null
 */
public record ChatMessage(Role role, String content) {

  /** Who speaks a message. Serialised in lower case ({@code system}, {@code user}, ...). */
  public enum Role {
    /** Instructions for the model. */
    SYSTEM,
    /** The caller. */
    USER,
    /** The model. */
    ASSISTANT,
    /** A tool result. */
    TOOL;

    /** The lower-case wire name. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates. */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /** A system message. */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /** A user message. */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /** An assistant message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
