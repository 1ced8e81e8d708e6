//! Pieces used by more than one page.

pub mod breadcrumbs;
pub mod form;
pub mod layout;
pub mod loaded;
pub mod search_form;
pub mod service_list;
