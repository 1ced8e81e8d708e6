//! Resumable uploads, for files chosen on the phone while offline (app/src/drafts): the
//! browser starts one (which question, what name, how big), then sends it a chunk at a
//! time, each saying where it starts. If the connection breaks, the browser asks how much
//! arrived and goes on from there. The last chunk makes it a file like any other upload:
//! checked, re-encoded, stored, and the question's answer. Every call is the owner's only:
//! someone else's upload is "not found".

use crate::error::AppError;
use crate::model::UploadProgress;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Starts sending a file for a question of a draft; returns the upload's token.
#[server(endpoint = "applications/upload-start")]
pub async fn start_upload(
    id: String,
    section: String,
    question: String,
    file_name: String,
    size: i64,
) -> Result<String, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::start(&call, user_id, &id, &section, &question, &file_name, size).await
    };
    call.answer(result.await)
}

/// How much of the upload the server has.
#[server(endpoint = "applications/upload-offset")]
pub async fn upload_offset(token: String) -> Result<UploadProgress, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        let upload = server::upload(&call, user_id, &token).await?;
        Ok(UploadProgress {
            received: upload.received_bytes,
            done: false,
        })
    };
    call.answer(result.await)
}

/// One chunk: fields `token`, `start` (its first byte's place in the file) and `chunk`.
/// A chunk that does not start where the received bytes end is not taken; the answer says
/// where to go on from either way.
#[server(input = MultipartFormData, endpoint = "applications/upload-chunk")]
pub async fn upload_chunk(data: MultipartData) -> Result<UploadProgress, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::chunk(&call, user_id, data).await
    };
    call.answer(result.await)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::api::applications::files::server::{file_question, store, Upload};
    use crate::api::applications::server::{draft, load};
    use crate::auth::Call;
    use crate::data::applications::uploads::{self, NewUpload, UploadRow};
    use crate::drafts::CHUNK_BYTES;
    use crate::error::AppError;
    use crate::files::check::MAX_MB;
    use crate::files::form;
    use crate::model::UploadProgress;
    use crate::problem::Problem;
    use leptos::server_fn::codec::MultipartData;
    use rand::Rng;

    pub async fn start(
        call: &Call,
        user_id: i64,
        id: &str,
        section: &str,
        question: &str,
        file_name: &str,
        size: i64,
    ) -> Result<String, AppError> {
        let (row, form) = load(call, user_id, id).await?;
        draft(&row)?;
        // A question of the part it is sent from.
        form.section(section)
            .filter(|s| s.questions.iter().any(|q| q.key == question))
            .ok_or(AppError::NotFound)?;
        let asked = file_question(&form, question, &row.answers())?;
        if size <= 0 {
            return Err(AppError::field(&asked.key, Problem::FileMissing));
        }
        if size > MAX_MB as i64 * 1024 * 1024 {
            return Err(AppError::field(
                &asked.key,
                Problem::FileTooLarge { max_mb: MAX_MB },
            ));
        }
        let token = hex::encode(rand::rng().random::<[u8; 24]>());
        let name: String = file_name.chars().take(200).collect();
        uploads::start(
            &call.state.db,
            &NewUpload {
                token: &token,
                user_id,
                application_id: row.id,
                section_key: section,
                question_key: &asked.key,
                file_name: &name,
                size_bytes: size,
            },
        )
        .await?;
        Ok(token)
    }

    pub async fn upload(call: &Call, user_id: i64, token: &str) -> Result<UploadRow, AppError> {
        uploads::of_user(&call.state.db, user_id, token)
            .await?
            .ok_or(AppError::NotFound)
    }

    struct Chunk {
        token: String,
        start: i64,
        bytes: Vec<u8>,
        too_large: bool,
    }

    async fn read(data: MultipartData) -> Result<Chunk, AppError> {
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::internal("multipart body missing", &"none"))?;
        let mut chunk = Chunk {
            token: String::new(),
            start: -1,
            bytes: Vec::new(),
            too_large: false,
        };
        let mut seen = 0;
        while let Some(mut field) = form::next_field(&mut multipart, &mut seen).await {
            match field.name().unwrap_or_default() {
                "chunk" => match form::file(&mut field, CHUNK_BYTES).await {
                    Ok(bytes) => chunk.bytes = bytes,
                    Err(form::TooLarge) => chunk.too_large = true,
                },
                "token" => chunk.token = form::text(&mut field).await,
                "start" => chunk.start = form::text(&mut field).await.trim().parse().unwrap_or(-1),
                _ => {}
            }
        }
        Ok(chunk)
    }

    pub async fn chunk(
        call: &Call,
        user_id: i64,
        data: MultipartData,
    ) -> Result<UploadProgress, AppError> {
        let chunk = read(data).await?;
        let upload = upload(call, user_id, &chunk.token).await?;
        let db = &call.state.db;
        let fits = !chunk.too_large
            && !chunk.bytes.is_empty()
            && chunk.start + chunk.bytes.len() as i64 <= upload.size_bytes;
        let received = if fits
            && chunk.start == upload.received_bytes
            && uploads::append(db, upload.id, chunk.start, &chunk.bytes).await?
        {
            chunk.start + chunk.bytes.len() as i64
        } else {
            // Not the chunk that comes next (sent twice, or another arrived first): the
            // browser goes on from what the server has.
            upload.received_bytes
        };
        if received < upload.size_bytes {
            return Ok(UploadProgress {
                received,
                done: false,
            });
        }
        let bytes = uploads::bytes(db, upload.id).await?;
        // The rows go whatever the check says: a refused file is chosen and sent again.
        uploads::remove(db, upload.id).await?;
        store(
            call,
            user_id,
            Upload {
                id: upload.application,
                section: upload.section_key,
                question: upload.question_key,
                file_name: upload.file_name,
                bytes,
                too_large: false,
            },
        )
        .await?;
        Ok(UploadProgress {
            received,
            done: true,
        })
    }
}
