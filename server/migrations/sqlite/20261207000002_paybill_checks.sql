-- A Paybill confirmation is only a claim: anyone holding the callback address could post
-- one. Each is kept here and checked with M-Pesa's Transaction Status query; only M-Pesa's
-- answer, posted to an address with this check's own secret, records the money (issue 17).
CREATE TABLE paybill_checks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    -- M-Pesa's transaction id (receipt number) as the confirmation gave it: one check each.
    transaction_id  TEXT NOT NULL UNIQUE,
    -- The account number the payer typed, normalised: an invoice number if typed right.
    account         TEXT NOT NULL,
    amount_cents    INTEGER NOT NULL,
    -- The payer as M-Pesa sent it (Safaricom masks or hashes it now).
    phone           TEXT NOT NULL,
    -- The secret in this check's ResultURL: only M-Pesa, which was told it, can answer.
    result_key      TEXT NOT NULL UNIQUE,
    -- unchecked until M-Pesa answers; then confirmed (recorded as a payment), refused
    -- (M-Pesa does not know the transaction as claimed) or held (two confirmations of one
    -- transaction disagree: for people to decide).
    status          TEXT NOT NULL DEFAULT 'unchecked'
                    CHECK (status IN ('unchecked', 'confirmed', 'refused', 'held')),
    -- Another confirmation of the same transaction named another account or amount.
    contradicted    INTEGER NOT NULL DEFAULT 0,
    -- Daraja's id of the last query sent, and what M-Pesa answered.
    conversation_id TEXT,
    result_code     TEXT,
    result_desc     TEXT,
    -- Queries sent (or tried while M-Pesa could not be reached), and when last.
    attempts        INTEGER NOT NULL DEFAULT 0,
    asked_at        TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX paybill_checks_unchecked ON paybill_checks (status, asked_at);

-- An STK callback that said "paid" with another amount or phone than the request: why
-- (amount, phone). The payment is not settled by it; the status query settles it.
ALTER TABLE payments ADD COLUMN callback_mismatch TEXT;
