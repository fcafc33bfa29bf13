-- Triggers (docs/durable.md, "Triggers"): one row per armed schedule. The sweeper fires a row when
-- next_fire_at has come, moving handled_until forward with a compare-and-set in the same
-- transaction as the execution it creates, so a fire happens once.
-- A row exists only while its workflow is active with a schedule trigger (armed at that version):
-- pausing deletes it, resuming arms it again from "now", so no old fires burst out.
CREATE TABLE schedule_triggers (
    workflow_id      TEXT    NOT NULL CONSTRAINT schedule_triggers_pkey PRIMARY KEY
                             CONSTRAINT schedule_triggers_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    workflow_version INTEGER NOT NULL CONSTRAINT schedule_triggers_workflow_version_check CHECK (workflow_version >= 1),
    cron             TEXT    NOT NULL,
    timezone         TEXT,
    handled_until    TEXT    NOT NULL,
    next_fire_at     TEXT,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE INDEX schedule_triggers_due_idx ON schedule_triggers (next_fire_at) WHERE next_fire_at IS NOT NULL;
CREATE TRIGGER schedule_triggers_set_updated_at
AFTER UPDATE ON schedule_triggers
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE schedule_triggers SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE workflow_id = NEW.workflow_id;
END;

-- Workflow triggers: find the workflows that start when a given workflow ends, from an index.
CREATE INDEX workflows_trigger_source_idx ON workflows (json_extract(definition, '$.trigger.workflowId'))
    WHERE trigger_type = 'workflow';
