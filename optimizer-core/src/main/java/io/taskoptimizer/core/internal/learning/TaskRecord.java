package io.taskoptimizer.core.internal.learning;

import java.util.Map;

/**
 * What the state file holds for one task.
 *
 * @param observations the task's observation count (every recorded call, all processes)
 * @param models normalised model name to its record
 */
record TaskRecord(long observations, Map<String, ArmRecord> models) {}
