-- Accounts and identity: people, their roles and photos, the embedded population registry,
-- server-side sessions, one-time codes, the account activity log and the notification outbox.
-- Timestamps are UTC. SQLite stores them as ISO-8601 text.

-- Synthetic people for the embedded registry adapter (never real data; `uraia seed` fills it).
CREATE TABLE registry_people (
    id            INTEGER PRIMARY KEY,
    id_type       TEXT NOT NULL CHECK (id_type IN ('citizen', 'resident', 'refugee', 'diplomat')),
    id_number     TEXT NOT NULL,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    other_names   TEXT,
    gender        TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    date_of_birth TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (id_type, id_number)
);

CREATE TABLE users (
    id                 INTEGER PRIMARY KEY,
    account_type       TEXT NOT NULL CHECK (account_type IN ('citizen', 'resident', 'refugee', 'diplomat', 'foreigner')),
    -- Normalised (upper case, no spaces). One identity number holds one account.
    id_number          TEXT NOT NULL UNIQUE,
    first_name         TEXT NOT NULL,
    last_name          TEXT,
    other_names        TEXT,
    gender             TEXT,
    year_of_birth      INTEGER NOT NULL,
    date_of_birth      TEXT,
    -- Lower case; unique among accounts.
    email              TEXT NOT NULL UNIQUE,
    -- E.164.
    phone              TEXT NOT NULL,
    email_verified_at  TEXT,
    phone_verified_at  TEXT,
    password_hash      TEXT NOT NULL,
    -- pending: contact details not yet verified; active; disabled by an administrator.
    status             TEXT NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
    language           TEXT NOT NULL DEFAULT 'en',
    locked_until       TEXT,
    created_at         TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at         TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE user_roles (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('citizen', 'officer', 'supervisor', 'administrator')),
    -- The agency an officer or supervisor works for; NULL for citizens and administrators.
    agency_id   INTEGER REFERENCES agencies (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, COALESCE(agency_id, 0));

-- The account photo, re-encoded as a small JPEG (EXIF gone).
CREATE TABLE user_photos (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    jpeg        BLOB NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- tower-sessions records. `user_id` is copied out of the data so "sign out of all devices"
-- can delete every session of a person.
CREATE TABLE sessions (
    id          TEXT PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data        TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX sessions_user_id ON sessions (user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Six-digit codes and reset tokens, stored as hashes only.
CREATE TABLE one_time_codes (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL CHECK (purpose IN ('verify_email', 'verify_phone', 'sign_in', 'reset')),
    channel      TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash    TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    expires_at   TEXT NOT NULL,
    consumed_at  TEXT,
    created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX one_time_codes_user ON one_time_codes (user_id, purpose);

-- What happened on an account, shown to its owner: sign-ins, failures, locks, changes.
CREATE TABLE account_events (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    ip          TEXT,
    device      TEXT,
    place       TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX account_events_user ON account_events (user_id, created_at);

-- Notifications waiting to be delivered by the background worker, and delivered ones.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    -- A crash between sending and marking never sends twice: the key goes to the provider.
    idempotency_key  TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    locked_until     TEXT,
    last_error       TEXT,
    sent_at          TEXT,
    created_at       TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at       TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- The local delivery sink: messages kept readable at /dev/mailbox (development mode only).
CREATE TABLE dev_mailbox (
    id          INTEGER PRIMARY KEY,
    channel     TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
