//! Paying for a sent application: the pay page, waiting for M-Pesa, the confirmation with
//! its receipt, and the public receipt check.

pub mod confirmation;
pub mod document_check;
pub mod pay;
pub mod verify;
pub mod waiting;
