//! Uploading a document or photo for a file question of a draft: a plain multipart form
//! (works without JavaScript), one file per question; a new upload replaces the old one.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[server(input = MultipartFormData, endpoint = "applications/upload")]
pub async fn upload_file(data: MultipartData) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let upload = server::read(data).await?;
    // No section: a document asked for again, uploaded from the status page.
    let back = if upload.section.is_empty() {
        format!("/applications/{}/status", upload.id)
    } else {
        format!("/applications/{}/section/{}", upload.id, upload.section)
    };
    server::store(&call, user_id, upload).await?;
    crate::paths::go(&back);
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::applications::server::{draft, load};
    use crate::auth::Call;
    use crate::data::applications::{self, files};
    use crate::error::AppError;
    use crate::files::{check, form, store};
    use crate::forms::{rules, Answers, FormDefinition, Kind, Question};
    use crate::problem::Problem;
    use leptos::server_fn::codec::MultipartData;
    use sha2::{Digest, Sha256};

    #[derive(Default)]
    pub struct Upload {
        pub id: String,
        pub section: String,
        pub question: String,
        pub file_name: String,
        pub bytes: Vec<u8>,
        pub too_large: bool,
    }

    /// Reads the form, stopping a file at the size limit (a bigger one is refused anyway).
    pub async fn read(data: MultipartData) -> Result<Upload, AppError> {
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::internal("multipart body missing", &"none"))?;
        let mut upload = Upload::default();
        let limit = check::MAX_MB as usize * 1024 * 1024;
        let mut seen = 0;
        while let Some(mut field) = form::next_field(&mut multipart, &mut seen).await {
            let name = field.name().unwrap_or_default().to_string();
            if name == "file" {
                upload.file_name = field.file_name().unwrap_or_default().to_string();
                match form::file(&mut field, limit).await {
                    Ok(bytes) => upload.bytes = bytes,
                    Err(form::TooLarge) => upload.too_large = true,
                }
                continue;
            }
            let text = form::text(&mut field).await;
            match name.as_str() {
                "id" => upload.id = text,
                "section" => upload.section = text,
                "question" => upload.question = text,
                _ => {}
            }
        }
        Ok(upload)
    }

    /// A name fit to show and to put in a download header: the last path part, printable
    /// characters only, at most 100 of them.
    fn clean_name(name: &str) -> String {
        let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
        let cleaned: String = base
            .chars()
            .filter(|c| !c.is_control() && *c != '"')
            .take(100)
            .collect();
        if cleaned.trim().is_empty() {
            "document".into()
        } else {
            cleaned.trim().to_string()
        }
    }

    /// The form's file question `key`, if the answers show it; else "not found".
    pub fn file_question<'a>(
        form: &'a FormDefinition,
        key: &str,
        answers: &Answers,
    ) -> Result<&'a Question, AppError> {
        form.question(key)
            .filter(|q| q.kind == Kind::File && rules::is_shown(form, q, answers))
            .ok_or(AppError::NotFound)
    }

    pub async fn store(call: &Call, user_id: i64, upload: Upload) -> Result<(), AppError> {
        let (row, form) = load(call, user_id, &upload.id).await?;
        // A draft's files, or a document an officer asked for again.
        let again = row.status != "draft"
            && crate::api::tracking::server::asked_again(&call.state.db, &row, &upload.question)
                .await?;
        if !again {
            draft(&row)?;
        }
        let mut answers = row.answers();
        let question = file_question(&form, &upload.question, &answers)?;
        let field = question.key.as_str();
        if upload.too_large {
            return Err(AppError::field(
                field,
                Problem::FileTooLarge {
                    max_mb: check::MAX_MB,
                },
            ));
        }
        if upload.bytes.is_empty() {
            return Err(AppError::field(field, Problem::FileMissing));
        }
        let accepted = check::check(upload.bytes, question.photo)
            .await?
            .map_err(|p| AppError::field(field, p))?;
        let key = store::new_key(accepted.extension);
        let sha256 = hex::encode(Sha256::digest(&accepted.bytes));
        let size = accepted.bytes.len() as i64;
        store::put(&call.state.files, &key, accepted.bytes)
            .await
            .map_err(|e| AppError::internal("file store write failed", &e))?;
        let db = &call.state.db;
        let public_id = files::insert(
            db,
            &files::NewFile {
                application_id: row.id,
                question_key: field,
                storage_key: &key,
                content_type: accepted.content_type,
                size_bytes: size,
                file_name: &clean_name(&upload.file_name),
                sha256: &sha256,
                uploaded_by: user_id,
            },
        )
        .await?;
        let old = answers.insert(field.to_string(), public_id);
        if again {
            // The officer has seen the earlier file: it is kept, and the answer moves to the
            // new one (a sent application's answers change only like this).
            applications::point_file(db, row.id, &answers).await?;
        } else {
            // A draft's earlier file is replaced: remove it.
            if let Some(old) = old {
                if let Some(old) = files::remove(db, row.id, &old).await? {
                    let _ = store::delete(&call.state.files, &old).await;
                }
            }
            applications::save_answers(db, row.id, &answers).await?;
        }
        call.record(user_id, "file_uploaded").await?;
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::clean_name;

        #[test]
        fn names_are_cleaned_for_display() {
            assert_eq!(clean_name("C:\\Users\\me\\ID card.pdf"), "ID card.pdf");
            assert_eq!(clean_name("../../etc/passwd"), "passwd");
            assert_eq!(clean_name("a\"b\r\n.pdf"), "ab.pdf");
            assert_eq!(clean_name(""), "document");
        }
    }
}
