//! Sending a file kept on the phone, in chunks the server can pick up from
//! (app/src/api/applications/chunks.rs): start the upload once (its token is kept with the
//! file, so a later attempt goes on with it), ask how much the server has, then send the
//! rest a chunk at a time. A connection that breaks off costs at most one chunk.

use super::{device, LocalFile, CHUNK_BYTES};
use crate::api::applications::chunks::{start_upload, upload_chunk, upload_offset};
use crate::error::AppError;
use leptos::server_fn::error::ServerFnErrorErr;
use web_sys::{Blob, FormData};

/// Sends `file` for its question; `progress` is told the share sent (0–100). On success
/// the question's answer is the file and the phone's copy is forgotten.
pub async fn send(
    application: &str,
    section: &str,
    mut file: device::KeptFile,
    progress: impl Fn(u32),
) -> Result<(), AppError> {
    let size = file.blob.size();
    let mut received = match file.meta.upload.clone() {
        // An upload started before: go on from what the server has (a stale token, one
        // the server dropped, starts again).
        Some(token) => match upload_offset(token).await {
            Ok(at) => Some(at.received),
            Err(AppError::NotFound) => None,
            Err(other) => return Err(other),
        },
        None => None,
    };
    if received.is_none() {
        let token = start_upload(
            application.to_string(),
            section.to_string(),
            file.meta.question.clone(),
            file.meta.name.clone(),
            size as i64,
        )
        .await?;
        file.meta.upload = Some(token);
        device::keep_file(application, section, &file).await;
        received = Some(0);
    }
    let token = file.meta.upload.clone().unwrap_or_default();
    let mut at = received.unwrap_or(0) as f64;
    // The server answers where to go on from; one that stops moving is given up on (the
    // file stays on the phone for the next time).
    let mut stuck = 0;
    loop {
        progress(((at / size) * 100.0).round() as u32);
        let end = (at + CHUNK_BYTES as f64).min(size);
        let piece = file
            .blob
            .slice_with_f64_and_f64(at, end)
            .map_err(|_| AppError::NotFound)?;
        let data = FormData::new().map_err(|_| AppError::NotFound)?;
        let _ = data.append_with_str("token", &token);
        let _ = data.append_with_str("start", &(at as i64).to_string());
        let _ = data.append_with_blob_and_filename("chunk", &piece, "chunk");
        let answer = upload_chunk(data.into()).await?;
        if answer.done {
            progress(100);
            device::forget_file(application, section, &file.meta.question).await;
            return Ok(());
        }
        if answer.received as f64 <= at {
            stuck += 1;
            if stuck > 3 {
                return Err(AppError::Call(ServerFnErrorErr::Request(
                    "upload stopped moving".into(),
                )));
            }
        }
        at = answer.received as f64;
    }
}

/// What is kept for a file chosen offline.
pub fn kept(question: &str, name: &str, blob: Blob) -> device::KeptFile {
    device::KeptFile {
        meta: LocalFile {
            question: question.to_string(),
            name: name.to_string(),
            upload: None,
        },
        blob,
    }
}
