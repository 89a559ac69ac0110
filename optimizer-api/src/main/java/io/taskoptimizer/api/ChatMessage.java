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

  /**
   * Who speaks a message. Serialised in lower case ({@code system}, {@code user}, ...). Immutable
   * (an enum), so thread-safe.
   */
  public enum Role {
    /** Instructions for the model. */
    SYSTEM,
    /** The caller. */
    USER,
    /** The model. */
    ASSISTANT,
    /** A tool result. */
    TOOL;

    /**
     * The lower-case wire name.
     *
     * @return the role's name in lower case, e.g. {@code user}
     */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Validates the components.
   *
   * @param role who speaks; must not be null
   * @param content the text; must not be null, may be empty
   * @throws NullPointerException if {@code role} or {@code content} is null
   */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * A system message.
   *
   * @param content the instructions for the model; must not be null
   * @return a new message with role {@link Role#SYSTEM}
   * @throws NullPointerException if {@code content} is null
   */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /**
   * A user message.
   *
   * @param content the caller's text; must not be null
   * @return a new message with role {@link Role#USER}
   * @throws NullPointerException if {@code content} is null
   */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /**
   * An assistant message.
   *
   * @param content the model's earlier answer; must not be null
   * @return a new message with role {@link Role#ASSISTANT}
   * @throws NullPointerException if {@code content} is null
   */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }
}
