package io.taskoptimizer.consensus.internal;

import java.util.Arrays;

/**
 * Maps int keys (code points) to dense ids 0, 1, 2, ... in order of first insertion, without
 * boxing. Latin-1 keys use a direct table; the rest an open-addressing table with linear probing.
 * Not thread-safe; built once per sequence and then only read.
 */
public final class IntIdMap {

  private static final int DIRECT = 256;
  private static final int EMPTY = -1;

  private final int[] direct = new int[DIRECT];
  private int[] keys;
  private int[] ids;
  private int mask;
  private int wideCount;
  private int size;

  /**
   * An empty map sized for about {@code expected} distinct keys.
   *
   * @param expected the expected number of distinct keys; only a hint, the map grows as needed
   */
  public IntIdMap(int expected) {
    Arrays.fill(direct, EMPTY);
    int cap = Integer.highestOneBit(Math.max(16, Math.min(expected, 1 << 20) * 2 - 1)) << 1;
    keys = new int[cap];
    ids = new int[cap];
    Arrays.fill(ids, EMPTY);
    mask = cap - 1;
  }

  /** {@return the number of distinct keys} */
  public int size() {
    return size;
  }

  /**
   * Looks a key up.
   *
   * @param key the key, any int
   * @return the id of {@code key}, or -1 when absent
   */
  public int get(int key) {
    if (key >= 0 && key < DIRECT) {
      return direct[key];
    }
    int slot = mix(key) & mask;
    while (true) {
      int id = ids[slot];
      if (id == EMPTY || keys[slot] == key) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  /**
   * Looks a key up, adding it when it is new.
   *
   * @param key the key, any int
   * @return the id of {@code key}; a new key gets the next id, which is the previous {@link
   *     #size()}
   */
  public int getOrAdd(int key) {
    if (key >= 0 && key < DIRECT) {
      int id = direct[key];
      if (id == EMPTY) {
        id = size++;
        direct[key] = id;
      }
      return id;
    }
    int slot = mix(key) & mask;
    while (true) {
      int id = ids[slot];
      if (id == EMPTY) {
        id = size++;
        keys[slot] = key;
        ids[slot] = id;
        if (++wideCount * 2 > keys.length) {
          grow();
        }
        return id;
      }
      if (keys[slot] == key) {
        return id;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new int[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    Arrays.fill(ids, EMPTY);
    mask = keys.length - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldIds[s] != EMPTY) {
        int slot = mix(oldKeys[s]) & mask;
        while (ids[slot] != EMPTY) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[s];
        ids[slot] = oldIds[s];
      }
    }
  }

  private static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
