//! SERVER ONLY. Payments: the M-Pesa Daraja client (`daraja`), paying invoices with it
//! (`mpesa`), Paybill confirmations checked with M-Pesa before they count (`paybill`), and
//! the receipt of a paid application (`receipt`, also as a PDF). The confirmation message
//! is in `notify::applications`.

pub mod daraja;
pub mod mpesa;
pub mod paybill;
pub mod receipt;
