-- Tracking and notifications: every change of an application's status as an event, the
-- offices where documents are collected, what each person wants to be told and how, their
-- in-app inbox and their devices for Web Push.

-- Huduma Centres, immigration offices and missions abroad (`uraia seed` fills it).
CREATE TABLE places (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('huduma_centre', 'immigration_office', 'mission')),
    name_en      TEXT NOT NULL,
    name_sw      TEXT NOT NULL,
    -- One of the 47 counties; empty for missions abroad.
    county       TEXT NOT NULL,
    town         TEXT NOT NULL,
    country      TEXT NOT NULL,
    address_en   TEXT NOT NULL,
    address_sw   TEXT NOT NULL,
    hours_en     TEXT NOT NULL,
    hours_sw     TEXT NOT NULL,
    -- For SMS and USSD, where every character counts.
    hours_short  TEXT NOT NULL,
    phone        TEXT,
    approximate  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX places_county ON places (kind, county);

-- Every status change, written in the same transaction as the change itself (append-only:
-- only the fan-out bookkeeping columns are ever updated).
CREATE TABLE application_events (
    id              INTEGER PRIMARY KEY,
    application_id  INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    actor           TEXT NOT NULL CHECK (actor IN ('citizen', 'officer', 'system')),
    actor_user_id   INTEGER REFERENCES users (id),
    -- Shown to the applicant: a reason, a request for information, their answer.
    note            TEXT,
    -- Where to collect (ready_for_collection).
    place_id        INTEGER REFERENCES places (id),
    -- The notifier has queued this event's messages (they are keyed by event, so a crash
    -- halfway queues nothing twice).
    notified_at     TEXT,
    locked_until    TEXT,
    created_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX application_events_application ON application_events (application_id, id);
CREATE INDEX application_events_pending ON application_events (notified_at, id);

-- Applications sent before events existed get the event that sent them (already notified).
INSERT INTO application_events (application_id, from_status, to_status, actor, notified_at, created_at, updated_at)
SELECT id, 'draft', 'awaiting_payment', 'citizen', updated_at, updated_at, updated_at
FROM applications WHERE status = 'awaiting_payment';
INSERT INTO application_events (application_id, from_status, to_status, actor, notified_at, created_at, updated_at)
SELECT id, 'draft', 'submitted', 'citizen', COALESCE(submitted_at, updated_at), COALESCE(submitted_at, updated_at), COALESCE(submitted_at, updated_at)
FROM applications WHERE status = 'submitted';

-- How each person wants to hear about their applications. No row: the defaults (in-app
-- and SMS).
CREATE TABLE notification_preferences (
    user_id     INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    inbox       BOOLEAN NOT NULL DEFAULT TRUE,
    email       BOOLEAN NOT NULL DEFAULT FALSE,
    sms         BOOLEAN NOT NULL DEFAULT TRUE,
    push        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The in-app inbox: one entry per event for its owner, worded when shown.
CREATE TABLE inbox_messages (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES application_events (id) ON DELETE CASCADE,
    read_at     TEXT,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (user_id, event_id)
);
CREATE INDEX inbox_unread ON inbox_messages (user_id, read_at);

-- Browsers (installed apps) that asked for Web Push: the push service's address and keys.
CREATE TABLE push_subscriptions (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint    TEXT NOT NULL UNIQUE,
    p256dh      TEXT NOT NULL,
    auth        TEXT NOT NULL,
    device      TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- Keys the server makes itself when none is configured (the VAPID key for Web Push), kept
-- here so every instance signs with the same one.
CREATE TABLE server_keys (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- The outbox gains Web Push (SQLite cannot change a CHECK: the table is rebuilt).
CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY,
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
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
INSERT INTO outbox_new SELECT id, channel, recipient, subject, body, idempotency_key, status,
    attempts, next_attempt_at, locked_until, last_error, sent_at, created_at, updated_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_dead ON outbox (status, updated_at);

-- The local sink honours idempotency keys as a provider does: a message delivered twice
-- (a crash between sending and marking) is kept once.
ALTER TABLE dev_mailbox ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX dev_mailbox_key ON dev_mailbox (idempotency_key);
