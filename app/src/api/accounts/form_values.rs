//! What a person typed into a form that failed without JavaScript, for the page they were
//! sent back to (see `auth::session::keep_form`).

use crate::error::AppError;
use leptos::prelude::*;
use std::collections::HashMap;

#[server(endpoint = "accounts/form-values")]
pub async fn form_values(form: String) -> Result<HashMap<String, String>, AppError> {
    let call = crate::auth::call().await?;
    crate::auth::session::take_form(&call.session, &form).await
}
