-- Wrong second factors and one-time codes, counted per account across every kind (SMS and
-- email codes, authenticator codes, recovery codes, contact-verification and reset codes)
-- and kept here so the count holds across instances. A try is counted before its code is
-- compared, by one conditional update (app/src/data/accounts/factor_attempts.rs); at five
-- failures the account's codes are locked, each further lock without a success in between
-- twice as long as the one before (app/src/auth/factor_lock.rs).
CREATE TABLE factor_attempts (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    -- Failures since the last success or the end of the last lock.
    failures      INTEGER NOT NULL DEFAULT 0,
    -- Locks since the last success: how long the next one lasts.
    locks         INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- A password-reset code is only accepted in the browser session that asked for it: a keyed
-- hash of a random value kept in that session. NULL for codes not bound to a session.
ALTER TABLE one_time_codes ADD COLUMN session_hash TEXT;
