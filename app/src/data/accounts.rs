//! People and their accounts: users, roles, photos, codes and the activity log.

pub mod codes;
pub mod digital_id;
pub mod events;
pub mod factor_attempts;
pub mod factors;
pub mod passkeys;
pub mod users;
