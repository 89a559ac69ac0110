-- Task Optimizer store, schema version 1.
-- Rankings: one row per ranked model; tasks keep the order in which they were first ranked.
CREATE TABLE taskopt_ranked_tasks (
  task    text PRIMARY KEY,
  ordinal bigint GENERATED ALWAYS AS IDENTITY
);

CREATE TABLE taskopt_rankings (
  task          text NOT NULL REFERENCES taskopt_ranked_tasks (task) ON DELETE CASCADE,
  position      integer NOT NULL,
  model         text NOT NULL,
  quality_score double precision NOT NULL CHECK (quality_score >= 0 AND quality_score <= 1),
  speed_score   double precision NOT NULL CHECK (speed_score >= 0 AND speed_score <= 1),
  PRIMARY KEY (task, position)
);

-- Bumped by every rankings write, so that workers notice another worker's change cheaply.
CREATE TABLE taskopt_rankings_version (
  id      integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO taskopt_rankings_version (id, version) VALUES (1, 0);

-- Feedback: counters per task and model (model_key is the normalised name), only ever incremented.
CREATE TABLE taskopt_feedback (
  task         text NOT NULL,
  model_key    text NOT NULL,
  model        text NOT NULL,
  executions   bigint NOT NULL CHECK (executions >= 0),
  successes    bigint NOT NULL CHECK (successes >= 0),
  failures     bigint NOT NULL CHECK (failures >= 0),
  total_time   double precision NOT NULL CHECK (total_time >= 0),
  average_time double precision NOT NULL CHECK (average_time >= 0),
  ordinal      bigint GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (task, model_key)
);

-- The newest quality ratings of each task and model, one row each (older ones are pruned).
CREATE TABLE taskopt_quality_ratings (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task      text NOT NULL,
  model_key text NOT NULL,
  rating    double precision NOT NULL CHECK (rating >= 0 AND rating <= 1),
  FOREIGN KEY (task, model_key) REFERENCES taskopt_feedback (task, model_key) ON DELETE CASCADE
);
CREATE INDEX taskopt_quality_ratings_by_model ON taskopt_quality_ratings (task, model_key, id);

-- State documents (JSON text): the ranking updater's memory, the learned selection state.
CREATE TABLE taskopt_documents (
  name       text PRIMARY KEY,
  content    text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
