//! SERVER ONLY. Files people upload with an application: what is accepted (`check`) and
//! where the bytes are kept (`store`), and writing one-page PDFs (`pdf`, for receipts).

pub mod check;
pub mod form;
pub mod pdf;
pub mod store;
