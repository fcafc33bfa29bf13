-- Durable execution (docs/durable.md): the persisted event log, committed in the same transaction
-- as the engine step it describes, so a stream can replay from any sequence in any process.
CREATE TABLE execution_events (
    execution_id uuid        NOT NULL CONSTRAINT execution_events_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE CASCADE,
    sequence     bigint      NOT NULL CONSTRAINT execution_events_sequence_check CHECK (sequence >= 1),
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    data         jsonb       NOT NULL,
    CONSTRAINT execution_events_pkey PRIMARY KEY (execution_id, sequence)
);

-- What the engine needs of a node beyond the columns (branch taken, handled failure, wait state).
ALTER TABLE executions ADD COLUMN engine_state jsonb;

-- Workers LISTEN on toolflow_jobs: every enqueue wakes them (polling remains the fallback).
CREATE FUNCTION jobs_notify_enqueue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('toolflow_jobs', '');
    RETURN NULL;
END;
$$;
CREATE TRIGGER jobs_notify_enqueue AFTER INSERT ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_notify_enqueue();
