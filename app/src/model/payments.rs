//! What the payment pages show: the invoice, paying it, waiting for M-Pesa, and the receipt.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineView {
    pub label: String,
    pub convenience: bool,
    pub amount_cents: i64,
}

/// The fees of an application (before sending: what it will cost; after: the invoice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    /// Set once the invoice exists (also the Paybill account number).
    pub number: Option<String>,
    pub lines: Vec<InvoiceLineView>,
    pub total_cents: i64,
}

/// "Pay for your application".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayPage {
    pub id: String,
    pub service_name: String,
    pub reference: String,
    pub invoice: InvoiceView,
    /// The account's phone as people write it (0712 345 678), to pay from.
    pub phone: String,
    /// A fresh key for this showing of the form: sending it twice pushes once.
    pub key: String,
    /// The Paybill number, when M-Pesa is set up.
    pub paybill: Option<String>,
    /// The development phone page exists (embedded M-Pesa simulator).
    pub dev_phone: bool,
    /// The agency's systems, when they are not working normally.
    pub status: Option<super::AgencyStatus>,
}

/// Where a payment attempt stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentState {
    /// Waiting for the person to enter their PIN (or for M-Pesa to tell us).
    Waiting,
    /// Paid: the application is submitted.
    Paid,
    /// The invoice had already been paid: this money is to be returned.
    PaidTwice,
    Cancelled,
    /// The phone did not answer in time.
    TimedOut,
    /// Not enough money in M-Pesa.
    NoFunds,
    /// Wrong PIN, or another refusal.
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentStatus {
    pub id: String,
    pub key: String,
    pub service_name: String,
    pub state: PaymentState,
    /// The phone asked (masked).
    pub phone: String,
    pub amount_cents: i64,
    pub dev_phone: bool,
}

/// The confirmation and receipt of a paid application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: String,
    pub service_name: String,
    pub reference: String,
    pub invoice: InvoiceView,
    /// Nairobi time.
    pub paid_at: String,
    /// M-Pesa's receipt number (unknown when a status query confirmed the payment).
    pub mpesa_receipt: Option<String>,
    pub method_paybill: bool,
    /// Nothing to pay (a free service): no payment rows.
    pub free: bool,
    pub processing_days: (i64, i64),
    /// The signed code of its QR (`documents`), once it can be issued: paid with a known
    /// M-Pesa receipt number, or free.
    pub check_code: Option<String>,
}

/// What the public receipt check says about a reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verification {
    /// Nothing asked yet.
    Blank,
    /// A reference without its M-Pesa receipt number: nothing is said about it (anyone may
    /// know a reference; only the payer has the receipt).
    ReceiptMissing,
    /// Not a reference (shape), or a typo the check character caught.
    NotAReference { typo: bool },
    /// No paid application has this reference (and receipt number, if given).
    NotFound,
    Genuine {
        reference: String,
        service_name: String,
        total_cents: i64,
        paid_at: String,
        mpesa_receipt: Option<String>,
    },
}
