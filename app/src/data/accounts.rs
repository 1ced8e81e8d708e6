//! People and their accounts: users, roles, photos, codes and the activity log.

pub mod codes;
pub mod events;
pub mod factors;
pub mod users;
