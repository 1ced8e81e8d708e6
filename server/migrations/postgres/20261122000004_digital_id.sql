-- "Sign in with Digital ID": which account a person at the national identity provider is.
-- (issuer, subject) is the provider's stable name for the person (OpenID Connect Core §2).

CREATE TABLE digital_id_links (
    id            BIGSERIAL PRIMARY KEY,
    user_id       BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    last_used_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (issuer, subject)
);
CREATE INDEX digital_id_links_user ON digital_id_links (user_id);
