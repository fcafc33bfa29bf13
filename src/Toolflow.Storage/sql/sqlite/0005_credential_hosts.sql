-- Host bindings: the hosts a credential may be sent to (empty = not bound). Not secret, so not sealed.
ALTER TABLE credentials
    ADD COLUMN hosts TEXT NOT NULL DEFAULT '[]'
        CONSTRAINT credentials_hosts_check CHECK (CASE WHEN json_valid(hosts) THEN json_type(hosts) = 'array' AND json_array_length(hosts) <= 50 ELSE 0 END);
