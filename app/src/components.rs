//! Pieces used by more than one page.

pub mod breadcrumbs;
pub mod file_question;
pub mod file_upload;
pub mod form;
pub mod invoice;
pub mod layout;
pub mod live;
pub mod loaded;
pub mod pager;
pub mod passkey;
pub mod plain_form;
pub mod question;
pub mod region;
pub mod search_form;
pub mod service_list;
pub mod service_status;
pub mod status;
