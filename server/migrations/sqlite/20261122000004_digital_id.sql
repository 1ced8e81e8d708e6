-- "Sign in with Digital ID": which account a person at the national identity provider is.
-- (issuer, subject) is the provider's stable name for the person (OpenID Connect Core §2).

CREATE TABLE digital_id_links (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    last_used_at  TEXT,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (issuer, subject)
);
CREATE INDEX digital_id_links_user ON digital_id_links (user_id);
