//! Following an application: the owner's status page (`status`) and the public tracking
//! page (`track`). Both render complete on the server; in the browser the status is an
//! island that updates itself from the application's event stream.

pub mod status;
pub mod track;
