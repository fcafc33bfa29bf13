-- Toolflow schema, SQLite dialect, version 1. Mirrors sql/postgres/0001_initial.sql:
-- same tables, names, constraints, indexes, triggers and views. Differences, all on purpose:
--   ids are TEXT (the UUID's canonical string), timestamps TEXT ISO-8601 UTC
--   ('2026-01-31T12:00:00.000Z', so text order is time order), JSON and tag lists TEXT holding
--   JSON, booleans INTEGER 0/1; tables are STRICT so a wrong type is an error as on PostgreSQL.
--   workflow_complexity(text) is not SQL here: Toolflow.Storage registers it on every
--   connection it opens (Database/SqliteConnectionSetup.cs) from WorkflowComplexity.Compute.
--   There is no GIN: tag filters read json_each over the owner's rows.

-- ---------------------------------------------------------------------------------------
-- users, api_keys
-- ---------------------------------------------------------------------------------------

CREATE TABLE users (
    id           TEXT NOT NULL CONSTRAINT users_pkey PRIMARY KEY,
    email        TEXT NOT NULL CONSTRAINT users_email_check CHECK (instr(email, '@') > 1 AND length(email) <= 320),
    display_name TEXT NOT NULL,
    role         TEXT NOT NULL DEFAULT 'member' CONSTRAINT users_role_check CHECK (role IN ('admin', 'member')),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
-- E-mail is unique regardless of case (SQLite's lower() folds ASCII only).
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE TRIGGER users_set_updated_at AFTER UPDATE ON users
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE users SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE api_keys (
    id           TEXT NOT NULL CONSTRAINT api_keys_pkey PRIMARY KEY,
    user_id      TEXT NOT NULL CONSTRAINT api_keys_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    key_prefix   TEXT NOT NULL,
    key_hash     TEXT NOT NULL CONSTRAINT api_keys_key_hash_key UNIQUE,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    last_used_at TEXT,
    revoked_at   TEXT
) STRICT;
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id);
CREATE INDEX api_keys_key_prefix_idx ON api_keys (key_prefix);

-- ---------------------------------------------------------------------------------------
-- credentials, workflow_templates, template_ratings
-- ---------------------------------------------------------------------------------------

CREATE TABLE credentials (
    id               TEXT    NOT NULL CONSTRAINT credentials_pkey PRIMARY KEY,
    owner_id         TEXT    NOT NULL CONSTRAINT credentials_owner_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    name             TEXT    NOT NULL,
    type             TEXT    NOT NULL,
    encrypted_secret BLOB    NOT NULL,
    key_version      INTEGER NOT NULL DEFAULT 1 CONSTRAINT credentials_key_version_check CHECK (key_version >= 1),
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT credentials_owner_name_key UNIQUE (owner_id, name)
) STRICT;
CREATE TRIGGER credentials_set_updated_at AFTER UPDATE ON credentials
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE credentials SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE workflow_templates (
    id           TEXT    NOT NULL CONSTRAINT workflow_templates_pkey PRIMARY KEY,
    author_id    TEXT    CONSTRAINT workflow_templates_author_id_fkey REFERENCES users (id) ON DELETE SET NULL,
    name         TEXT    NOT NULL,
    description  TEXT,
    category     TEXT    NOT NULL DEFAULT 'general',
    tags         TEXT    NOT NULL DEFAULT '[]' CONSTRAINT workflow_templates_tags_check CHECK (CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
    definition   TEXT    NOT NULL CONSTRAINT workflow_templates_definition_check CHECK (CASE WHEN json_valid(definition) THEN json_type(definition) = 'object' ELSE 0 END),
    parameters   TEXT    NOT NULL DEFAULT '{}' CONSTRAINT workflow_templates_parameters_check CHECK (CASE WHEN json_valid(parameters) THEN json_type(parameters) = 'object' ELSE 0 END),
    usage_count  INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_templates_usage_count_check CHECK (usage_count >= 0),
    rating_avg   REAL    CONSTRAINT workflow_templates_rating_avg_check CHECK (rating_avg BETWEEN 1 AND 5),
    rating_count INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_templates_rating_count_check CHECK (rating_count >= 0),
    is_published INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_templates_is_published_check CHECK (is_published IN (0, 1)),
    published_at TEXT,
    created_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT workflow_templates_published_check CHECK (NOT is_published OR published_at IS NOT NULL)
) STRICT;
CREATE INDEX workflow_templates_author_id_idx ON workflow_templates (author_id);
CREATE INDEX workflow_templates_category_idx ON workflow_templates (category);
CREATE INDEX workflow_templates_published_rating_idx ON workflow_templates (rating_avg DESC, id) WHERE is_published = 1;
CREATE INDEX workflow_templates_published_usage_idx ON workflow_templates (usage_count DESC, id) WHERE is_published = 1;
CREATE INDEX workflow_templates_published_at_idx ON workflow_templates (published_at DESC, id) WHERE is_published = 1;
CREATE TRIGGER workflow_templates_set_updated_at
AFTER UPDATE OF name, description, category, tags, definition, parameters, is_published, published_at, author_id
ON workflow_templates
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflow_templates SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

CREATE TABLE template_ratings (
    id          TEXT    NOT NULL CONSTRAINT template_ratings_pkey PRIMARY KEY,
    template_id TEXT    NOT NULL CONSTRAINT template_ratings_template_id_fkey REFERENCES workflow_templates (id) ON DELETE CASCADE,
    user_id     TEXT    NOT NULL CONSTRAINT template_ratings_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    stars       INTEGER NOT NULL CONSTRAINT template_ratings_stars_check CHECK (stars BETWEEN 1 AND 5),
    comment     TEXT,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT template_ratings_template_user_key UNIQUE (template_id, user_id)
) STRICT;
CREATE INDEX template_ratings_user_id_idx ON template_ratings (user_id);
CREATE TRIGGER template_ratings_set_updated_at AFTER UPDATE ON template_ratings
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE template_ratings SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- rating_avg and rating_count always equal the aggregate of the template's ratings.
CREATE TRIGGER template_ratings_refresh_insert AFTER INSERT ON template_ratings
BEGIN
    UPDATE workflow_templates
       SET rating_count = (SELECT count(*) FROM template_ratings WHERE template_id = NEW.template_id),
           rating_avg   = (SELECT avg(stars) FROM template_ratings WHERE template_id = NEW.template_id)
     WHERE id = NEW.template_id;
END;
CREATE TRIGGER template_ratings_refresh_update AFTER UPDATE OF stars, template_id ON template_ratings
BEGIN
    UPDATE workflow_templates
       SET rating_count = (SELECT count(*) FROM template_ratings WHERE template_id = workflow_templates.id),
           rating_avg   = (SELECT avg(stars) FROM template_ratings WHERE template_id = workflow_templates.id)
     WHERE id IN (NEW.template_id, OLD.template_id);
END;
CREATE TRIGGER template_ratings_refresh_delete AFTER DELETE ON template_ratings
BEGIN
    UPDATE workflow_templates
       SET rating_count = (SELECT count(*) FROM template_ratings WHERE template_id = OLD.template_id),
           rating_avg   = (SELECT avg(stars) FROM template_ratings WHERE template_id = OLD.template_id)
     WHERE id = OLD.template_id;
END;

-- ---------------------------------------------------------------------------------------
-- workflows, workflow_versions
-- ---------------------------------------------------------------------------------------

CREATE TABLE workflows (
    id                      TEXT    NOT NULL CONSTRAINT workflows_pkey PRIMARY KEY,
    owner_id                TEXT    NOT NULL CONSTRAINT workflows_owner_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    template_id             TEXT    CONSTRAINT workflows_template_id_fkey REFERENCES workflow_templates (id) ON DELETE SET NULL,
    name                    TEXT    NOT NULL,
    description             TEXT,
    definition              TEXT    NOT NULL CONSTRAINT workflows_definition_check CHECK (CASE WHEN json_valid(definition) THEN json_type(definition) = 'object' ELSE 0 END),
    status                  TEXT    NOT NULL DEFAULT 'draft' CONSTRAINT workflows_status_check CHECK (status IN ('draft', 'active', 'paused', 'archived')),
    version                 INTEGER NOT NULL DEFAULT 1 CONSTRAINT workflows_version_check CHECK (version >= 1),
    tags                    TEXT    NOT NULL DEFAULT '[]' CONSTRAINT workflows_tags_check CHECK (CASE WHEN json_valid(tags) THEN json_type(tags) = 'array' ELSE 0 END),
    trigger_type            TEXT    NOT NULL DEFAULT 'manual' CONSTRAINT workflows_trigger_type_check CHECK (trigger_type IN ('manual', 'schedule', 'webhook', 'workflow')),
    hook_id                 TEXT    CONSTRAINT workflows_hook_id_key UNIQUE,
    generation_prompt       TEXT,
    generation_model        TEXT,
    generation_conversation TEXT    CONSTRAINT workflows_generation_conversation_check CHECK (generation_conversation IS NULL OR CASE WHEN json_valid(generation_conversation) THEN json_type(generation_conversation) = 'array' ELSE 0 END),
    generation_attempts     INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflows_generation_attempts_check CHECK (generation_attempts >= 0),
    execution_count         INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflows_execution_count_check CHECK (execution_count >= 0),
    success_count           INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflows_success_count_check CHECK (success_count >= 0),
    failure_count           INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflows_failure_count_check CHECK (failure_count >= 0),
    last_executed_at        TEXT,
    avg_duration_ms         REAL    CONSTRAINT workflows_avg_duration_ms_check CHECK (avg_duration_ms >= 0),
    estimated_duration_ms   INTEGER CONSTRAINT workflows_estimated_duration_ms_check CHECK (estimated_duration_ms >= 0),
    estimated_cost_usd      REAL    CONSTRAINT workflows_estimated_cost_usd_check CHECK (estimated_cost_usd >= 0),
    complexity_score        INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflows_complexity_score_check CHECK (complexity_score >= 0),
    created_at              TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at              TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT workflows_outcomes_check CHECK (success_count + failure_count <= execution_count)
) STRICT;
CREATE INDEX workflows_owner_status_updated_idx ON workflows (owner_id, status, updated_at DESC, id DESC);
CREATE INDEX workflows_owner_updated_idx ON workflows (owner_id, updated_at DESC, id DESC);
CREATE INDEX workflows_template_id_idx ON workflows (template_id);
CREATE INDEX workflows_trigger_type_idx ON workflows (trigger_type, status);
CREATE TRIGGER workflows_set_updated_at
AFTER UPDATE OF owner_id, template_id, name, description, definition, status, version, tags, trigger_type, hook_id,
                generation_prompt, generation_model, generation_conversation, generation_attempts
ON workflows
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflows SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
-- workflow_complexity is the application function registered on each connection.
CREATE TRIGGER workflows_set_complexity_insert AFTER INSERT ON workflows
BEGIN
    UPDATE workflows SET complexity_score = coalesce(workflow_complexity(NEW.definition), 0) WHERE id = NEW.id;
END;
CREATE TRIGGER workflows_set_complexity_update AFTER UPDATE OF definition ON workflows
BEGIN
    UPDATE workflows SET complexity_score = coalesce(workflow_complexity(NEW.definition), 0) WHERE id = NEW.id;
END;

CREATE TABLE workflow_versions (
    id          TEXT    NOT NULL CONSTRAINT workflow_versions_pkey PRIMARY KEY,
    workflow_id TEXT    NOT NULL CONSTRAINT workflow_versions_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL CONSTRAINT workflow_versions_version_check CHECK (version >= 1),
    definition  TEXT    NOT NULL CONSTRAINT workflow_versions_definition_check CHECK (CASE WHEN json_valid(definition) THEN json_type(definition) = 'object' ELSE 0 END),
    created_by  TEXT    CONSTRAINT workflow_versions_created_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT workflow_versions_workflow_version_key UNIQUE (workflow_id, version)
) STRICT;
CREATE INDEX workflow_versions_created_by_idx ON workflow_versions (created_by);

-- ---------------------------------------------------------------------------------------
-- tool_instances
-- ---------------------------------------------------------------------------------------

CREATE TABLE tool_instances (
    id            TEXT NOT NULL CONSTRAINT tool_instances_pkey PRIMARY KEY,
    owner_id      TEXT NOT NULL CONSTRAINT tool_instances_owner_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    workflow_id   TEXT CONSTRAINT tool_instances_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    credential_id TEXT CONSTRAINT tool_instances_credential_id_fkey REFERENCES credentials (id) ON DELETE SET NULL,
    tool          TEXT NOT NULL,
    name          TEXT NOT NULL,
    config        TEXT NOT NULL DEFAULT '{}' CONSTRAINT tool_instances_config_check CHECK (CASE WHEN json_valid(config) THEN json_type(config) = 'object' ELSE 0 END),
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT tool_instances_owner_name_key UNIQUE (owner_id, name)
) STRICT;
CREATE INDEX tool_instances_workflow_id_idx ON tool_instances (workflow_id);
CREATE INDEX tool_instances_credential_id_idx ON tool_instances (credential_id);
CREATE INDEX tool_instances_tool_idx ON tool_instances (tool);
CREATE TRIGGER tool_instances_set_updated_at AFTER UPDATE ON tool_instances
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE tool_instances SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- ---------------------------------------------------------------------------------------
-- workflow_executions, executions (node executions)
-- ---------------------------------------------------------------------------------------

CREATE TABLE workflow_executions (
    id                  TEXT    NOT NULL CONSTRAINT workflow_executions_pkey PRIMARY KEY,
    workflow_id         TEXT    NOT NULL CONSTRAINT workflow_executions_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    workflow_version    INTEGER NOT NULL CONSTRAINT workflow_executions_workflow_version_check CHECK (workflow_version >= 1),
    parent_execution_id TEXT    CONSTRAINT workflow_executions_parent_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE SET NULL,
    triggered_by        TEXT    CONSTRAINT workflow_executions_triggered_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    trigger_type        TEXT    NOT NULL DEFAULT 'manual' CONSTRAINT workflow_executions_trigger_type_check CHECK (trigger_type IN ('manual', 'schedule', 'webhook', 'workflow')),
    status              TEXT    NOT NULL DEFAULT 'queued' CONSTRAINT workflow_executions_status_check
                                CHECK (status IN ('queued', 'running', 'pausing', 'paused', 'waiting', 'completed', 'failed', 'cancelled')),
    idempotency_key     TEXT,
    input               TEXT    NOT NULL DEFAULT '{}' CONSTRAINT workflow_executions_input_check CHECK (input IS NULL OR json_valid(input)),
    output              TEXT    CONSTRAINT workflow_executions_output_check CHECK (output IS NULL OR json_valid(output)),
    error               TEXT    CONSTRAINT workflow_executions_error_check CHECK (error IS NULL OR json_valid(error)),
    checkpoint          TEXT    CONSTRAINT workflow_executions_checkpoint_check CHECK (checkpoint IS NULL OR json_valid(checkpoint)),
    total_steps         INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_total_steps_check CHECK (total_steps >= 0),
    steps_completed     INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_steps_completed_check CHECK (steps_completed >= 0),
    steps_failed        INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_steps_failed_check CHECK (steps_failed >= 0),
    steps_skipped       INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_steps_skipped_check CHECK (steps_skipped >= 0),
    current_nodes       TEXT    NOT NULL DEFAULT '[]' CONSTRAINT workflow_executions_current_nodes_check CHECK (CASE WHEN json_valid(current_nodes) THEN json_type(current_nodes) = 'array' ELSE 0 END),
    resource_usage      TEXT    NOT NULL DEFAULT '{}' CONSTRAINT workflow_executions_resource_usage_check CHECK (CASE WHEN json_valid(resource_usage) THEN json_type(resource_usage) = 'object' ELSE 0 END),
    pause_requested     INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_pause_requested_check CHECK (pause_requested IN (0, 1)),
    paused_at           TEXT,
    resumed_at          TEXT,
    wake_at             TEXT,
    lease_owner         TEXT,
    lease_token         TEXT,
    lease_expires_at    TEXT,
    started_at          TEXT,
    completed_at        TEXT,
    duration_ms         INTEGER CONSTRAINT workflow_executions_duration_ms_check CHECK (duration_ms >= 0),
    created_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT workflow_executions_idempotency_key UNIQUE (workflow_id, idempotency_key),
    CONSTRAINT workflow_executions_final_check CHECK (status NOT IN ('completed', 'failed', 'cancelled') OR completed_at IS NOT NULL),
    CONSTRAINT workflow_executions_completed_check CHECK (status <> 'completed' OR duration_ms IS NOT NULL)
) STRICT;
CREATE INDEX workflow_executions_workflow_created_idx ON workflow_executions (workflow_id, created_at DESC, id DESC);
CREATE INDEX workflow_executions_workflow_status_idx ON workflow_executions (workflow_id, status);
CREATE INDEX workflow_executions_parent_idx ON workflow_executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;
CREATE INDEX workflow_executions_triggered_by_idx ON workflow_executions (triggered_by) WHERE triggered_by IS NOT NULL;
CREATE INDEX workflow_executions_live_idx ON workflow_executions (status, created_at) WHERE status IN ('queued', 'running', 'pausing', 'waiting');
CREATE INDEX workflow_executions_wake_idx ON workflow_executions (wake_at) WHERE status = 'waiting';
CREATE INDEX workflow_executions_lease_idx ON workflow_executions (lease_expires_at) WHERE status IN ('running', 'pausing');
CREATE TRIGGER workflow_executions_set_updated_at AFTER UPDATE ON workflow_executions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflow_executions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- The workflow's counters move when an execution reaches a final status, exactly as the
-- PostgreSQL function workflow_executions_count_outcome() does.
CREATE TRIGGER workflow_executions_count_outcome_insert AFTER INSERT ON workflow_executions
FOR EACH ROW WHEN NEW.status IN ('completed', 'failed', 'cancelled')
BEGIN
    UPDATE workflows
       SET execution_count  = execution_count + 1,
           success_count    = success_count + (NEW.status = 'completed'),
           failure_count    = failure_count + (NEW.status = 'failed'),
           last_executed_at = CASE WHEN last_executed_at IS NULL OR NEW.completed_at > last_executed_at
                                   THEN NEW.completed_at ELSE last_executed_at END,
           avg_duration_ms  = CASE WHEN NEW.status = 'completed'
                                   THEN coalesce(avg_duration_ms, 0.0) + (NEW.duration_ms - coalesce(avg_duration_ms, 0.0)) / (success_count + 1.0)
                                   ELSE avg_duration_ms END
     WHERE id = NEW.workflow_id;
END;
CREATE TRIGGER workflow_executions_count_outcome_update AFTER UPDATE OF status ON workflow_executions
FOR EACH ROW WHEN NEW.status IN ('completed', 'failed', 'cancelled')
              AND OLD.status NOT IN ('completed', 'failed', 'cancelled')
BEGIN
    UPDATE workflows
       SET execution_count  = execution_count + 1,
           success_count    = success_count + (NEW.status = 'completed'),
           failure_count    = failure_count + (NEW.status = 'failed'),
           last_executed_at = CASE WHEN last_executed_at IS NULL OR NEW.completed_at > last_executed_at
                                   THEN NEW.completed_at ELSE last_executed_at END,
           avg_duration_ms  = CASE WHEN NEW.status = 'completed'
                                   THEN coalesce(avg_duration_ms, 0.0) + (NEW.duration_ms - coalesce(avg_duration_ms, 0.0)) / (success_count + 1.0)
                                   ELSE avg_duration_ms END
     WHERE id = NEW.workflow_id;
END;

CREATE TABLE executions (
    id                    TEXT    NOT NULL CONSTRAINT executions_pkey PRIMARY KEY,
    workflow_execution_id TEXT    NOT NULL CONSTRAINT executions_workflow_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE CASCADE,
    node_id               TEXT    NOT NULL,
    item_index            INTEGER CONSTRAINT executions_item_index_check CHECK (item_index >= 0),
    tool                  TEXT,
    tool_instance_id      TEXT    CONSTRAINT executions_tool_instance_id_fkey REFERENCES tool_instances (id) ON DELETE SET NULL,
    attempts              INTEGER NOT NULL DEFAULT 0 CONSTRAINT executions_attempts_check CHECK (attempts >= 0),
    status                TEXT    NOT NULL DEFAULT 'pending' CONSTRAINT executions_status_check
                                  CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled')),
    input                 TEXT    CONSTRAINT executions_input_check CHECK (input IS NULL OR json_valid(input)),
    output                TEXT    CONSTRAINT executions_output_check CHECK (output IS NULL OR json_valid(output)),
    error                 TEXT    CONSTRAINT executions_error_check CHECK (error IS NULL OR json_valid(error)),
    started_at            TEXT,
    completed_at          TEXT,
    duration_ms           INTEGER CONSTRAINT executions_duration_ms_check CHECK (duration_ms >= 0),
    created_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at            TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
CREATE UNIQUE INDEX executions_node_key ON executions (workflow_execution_id, node_id, coalesce(item_index, -1));
CREATE INDEX executions_tool_instance_id_idx ON executions (tool_instance_id) WHERE tool_instance_id IS NOT NULL;
CREATE TRIGGER executions_set_updated_at AFTER UPDATE ON executions
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE executions SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- ---------------------------------------------------------------------------------------
-- jobs: the durable queue
-- ---------------------------------------------------------------------------------------

CREATE TABLE jobs (
    id           TEXT    NOT NULL CONSTRAINT jobs_pkey PRIMARY KEY,
    queue        TEXT    NOT NULL DEFAULT 'default',
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL DEFAULT '{}' CONSTRAINT jobs_payload_check CHECK (json_valid(payload)),
    status       TEXT    NOT NULL DEFAULT 'queued' CONSTRAINT jobs_status_check
                         CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    priority     INTEGER NOT NULL DEFAULT 0,
    run_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    attempts     INTEGER NOT NULL DEFAULT 0 CONSTRAINT jobs_attempts_check CHECK (attempts >= 0),
    max_attempts INTEGER NOT NULL DEFAULT 5 CONSTRAINT jobs_max_attempts_check CHECK (max_attempts >= 1),
    locked_by    TEXT,
    locked_until TEXT,
    lease_token  TEXT,
    last_error   TEXT,
    unique_key   TEXT,
    finished_at  TEXT,
    created_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT jobs_running_lease_check CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_until IS NOT NULL AND lease_token IS NOT NULL))
) STRICT;
CREATE INDEX jobs_claim_idx ON jobs (priority DESC, run_at) WHERE status = 'queued';
CREATE INDEX jobs_queue_claim_idx ON jobs (queue, priority DESC, run_at) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running');
CREATE TRIGGER jobs_set_updated_at AFTER UPDATE ON jobs
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE jobs SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- ---------------------------------------------------------------------------------------
-- workflow_shares
-- ---------------------------------------------------------------------------------------

CREATE TABLE workflow_shares (
    id               TEXT    NOT NULL CONSTRAINT workflow_shares_pkey PRIMARY KEY,
    workflow_id      TEXT    NOT NULL CONSTRAINT workflow_shares_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    grantee_user_id  TEXT    CONSTRAINT workflow_shares_grantee_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    token_hash       TEXT    CONSTRAINT workflow_shares_token_hash_key UNIQUE,
    token_prefix     TEXT,
    permission       TEXT    NOT NULL CONSTRAINT workflow_shares_permission_check CHECK (permission IN ('view', 'execute', 'edit', 'admin')),
    expires_at       TEXT,
    created_by       TEXT    CONSTRAINT workflow_shares_created_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    access_count     INTEGER NOT NULL DEFAULT 0 CONSTRAINT workflow_shares_access_count_check CHECK (access_count >= 0),
    last_accessed_at TEXT,
    revoked_at       TEXT,
    created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CONSTRAINT workflow_shares_grantee_check CHECK ((grantee_user_id IS NULL) <> (token_hash IS NULL)),
    CONSTRAINT workflow_shares_token_prefix_check CHECK ((token_hash IS NULL) = (token_prefix IS NULL)),
    CONSTRAINT workflow_shares_public_permission_check CHECK (token_hash IS NULL OR permission IN ('view', 'execute'))
) STRICT;
CREATE INDEX workflow_shares_workflow_id_idx ON workflow_shares (workflow_id);
CREATE INDEX workflow_shares_grantee_user_id_idx ON workflow_shares (grantee_user_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX workflow_shares_created_by_idx ON workflow_shares (created_by);
CREATE UNIQUE INDEX workflow_shares_grantee_key ON workflow_shares (workflow_id, grantee_user_id)
    WHERE grantee_user_id IS NOT NULL AND revoked_at IS NULL;
CREATE TRIGGER workflow_shares_set_updated_at AFTER UPDATE ON workflow_shares
FOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE workflow_shares SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;

-- ---------------------------------------------------------------------------------------
-- audit_log
-- ---------------------------------------------------------------------------------------

CREATE TABLE audit_log (
    id            TEXT NOT NULL CONSTRAINT audit_log_pkey PRIMARY KEY,
    occurred_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor_user_id TEXT CONSTRAINT audit_log_actor_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
    actor_label   TEXT,
    action        TEXT NOT NULL,
    object_type   TEXT NOT NULL,
    object_id     TEXT,
    ip_address    TEXT,
    user_agent    TEXT,
    details       TEXT NOT NULL DEFAULT '{}' CONSTRAINT audit_log_details_check CHECK (json_valid(details))
) STRICT;
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, occurred_at DESC);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, occurred_at DESC);

-- ---------------------------------------------------------------------------------------
-- Views
-- ---------------------------------------------------------------------------------------

CREATE VIEW active_workflows AS
SELECT w.*
  FROM workflows AS w
 WHERE w.status = 'active';

CREATE VIEW public_templates AS
SELECT t.*, u.display_name AS author_name
  FROM workflow_templates AS t
  LEFT JOIN users AS u ON u.id = t.author_id
 WHERE t.is_published = 1;

CREATE VIEW workflow_stats AS
SELECT w.id AS workflow_id,
       w.owner_id,
       w.name,
       w.status,
       w.execution_count,
       w.success_count,
       w.failure_count,
       w.execution_count - w.success_count - w.failure_count AS cancelled_count,
       CAST(w.success_count AS REAL) / NULLIF(w.execution_count, 0) AS success_rate,
       w.avg_duration_ms,
       w.last_executed_at,
       (SELECT count(*)
          FROM workflow_executions AS e
         WHERE e.workflow_id = w.id
           AND e.status IN ('queued', 'running', 'pausing', 'paused', 'waiting')) AS live_execution_count
  FROM workflows AS w;
