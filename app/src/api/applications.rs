//! Applying for a service: start (or resume) a draft, answer its sections, check the
//! answers. Every function checks first that the caller is signed in and that the
//! application is theirs; someone else's application is "not found", never "forbidden", so
//! its existence is not given away.

use crate::error::AppError;
use crate::model::{ApplicationItem, ApplyStart, CheckAnswers, SectionPage, SyncOutcome, TaskList};
use leptos::prelude::*;
use std::collections::HashMap;

/// The page before starting (public: it says to sign in first).
#[server(endpoint = "applications/apply-start")]
pub async fn get_apply_start(service: String) -> Result<ApplyStart, AppError> {
    let call = crate::auth::call().await?;
    server::apply_start(&call, &service).await
}

/// Starts a draft for the service, or resumes the open one.
#[server(endpoint = "applications/start")]
pub async fn start_application(service: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let id = server::start(&call, user_id, &service).await?;
    crate::paths::go(&format!("/applications/{id}"));
    Ok(())
}

#[server(endpoint = "applications/task-list")]
pub async fn get_task_list(id: String) -> Result<TaskList, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::task_list(&call, user_id, &id).await
}

#[server(endpoint = "applications/section")]
pub async fn get_section(id: String, section: String) -> Result<SectionPage, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::section(&call, user_id, &id, &section).await
}

/// Saves a section's answers to the draft — always, even with problems, so nothing typed is
/// lost — then reports the problems or returns to the task list.
#[server(endpoint = "applications/save")]
pub async fn save_section(
    id: String,
    section: String,
    #[server(default)] answers: HashMap<String, String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::save(&call, user_id, &id, &section, answers).await?;
    crate::paths::go(&format!("/applications/{id}"));
    Ok(())
}

/// Saves what has been typed so far in a part, without judging it (after hydration, a
/// moment after the person stops typing): nothing is lost if the connection or the phone
/// gives out before "Save and continue". Problems are shown only when the part is saved.
#[server(endpoint = "applications/autosave")]
pub async fn autosave_section(
    id: String,
    section: String,
    #[server(default)] answers: HashMap<String, String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    match server::save(&call, user_id, &id, &section, answers).await {
        Ok(()) | Err(AppError::Invalid(_)) => Ok(()),
        Err(other) => Err(other),
    }
}

/// Sends a part typed on the phone while offline, now the connection is back (after
/// hydration only): `base` is the part as the phone last knew the server to have it, and
/// `age_millis` how long ago it was typed. Says which side won the questions both changed.
#[server(endpoint = "applications/sync")]
pub async fn sync_section(
    id: String,
    section: String,
    #[server(default)] answers: HashMap<String, String>,
    #[server(default)] base: HashMap<String, String>,
    age_millis: i64,
) -> Result<SyncOutcome, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::sync(&call, user_id, &id, &section, answers, base, age_millis).await
    };
    call.answer(result.await)
}

#[server(endpoint = "applications/check")]
pub async fn get_check_answers(id: String) -> Result<CheckAnswers, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::check_answers(&call, user_id, &id).await
}

#[server(endpoint = "applications/mine")]
pub async fn my_applications() -> Result<Vec<ApplicationItem>, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::mine(&call, user_id).await
}

#[server(endpoint = "applications/delete-draft")]
pub async fn delete_draft(id: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    if !crate::data::applications::delete_draft(&call.state.db, user_id, &id).await? {
        return Err(AppError::NotFound);
    }
    crate::paths::go("/applications?deleted=1");
    Ok(())
}

pub mod chunks;
pub mod files;

#[cfg(feature = "ssr")]
pub(crate) mod server;
