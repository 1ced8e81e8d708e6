-- Passkeys (WebAuthn). A passkey alone signs a person in. Every passkey of one person
-- carries the same user handle (a random UUID, never the row id), which the browser
-- returns with a discoverable credential so the server can find whose passkey it is.

CREATE TABLE passkeys (
    id             BIGSERIAL PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_handle    TEXT NOT NULL,
    -- The credential id (hex of its bytes).
    credential_id  TEXT NOT NULL UNIQUE,
    -- A name the person chose ("My phone").
    name           TEXT NOT NULL,
    -- webauthn-rs's Passkey (public key, counter, flags) as JSON.
    passkey        TEXT NOT NULL,
    last_used_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX passkeys_user ON passkeys (user_id);
CREATE INDEX passkeys_handle ON passkeys (user_handle);
