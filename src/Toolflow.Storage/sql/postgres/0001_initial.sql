-- Toolflow schema, PostgreSQL dialect, version 1.
-- Every constraint is named so a violation can be reported by name (see Errors/).
-- docs/schema.md explains each ON DELETE rule and how the SQLite script matches this one.

-- ---------------------------------------------------------------------------------------
-- Shared trigger functions
-- ---------------------------------------------------------------------------------------

-- Moves updated_at on every update, unless the statement set updated_at itself
-- (the application may pass a time from its injected TimeProvider).
CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

-- ---------------------------------------------------------------------------------------
-- users, api_keys
-- ---------------------------------------------------------------------------------------

CREATE TABLE users (
    id           uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT users_pkey PRIMARY KEY,
    email        text        NOT NULL CONSTRAINT users_email_check CHECK (position('@' IN email) > 1 AND length(email) <= 320),
    display_name text        NOT NULL,
    role         text        NOT NULL DEFAULT 'member' CONSTRAINT users_role_check CHECK (role IN ('admin', 'member')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
-- E-mail is unique regardless of case.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE api_keys (
    id           uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT api_keys_pkey PRIMARY KEY,
    user_id      uuid        NOT NULL CONSTRAINT api_keys_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    key_prefix   text        NOT NULL,
    key_hash     text        NOT NULL CONSTRAINT api_keys_key_hash_key UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id);
CREATE INDEX api_keys_key_prefix_idx ON api_keys (key_prefix);

-- ---------------------------------------------------------------------------------------
-- credentials, workflow_templates (referenced by workflows and tool_instances)
-- ---------------------------------------------------------------------------------------

CREATE TABLE credentials (
    id               uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT credentials_pkey PRIMARY KEY,
    owner_id         uuid        NOT NULL CONSTRAINT credentials_owner_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    name             text        NOT NULL,
    type             text        NOT NULL,
    -- AES-256-GCM: nonce, ciphertext and tag as one blob; key_version names the key that sealed it.
    encrypted_secret bytea       NOT NULL,
    key_version      integer     NOT NULL DEFAULT 1 CONSTRAINT credentials_key_version_check CHECK (key_version >= 1),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credentials_owner_name_key UNIQUE (owner_id, name)
);
CREATE TRIGGER credentials_set_updated_at BEFORE UPDATE ON credentials
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE workflow_templates (
    id           uuid             NOT NULL DEFAULT gen_random_uuid() CONSTRAINT workflow_templates_pkey PRIMARY KEY,
    author_id    uuid             CONSTRAINT workflow_templates_author_id_fkey REFERENCES users (id) ON DELETE SET NULL,
    name         text             NOT NULL,
    description  text,
    category     text             NOT NULL DEFAULT 'general',
    tags         text[]           NOT NULL DEFAULT '{}',
    definition   jsonb            NOT NULL CONSTRAINT workflow_templates_definition_check CHECK (jsonb_typeof(definition) = 'object'),
    parameters   jsonb            NOT NULL DEFAULT '{}' CONSTRAINT workflow_templates_parameters_check CHECK (jsonb_typeof(parameters) = 'object'),
    usage_count  bigint           NOT NULL DEFAULT 0 CONSTRAINT workflow_templates_usage_count_check CHECK (usage_count >= 0),
    rating_avg   double precision CONSTRAINT workflow_templates_rating_avg_check CHECK (rating_avg BETWEEN 1 AND 5),
    rating_count integer          NOT NULL DEFAULT 0 CONSTRAINT workflow_templates_rating_count_check CHECK (rating_count >= 0),
    is_published boolean          NOT NULL DEFAULT false,
    published_at timestamptz,
    created_at   timestamptz      NOT NULL DEFAULT now(),
    updated_at   timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT workflow_templates_published_check CHECK (NOT is_published OR published_at IS NOT NULL)
);
CREATE INDEX workflow_templates_author_id_idx ON workflow_templates (author_id);
CREATE INDEX workflow_templates_category_idx ON workflow_templates (category);
CREATE INDEX workflow_templates_tags_idx ON workflow_templates USING gin (tags);
CREATE INDEX workflow_templates_published_rating_idx ON workflow_templates (rating_avg DESC NULLS LAST, id) WHERE is_published;
CREATE INDEX workflow_templates_published_usage_idx ON workflow_templates (usage_count DESC, id) WHERE is_published;
CREATE INDEX workflow_templates_published_at_idx ON workflow_templates (published_at DESC, id) WHERE is_published;
-- Counters (usage, ratings) are not edits: only these columns move updated_at.
CREATE TRIGGER workflow_templates_set_updated_at
    BEFORE UPDATE OF name, description, category, tags, definition, parameters, is_published, published_at, author_id
    ON workflow_templates
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE template_ratings (
    id          uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT template_ratings_pkey PRIMARY KEY,
    template_id uuid        NOT NULL CONSTRAINT template_ratings_template_id_fkey REFERENCES workflow_templates (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL CONSTRAINT template_ratings_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    stars       integer     NOT NULL CONSTRAINT template_ratings_stars_check CHECK (stars BETWEEN 1 AND 5),
    comment     text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT template_ratings_template_user_key UNIQUE (template_id, user_id)
);
CREATE INDEX template_ratings_user_id_idx ON template_ratings (user_id);
CREATE TRIGGER template_ratings_set_updated_at BEFORE UPDATE ON template_ratings
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- rating_avg and rating_count always equal the aggregate of the template's ratings;
-- recomputed (not incremented) so deletes and star changes stay exact.
CREATE FUNCTION template_ratings_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workflow_templates AS t
       SET rating_count = r.n, rating_avg = r.avg_stars
      FROM (SELECT count(*)::integer AS n, avg(stars)::double precision AS avg_stars
              FROM template_ratings
             WHERE template_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.template_id ELSE NEW.template_id END) AS r
     WHERE t.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.template_id ELSE NEW.template_id END;
    IF TG_OP = 'UPDATE' AND OLD.template_id <> NEW.template_id THEN
        UPDATE workflow_templates AS t
           SET rating_count = r.n, rating_avg = r.avg_stars
          FROM (SELECT count(*)::integer AS n, avg(stars)::double precision AS avg_stars
                  FROM template_ratings WHERE template_id = OLD.template_id) AS r
         WHERE t.id = OLD.template_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER template_ratings_refresh AFTER INSERT OR UPDATE OR DELETE ON template_ratings
    FOR EACH ROW EXECUTE FUNCTION template_ratings_refresh();

-- ---------------------------------------------------------------------------------------
-- workflows, workflow_versions
-- ---------------------------------------------------------------------------------------

-- The complexity score of SPEC §1; Toolflow.Core.Complexity.WorkflowComplexity.Compute is the
-- reference and a test proves both agree. Kahn's algorithm over integer arrays keeps it
-- linear in nodes + edges (a recursive CTE over paths is exponential on chains of diamonds).
CREATE FUNCTION workflow_complexity(definition jsonb) RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    node_list  jsonb := CASE WHEN jsonb_typeof(definition -> 'nodes') = 'array' THEN definition -> 'nodes' ELSE '[]'::jsonb END;
    edge_list  jsonb := CASE WHEN jsonb_typeof(definition -> 'edges') = 'array' THEN definition -> 'edges' ELSE '[]'::jsonb END;
    score      integer;
    node_count integer;
    edge_count integer;
    edge_src   integer[];
    edge_dst   integer[];
    indegree   integer[];
    first_edge integer[];
    depth      integer[];
    ready      integer[];
    head       integer := 1;
    tail       integer := 0;
    longest    integer := 0;
    node_ix    integer;
    next_ix    integer;
    i          integer;
BEGIN
    -- nodes + edges as written, plus the per-node weights (duplicates count each time).
    SELECT (jsonb_array_length(node_list) + jsonb_array_length(edge_list)
          + coalesce(sum(
                CASE WHEN n ->> 'tool' IN ('flow.condition', 'flow.switch') OR n ->> 'onError' = 'branch' THEN 2 ELSE 0 END
              + CASE WHEN coalesce(n ->> 'forEach', '') <> '' THEN 3 ELSE 0 END
              + CASE WHEN n ->> 'tool' = 'flow.subworkflow' THEN 2 ELSE 0 END), 0))::integer
      INTO score
      FROM jsonb_array_elements(node_list) AS n;

    -- Longest path: distinct ids numbered 1..n; only edges whose two ends exist,
    -- sorted by source so each node's outgoing edges are contiguous.
    WITH ids AS (
        SELECT d.id, row_number() OVER (ORDER BY d.id)::integer AS ix
          FROM (SELECT DISTINCT n ->> 'id' AS id
                  FROM jsonb_array_elements(node_list) AS n
                 WHERE n ->> 'id' IS NOT NULL) AS d
    )
    SELECT (SELECT count(*)::integer FROM ids),
           array_agg(s.ix ORDER BY s.ix, t.ix),
           array_agg(t.ix ORDER BY s.ix, t.ix)
      INTO node_count, edge_src, edge_dst
      FROM jsonb_array_elements(edge_list) AS e
      JOIN ids AS s ON s.id = e ->> 'source'
      JOIN ids AS t ON t.id = e ->> 'target';

    IF node_count IS NULL OR node_count = 0 THEN
        -- No edge joined: count the ids on their own.
        SELECT count(DISTINCT n ->> 'id')::integer INTO node_count
          FROM jsonb_array_elements(node_list) AS n;
    END IF;
    IF node_count = 0 THEN
        RETURN score;
    END IF;

    edge_count := coalesce(array_length(edge_src, 1), 0);
    indegree := array_fill(0, ARRAY[node_count]);
    first_edge := array_fill(0, ARRAY[node_count]);
    depth := array_fill(1, ARRAY[node_count]);
    ready := array_fill(0, ARRAY[node_count]);
    FOR i IN REVERSE edge_count..1 LOOP
        indegree[edge_dst[i]] := indegree[edge_dst[i]] + 1;
        first_edge[edge_src[i]] := i;
    END LOOP;

    FOR i IN 1..node_count LOOP
        IF indegree[i] = 0 THEN
            tail := tail + 1;
            ready[tail] := i;
        END IF;
    END LOOP;

    -- Kahn's algorithm: nodes on or behind a cycle never become ready and get no depth.
    WHILE head <= tail LOOP
        node_ix := ready[head];
        head := head + 1;
        longest := greatest(longest, depth[node_ix]);
        i := first_edge[node_ix];
        WHILE i > 0 AND i <= edge_count LOOP
            EXIT WHEN edge_src[i] <> node_ix;
            next_ix := edge_dst[i];
            depth[next_ix] := greatest(depth[next_ix], depth[node_ix] + 1);
            indegree[next_ix] := indegree[next_ix] - 1;
            IF indegree[next_ix] = 0 THEN
                tail := tail + 1;
                ready[tail] := next_ix;
            END IF;
            i := i + 1;
        END LOOP;
    END LOOP;

    RETURN score + longest;
END;
$$;

CREATE TABLE workflows (
    id                      uuid             NOT NULL DEFAULT gen_random_uuid() CONSTRAINT workflows_pkey PRIMARY KEY,
    owner_id                uuid             NOT NULL CONSTRAINT workflows_owner_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    template_id             uuid             CONSTRAINT workflows_template_id_fkey REFERENCES workflow_templates (id) ON DELETE SET NULL,
    name                    text             NOT NULL,
    description             text,
    definition              jsonb            NOT NULL CONSTRAINT workflows_definition_check CHECK (jsonb_typeof(definition) = 'object'),
    status                  text             NOT NULL DEFAULT 'draft' CONSTRAINT workflows_status_check CHECK (status IN ('draft', 'active', 'paused', 'archived')),
    version                 integer          NOT NULL DEFAULT 1 CONSTRAINT workflows_version_check CHECK (version >= 1),
    tags                    text[]           NOT NULL DEFAULT '{}',
    trigger_type            text             NOT NULL DEFAULT 'manual' CONSTRAINT workflows_trigger_type_check CHECK (trigger_type IN ('manual', 'schedule', 'webhook', 'workflow')),
    hook_id                 text             CONSTRAINT workflows_hook_id_key UNIQUE,
    generation_prompt       text,
    generation_model        text,
    generation_conversation jsonb            CONSTRAINT workflows_generation_conversation_check CHECK (jsonb_typeof(generation_conversation) = 'array'),
    generation_attempts     integer          NOT NULL DEFAULT 0 CONSTRAINT workflows_generation_attempts_check CHECK (generation_attempts >= 0),
    execution_count         bigint           NOT NULL DEFAULT 0 CONSTRAINT workflows_execution_count_check CHECK (execution_count >= 0),
    success_count           bigint           NOT NULL DEFAULT 0 CONSTRAINT workflows_success_count_check CHECK (success_count >= 0),
    failure_count           bigint           NOT NULL DEFAULT 0 CONSTRAINT workflows_failure_count_check CHECK (failure_count >= 0),
    last_executed_at        timestamptz,
    avg_duration_ms         double precision CONSTRAINT workflows_avg_duration_ms_check CHECK (avg_duration_ms >= 0),
    estimated_duration_ms   bigint           CONSTRAINT workflows_estimated_duration_ms_check CHECK (estimated_duration_ms >= 0),
    estimated_cost_usd      numeric(14, 6)   CONSTRAINT workflows_estimated_cost_usd_check CHECK (estimated_cost_usd >= 0),
    complexity_score        integer          NOT NULL DEFAULT 0 CONSTRAINT workflows_complexity_score_check CHECK (complexity_score >= 0),
    created_at              timestamptz      NOT NULL DEFAULT now(),
    updated_at              timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT workflows_outcomes_check CHECK (success_count + failure_count <= execution_count)
);
-- "A user's workflows of a status, newest first" (GET /workflows) walks this index.
CREATE INDEX workflows_owner_status_updated_idx ON workflows (owner_id, status, updated_at DESC, id DESC);
CREATE INDEX workflows_owner_updated_idx ON workflows (owner_id, updated_at DESC, id DESC);
CREATE INDEX workflows_template_id_idx ON workflows (template_id);
CREATE INDEX workflows_trigger_type_idx ON workflows (trigger_type, status);
CREATE INDEX workflows_tags_idx ON workflows USING gin (tags);
CREATE INDEX workflows_definition_idx ON workflows USING gin (definition jsonb_path_ops);
-- Counters, the complexity score and estimates are not edits: only these columns move updated_at.
CREATE TRIGGER workflows_set_updated_at
    BEFORE UPDATE OF owner_id, template_id, name, description, definition, status, version, tags, trigger_type, hook_id,
                     generation_prompt, generation_model, generation_conversation, generation_attempts
    ON workflows
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE FUNCTION workflows_set_complexity() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.complexity_score := workflow_complexity(NEW.definition);
    RETURN NEW;
END;
$$;
CREATE TRIGGER workflows_set_complexity BEFORE INSERT OR UPDATE OF definition ON workflows
    FOR EACH ROW EXECUTE FUNCTION workflows_set_complexity();

CREATE TABLE workflow_versions (
    id          uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT workflow_versions_pkey PRIMARY KEY,
    workflow_id uuid        NOT NULL CONSTRAINT workflow_versions_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    version     integer     NOT NULL CONSTRAINT workflow_versions_version_check CHECK (version >= 1),
    definition  jsonb       NOT NULL CONSTRAINT workflow_versions_definition_check CHECK (jsonb_typeof(definition) = 'object'),
    created_by  uuid        CONSTRAINT workflow_versions_created_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT workflow_versions_workflow_version_key UNIQUE (workflow_id, version)
);
CREATE INDEX workflow_versions_created_by_idx ON workflow_versions (created_by);

-- ---------------------------------------------------------------------------------------
-- tool_instances
-- ---------------------------------------------------------------------------------------

CREATE TABLE tool_instances (
    id            uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT tool_instances_pkey PRIMARY KEY,
    owner_id      uuid        NOT NULL CONSTRAINT tool_instances_owner_id_fkey REFERENCES users (id) ON DELETE RESTRICT,
    workflow_id   uuid        CONSTRAINT tool_instances_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    credential_id uuid        CONSTRAINT tool_instances_credential_id_fkey REFERENCES credentials (id) ON DELETE SET NULL,
    tool          text        NOT NULL,
    name          text        NOT NULL,
    config        jsonb       NOT NULL DEFAULT '{}' CONSTRAINT tool_instances_config_check CHECK (jsonb_typeof(config) = 'object'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tool_instances_owner_name_key UNIQUE (owner_id, name)
);
CREATE INDEX tool_instances_workflow_id_idx ON tool_instances (workflow_id);
CREATE INDEX tool_instances_credential_id_idx ON tool_instances (credential_id);
CREATE INDEX tool_instances_tool_idx ON tool_instances (tool);
CREATE TRIGGER tool_instances_set_updated_at BEFORE UPDATE ON tool_instances
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------
-- workflow_executions, executions (node executions)
-- ---------------------------------------------------------------------------------------

CREATE TABLE workflow_executions (
    id                   uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT workflow_executions_pkey PRIMARY KEY,
    workflow_id          uuid        NOT NULL CONSTRAINT workflow_executions_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    workflow_version     integer     NOT NULL CONSTRAINT workflow_executions_workflow_version_check CHECK (workflow_version >= 1),
    parent_execution_id  uuid        CONSTRAINT workflow_executions_parent_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE SET NULL,
    triggered_by         uuid        CONSTRAINT workflow_executions_triggered_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    trigger_type         text        NOT NULL DEFAULT 'manual' CONSTRAINT workflow_executions_trigger_type_check CHECK (trigger_type IN ('manual', 'schedule', 'webhook', 'workflow')),
    status               text        NOT NULL DEFAULT 'queued' CONSTRAINT workflow_executions_status_check
                                     CHECK (status IN ('queued', 'running', 'pausing', 'paused', 'waiting', 'completed', 'failed', 'cancelled')),
    idempotency_key      text,
    input                jsonb       NOT NULL DEFAULT '{}',
    output               jsonb,
    error                jsonb,
    checkpoint           jsonb,
    total_steps          integer     NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_total_steps_check CHECK (total_steps >= 0),
    steps_completed      integer     NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_steps_completed_check CHECK (steps_completed >= 0),
    steps_failed         integer     NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_steps_failed_check CHECK (steps_failed >= 0),
    steps_skipped        integer     NOT NULL DEFAULT 0 CONSTRAINT workflow_executions_steps_skipped_check CHECK (steps_skipped >= 0),
    current_nodes        jsonb       NOT NULL DEFAULT '[]' CONSTRAINT workflow_executions_current_nodes_check CHECK (jsonb_typeof(current_nodes) = 'array'),
    resource_usage       jsonb       NOT NULL DEFAULT '{}' CONSTRAINT workflow_executions_resource_usage_check CHECK (jsonb_typeof(resource_usage) = 'object'),
    pause_requested      boolean     NOT NULL DEFAULT false,
    paused_at            timestamptz,
    resumed_at           timestamptz,
    wake_at              timestamptz,
    lease_owner          text,
    lease_token          uuid,
    lease_expires_at     timestamptz,
    started_at           timestamptz,
    completed_at         timestamptz,
    duration_ms          bigint      CONSTRAINT workflow_executions_duration_ms_check CHECK (duration_ms >= 0),
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT workflow_executions_idempotency_key UNIQUE (workflow_id, idempotency_key),
    -- A finished execution says when it finished; a completed one also how long it ran
    -- (avg_duration_ms on workflows averages exactly these durations).
    CONSTRAINT workflow_executions_final_check CHECK (status NOT IN ('completed', 'failed', 'cancelled') OR completed_at IS NOT NULL),
    CONSTRAINT workflow_executions_completed_check CHECK (status <> 'completed' OR duration_ms IS NOT NULL)
);
CREATE INDEX workflow_executions_workflow_created_idx ON workflow_executions (workflow_id, created_at DESC, id DESC);
CREATE INDEX workflow_executions_workflow_status_idx ON workflow_executions (workflow_id, status);
CREATE INDEX workflow_executions_parent_idx ON workflow_executions (parent_execution_id) WHERE parent_execution_id IS NOT NULL;
CREATE INDEX workflow_executions_triggered_by_idx ON workflow_executions (triggered_by) WHERE triggered_by IS NOT NULL;
CREATE INDEX workflow_executions_live_idx ON workflow_executions (status, created_at) WHERE status IN ('queued', 'running', 'pausing', 'waiting');
CREATE INDEX workflow_executions_wake_idx ON workflow_executions (wake_at) WHERE status = 'waiting';
CREATE INDEX workflow_executions_lease_idx ON workflow_executions (lease_expires_at) WHERE status IN ('running', 'pausing');
CREATE TRIGGER workflow_executions_set_updated_at BEFORE UPDATE ON workflow_executions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Keeps the workflow's counters when an execution reaches a final status. Only the step
-- from a live status (or an insert) into a final one counts, so rewriting a finished row
-- counts nothing twice. avg_duration_ms is the running mean of completed executions' duration_ms.
CREATE FUNCTION workflow_executions_count_outcome() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IN ('completed', 'failed', 'cancelled')
       AND (TG_OP = 'INSERT' OR OLD.status NOT IN ('completed', 'failed', 'cancelled')) THEN
        UPDATE workflows
           SET execution_count  = execution_count + 1,
               success_count    = success_count + CASE WHEN NEW.status = 'completed' THEN 1 ELSE 0 END,
               failure_count    = failure_count + CASE WHEN NEW.status = 'failed' THEN 1 ELSE 0 END,
               last_executed_at = GREATEST(last_executed_at, NEW.completed_at),
               avg_duration_ms  = CASE WHEN NEW.status = 'completed'
                                       THEN coalesce(avg_duration_ms, 0) + (NEW.duration_ms - coalesce(avg_duration_ms, 0)) / (success_count + 1)
                                       ELSE avg_duration_ms END
         WHERE id = NEW.workflow_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER workflow_executions_count_outcome AFTER INSERT OR UPDATE OF status ON workflow_executions
    FOR EACH ROW EXECUTE FUNCTION workflow_executions_count_outcome();

CREATE TABLE executions (
    id                    uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT executions_pkey PRIMARY KEY,
    workflow_execution_id uuid        NOT NULL CONSTRAINT executions_workflow_execution_id_fkey REFERENCES workflow_executions (id) ON DELETE CASCADE,
    node_id               text        NOT NULL,
    item_index            integer     CONSTRAINT executions_item_index_check CHECK (item_index >= 0),
    tool                  text,
    tool_instance_id      uuid        CONSTRAINT executions_tool_instance_id_fkey REFERENCES tool_instances (id) ON DELETE SET NULL,
    attempts              integer     NOT NULL DEFAULT 0 CONSTRAINT executions_attempts_check CHECK (attempts >= 0),
    status                text        NOT NULL DEFAULT 'pending' CONSTRAINT executions_status_check
                                      CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled')),
    input                 jsonb,
    output                jsonb,
    error                 jsonb,
    started_at            timestamptz,
    completed_at          timestamptz,
    duration_ms           bigint      CONSTRAINT executions_duration_ms_check CHECK (duration_ms >= 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
-- One row per node (and per forEach item) of an execution; also the FK index.
CREATE UNIQUE INDEX executions_node_key ON executions (workflow_execution_id, node_id, coalesce(item_index, -1));
CREATE INDEX executions_tool_instance_id_idx ON executions (tool_instance_id) WHERE tool_instance_id IS NOT NULL;
CREATE TRIGGER executions_set_updated_at BEFORE UPDATE ON executions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------
-- jobs: the durable queue
-- ---------------------------------------------------------------------------------------

CREATE TABLE jobs (
    id           uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT jobs_pkey PRIMARY KEY,
    queue        text        NOT NULL DEFAULT 'default',
    kind         text        NOT NULL,
    payload      jsonb       NOT NULL DEFAULT '{}',
    -- queued: waiting for run_at; running: leased; completed; failed: gave up (attempts
    -- exhausted or not retryable, the dead letter); cancelled.
    status       text        NOT NULL DEFAULT 'queued' CONSTRAINT jobs_status_check
                             CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    priority     integer     NOT NULL DEFAULT 0,
    run_at       timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0 CONSTRAINT jobs_attempts_check CHECK (attempts >= 0),
    max_attempts integer     NOT NULL DEFAULT 5 CONSTRAINT jobs_max_attempts_check CHECK (max_attempts >= 1),
    locked_by    text,
    locked_until timestamptz,
    -- Fencing token: a new one per claim; a worker whose token no longer matches lost the lease.
    lease_token  uuid,
    last_error   text,
    unique_key   text,
    finished_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_running_lease_check CHECK (status <> 'running' OR (locked_by IS NOT NULL AND locked_until IS NOT NULL AND lease_token IS NOT NULL))
);
-- Claim order: highest priority first, then the earliest due (only live rows are indexed).
CREATE INDEX jobs_claim_idx ON jobs (priority DESC, run_at) WHERE status = 'queued';
CREATE INDEX jobs_queue_claim_idx ON jobs (queue, priority DESC, run_at) WHERE status = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE status = 'running';
-- At most one unfinished job per unique_key; finished jobs keep their key for history.
CREATE UNIQUE INDEX jobs_unique_key ON jobs (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running');
CREATE TRIGGER jobs_set_updated_at BEFORE UPDATE ON jobs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------
-- workflow_shares
-- ---------------------------------------------------------------------------------------

CREATE TABLE workflow_shares (
    id               uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT workflow_shares_pkey PRIMARY KEY,
    workflow_id      uuid        NOT NULL CONSTRAINT workflow_shares_workflow_id_fkey REFERENCES workflows (id) ON DELETE CASCADE,
    grantee_user_id  uuid        CONSTRAINT workflow_shares_grantee_user_id_fkey REFERENCES users (id) ON DELETE CASCADE,
    token_hash       text        CONSTRAINT workflow_shares_token_hash_key UNIQUE,
    token_prefix     text,
    permission       text        NOT NULL CONSTRAINT workflow_shares_permission_check CHECK (permission IN ('view', 'execute', 'edit', 'admin')),
    expires_at       timestamptz,
    created_by       uuid        CONSTRAINT workflow_shares_created_by_fkey REFERENCES users (id) ON DELETE SET NULL,
    access_count     bigint      NOT NULL DEFAULT 0 CONSTRAINT workflow_shares_access_count_check CHECK (access_count >= 0),
    last_accessed_at timestamptz,
    revoked_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- A share names a user or a public token, never both, never neither.
    CONSTRAINT workflow_shares_grantee_check CHECK ((grantee_user_id IS NULL) <> (token_hash IS NULL)),
    CONSTRAINT workflow_shares_token_prefix_check CHECK ((token_hash IS NULL) = (token_prefix IS NULL)),
    -- Public links may view or execute, never edit or administer.
    CONSTRAINT workflow_shares_public_permission_check CHECK (token_hash IS NULL OR permission IN ('view', 'execute'))
);
CREATE INDEX workflow_shares_workflow_id_idx ON workflow_shares (workflow_id);
CREATE INDEX workflow_shares_grantee_user_id_idx ON workflow_shares (grantee_user_id) WHERE grantee_user_id IS NOT NULL;
CREATE INDEX workflow_shares_created_by_idx ON workflow_shares (created_by);
-- One live share per workflow and person.
CREATE UNIQUE INDEX workflow_shares_grantee_key ON workflow_shares (workflow_id, grantee_user_id)
    WHERE grantee_user_id IS NOT NULL AND revoked_at IS NULL;
CREATE TRIGGER workflow_shares_set_updated_at BEFORE UPDATE ON workflow_shares
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------
-- audit_log
-- ---------------------------------------------------------------------------------------

CREATE TABLE audit_log (
    id            uuid        NOT NULL DEFAULT gen_random_uuid() CONSTRAINT audit_log_pkey PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    -- The actor is kept as a label too, so the trail still says who after the user is gone.
    actor_user_id uuid        CONSTRAINT audit_log_actor_user_id_fkey REFERENCES users (id) ON DELETE SET NULL,
    actor_label   text,
    action        text        NOT NULL,
    object_type   text        NOT NULL,
    object_id     text,
    ip_address    text,
    user_agent    text,
    details       jsonb       NOT NULL DEFAULT '{}'
);
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
 WHERE t.is_published;

-- cancelled_count is what neither succeeded nor failed; success_rate is NULL before the first run.
CREATE VIEW workflow_stats AS
SELECT w.id AS workflow_id,
       w.owner_id,
       w.name,
       w.status,
       w.execution_count,
       w.success_count,
       w.failure_count,
       w.execution_count - w.success_count - w.failure_count AS cancelled_count,
       CAST(w.success_count AS double precision) / NULLIF(w.execution_count, 0) AS success_rate,
       w.avg_duration_ms,
       w.last_executed_at,
       (SELECT count(*)
          FROM workflow_executions AS e
         WHERE e.workflow_id = w.id
           AND e.status IN ('queued', 'running', 'pausing', 'paused', 'waiting')) AS live_execution_count
  FROM workflows AS w;
