-- Workflow pause/resume: the status a paused workflow had before it was paused (draft or active), so
-- resume gives that status back instead of activating a draft. NULL whenever the workflow is not paused.
ALTER TABLE workflows
    ADD COLUMN paused_from text
        CONSTRAINT workflows_paused_from_check CHECK (paused_from IN ('draft', 'active'));
