//! SERVER ONLY. Payments: the M-Pesa Daraja client (`daraja`), paying invoices with it
//! (`mpesa`), the confirmation once an application is paid (`confirm`), and its receipt
//! (`receipt`, also as a PDF).

pub mod confirm;
pub mod daraja;
pub mod mpesa;
pub mod receipt;
