//! SERVER ONLY. Files people upload with an application: what is accepted (`check`) and
//! where the bytes are kept (`store`).

pub mod check;
pub mod store;
