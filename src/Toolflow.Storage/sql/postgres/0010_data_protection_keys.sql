-- The ASP.NET Data Protection key ring (UI session cookies, antiforgery), kept in the database so
-- every server process on it, and every restart, reads the same keys (docs/ui.md). The secret part
-- of each key is sealed with the master key before it is stored.
CREATE TABLE data_protection_keys (
    id            uuid        NOT NULL CONSTRAINT data_protection_keys_pkey PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL
);
