-- Fees and payment: the invoice an application gets when it is sent (every fee line, fixed
-- then, in integer KES cents), and every M-Pesa payment made against it.

CREATE TABLE invoices (
    id              BIGSERIAL PRIMARY KEY,
    -- The invoice number, and the Paybill account number people type: short, unambiguous.
    number          TEXT NOT NULL UNIQUE,
    application_id  BIGINT NOT NULL UNIQUE REFERENCES applications (id),
    total_cents     BIGINT NOT NULL CHECK (total_cents >= 0),
    currency        TEXT NOT NULL DEFAULT 'KES',
    status          TEXT NOT NULL DEFAULT 'unpaid' CHECK (status IN ('unpaid', 'paid')),
    -- The payment that settled it (payments.id); one only, however many arrive.
    paid_by         BIGINT,
    paid_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE invoice_lines (
    invoice_id    BIGINT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position      BIGINT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('government', 'convenience')),
    label_en      TEXT NOT NULL,
    label_sw      TEXT NOT NULL,
    amount_cents  BIGINT NOT NULL CHECK (amount_cents >= 0),
    PRIMARY KEY (invoice_id, position)
);

CREATE TABLE payments (
    id                   BIGSERIAL PRIMARY KEY,
    invoice_id           BIGINT NOT NULL REFERENCES invoices (id),
    -- stk: a push to the person's phone; paybill: they paid the Paybill number themselves.
    method               TEXT NOT NULL CHECK (method IN ('stk', 'paybill')),
    -- The key the pay form carried: the same form sent twice makes one push, not two.
    idempotency_key      TEXT UNIQUE,
    phone                TEXT NOT NULL,
    amount_cents         BIGINT NOT NULL CHECK (amount_cents >= 0),
    merchant_request_id  TEXT,
    checkout_request_id  TEXT UNIQUE,
    -- pending until M-Pesa says; then paid or failed (cancelled, timed out, no funds, …).
    status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed')),
    result_code          BIGINT,
    result_desc          TEXT,
    -- M-Pesa's transaction id: unique, so the same money is never recorded twice.
    mpesa_receipt        TEXT UNIQUE,
    -- Money received that did not settle the invoice (it was already paid, or the amount
    -- was wrong): to be returned.
    refund_due           BOOLEAN NOT NULL DEFAULT FALSE,
    -- When the reconciliation worker last asked M-Pesa about a pending push.
    queried_at           TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at          TIMESTAMPTZ
);
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_pending ON payments (status, created_at);
