-- Durable execution (docs/durable.md): the persisted event log, committed in the same transaction
-- as the engine step it describes, so a stream can replay from any sequence.
CREATE TABLE execution_events (
    execution_id TEXT    NOT NULL CONSTRAINT execution_events_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE CASCADE,
    sequence     INTEGER NOT NULL CONSTRAINT execution_events_sequence_check CHECK (sequence >= 1),
    type         TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL,
    data         TEXT    NOT NULL CONSTRAINT execution_events_data_check CHECK (json_valid(data)),
    CONSTRAINT execution_events_pkey PRIMARY KEY (execution_id, sequence)
) STRICT;

-- What the engine needs of a node beyond the columns (branch taken, handled failure, wait state).
ALTER TABLE executions ADD COLUMN engine_state TEXT CONSTRAINT executions_engine_state_check CHECK (engine_state IS NULL OR json_valid(engine_state));
