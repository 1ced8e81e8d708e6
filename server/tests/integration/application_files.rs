//! Documents for an application: accepted by content, refused with a reason, readable by
//! their owner only.

use crate::browser::{citizen, officer, png, Browser};
use crate::support::{on_both_backends, TestApp};

/// A valid one-page PDF.
pub(crate) fn pdf() -> Vec<u8> {
    app::files::pdf::blank()
}

pub(crate) async fn start(b: &mut Browser<'_>) -> String {
    let res = b
        .post_form(
            "/api/applications/start",
            "/apply/passport-renewal",
            &[("service", "passport-renewal")],
        )
        .await;
    res.header("location").unwrap()["/applications/".len()..].to_string()
}

/// Uploads `bytes` as `name` for `question`; returns the page the browser lands on.
pub(crate) async fn upload(
    b: &mut Browser<'_>,
    id: &str,
    question: &str,
    name: &str,
    bytes: Vec<u8>,
) -> String {
    let from = format!("/applications/{id}/section/documents");
    let res = b
        .post_multipart(
            "/api/applications/upload",
            &from,
            &[("id", id), ("section", "documents"), ("question", question)],
            Some(("file", name, bytes)),
        )
        .await;
    b.follow(&res).await.text()
}

/// The public id of the file a question's answer points to.
pub(crate) fn file_id(page: &str, after: &str) -> String {
    // The question as written on the page, by its label or its key (the island's props
    // carry both as well, before it).
    let from = page
        .find(&format!(">{after}<"))
        .or_else(|| page.find(&format!("id=\"{after}\"")))
        .expect("question on page");
    let rest = &page[from..];
    let start = rest.find("href=\"/files/").expect("a file link") + "href=\"/files/".len();
    rest[start..start + 32].to_string()
}

async fn documents_are_checked_by_content_and_kept_private(app: &TestApp) {
    let mut b = citizen(app).await;
    let id = start(&mut b).await;

    // Refused, each with its reason; nothing is stored.
    let page = upload(
        &mut b,
        &id,
        "doc_passport",
        "passport.pdf",
        b"I am not a PDF".to_vec(),
    )
    .await;
    assert!(page.contains("must be a PDF, JPEG or PNG"), "{page}");
    let page = upload(
        &mut b,
        &id,
        "doc_passport",
        "passport.pdf",
        pdf()[..60].to_vec(),
    )
    .await;
    assert!(page.contains("cannot be opened"), "{page}");
    // Just over the document limit: said next to the field.
    let mut big = pdf();
    big.resize(5 * 1024 * 1024 + 1024, b' ');
    let page = upload(&mut b, &id, "doc_passport", "big.pdf", big).await;
    assert!(page.contains("too large"), "{page}");
    // Well over it, past the whole form's limit: 413, with nothing more read.
    let mut bigger = pdf();
    bigger.resize(6 * 1024 * 1024, b' ');
    let res = b
        .post_multipart(
            "/api/applications/upload",
            &format!("/applications/{id}/section/documents"),
            &[
                ("id", &id),
                ("section", "documents"),
                ("question", "doc_passport"),
            ],
            Some(("file", "bigger.pdf", bigger)),
        )
        .await;
    assert_eq!(res.status, 413);
    assert!(res.text().contains("What you sent is too large"));
    let page = upload(&mut b, &id, "doc_photo", "me.png", png(800, 600)).await;
    assert!(page.contains("must be portrait"), "{page}");
    assert!(!page.contains("Uploaded:"), "{page}");

    // Accepted: shown with a link its owner can open.
    let page = upload(
        &mut b,
        &id,
        "doc_passport",
        "C:\\scans\\passport.pdf",
        pdf(),
    )
    .await;
    assert!(page.contains("Uploaded: passport.pdf"), "{page}");
    let passport = file_id(&page, "The photo page of your current passport");
    let res = b.get(&format!("/files/{passport}")).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), Some("application/pdf"));
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(res.header("cache-control"), Some("private, no-store"));
    assert_eq!(res.body, pdf());
    let page = upload(&mut b, &id, "doc_photo", "me.png", png(700, 900)).await;
    let photo = file_id(&page, "A passport photo");
    let res = b.get(&format!("/files/{photo}")).await;
    assert_eq!(res.header("content-type"), Some("image/jpeg"), "re-encoded");

    // Nobody else can read it, signed in or not; the answer is the same as for no file.
    let mut other = officer(app).await;
    assert_eq!(other.get(&format!("/files/{passport}")).await.status, 404);
    assert_eq!(
        Browser::new(app)
            .get(&format!("/files/{passport}"))
            .await
            .status,
        404
    );
    assert_eq!(
        b.get("/files/00000000000000000000000000000000")
            .await
            .status,
        404
    );
    // Nor upload into someone else's application.
    let res = other
        .post_multipart(
            "/api/applications/upload",
            "/applications",
            &[
                ("id", &id),
                ("section", "documents"),
                ("question", "doc_id"),
            ],
            Some(("file", "id.pdf", pdf())),
        )
        .await;
    assert!(res.header("location").unwrap_or_default().contains("__err"));

    // A new upload replaces the old file, which is gone.
    let page = upload(&mut b, &id, "doc_passport", "passport-2.pdf", pdf()).await;
    assert!(page.contains("Uploaded: passport-2.pdf"));
    assert_eq!(b.get(&format!("/files/{passport}")).await.status, 404);

    // With every required file, the documents part is complete.
    upload(&mut b, &id, "doc_id", "id.jpg", png(1200, 800)).await;
    let res = b
        .post_form(
            "/api/applications/save",
            &format!("/applications/{id}/section/documents"),
            &[("id", &id), ("section", "documents")],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some(format!("/applications/{id}").as_str())
    );
    let tasks = b.get(&format!("/applications/{id}")).await.text();
    let documents = &tasks[tasks.find(">Documents<").unwrap()..];
    assert!(documents[..300].contains("Completed"), "{documents}");
    // Check your answers names the files.
    let check = b.get(&format!("/applications/{id}/check")).await.text();
    assert!(check.contains("passport-2.pdf"), "{check}");
}

async fn set_expiry(app: &TestApp, id: &str, at: chrono::DateTime<chrono::Utc>) {
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE applications SET expires_at = $1 WHERE public_id = $2"
    )
    .bind(at)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

async fn an_untouched_draft_is_reminded_then_deleted_with_its_files(app: &TestApp) {
    use chrono::{Duration, Utc};
    let mut b = citizen(app).await;
    let id = start(&mut b).await;
    let page = upload(&mut b, &id, "doc_passport", "passport.pdf", pdf()).await;
    let file = file_id(&page, "doc_passport");
    let storage_key: String = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT storage_key FROM application_files WHERE public_id = $1"
    )
    .bind(&file)
    .fetch_one(pool)
    .await
    .unwrap());
    // The same store the app writes to (support.rs: <site root>/files).
    let store =
        app::files::store::local(&std::path::Path::new(app.site_root()).join("files")).unwrap();
    assert!(app::files::store::get(&store, &storage_key).await.is_ok());
    let upkeep = || uraia_server::drafts::run_once(&app.db, &store, "http://uraia.test");

    // Not near its end: nothing happens.
    assert_eq!(upkeep().await.unwrap(), (0, 0));
    // Three days left: one reminder, however often the upkeep runs.
    set_expiry(app, &id, Utc::now() + Duration::days(3)).await;
    assert_eq!(upkeep().await.unwrap(), (1, 0));
    assert_eq!(upkeep().await.unwrap(), (0, 0));
    let reminders: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE $1 AND body LIKE $2"
    )
    .bind(format!("draft-expiring:{id}%"))
    .bind(format!("%http://uraia.test/applications/{id}%"))
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(reminders, 1);

    // Past its end: deleted, with its file.
    set_expiry(app, &id, Utc::now() - Duration::hours(1)).await;
    assert_eq!(upkeep().await.unwrap(), (0, 1));
    assert_eq!(b.get(&format!("/applications/{id}")).await.status, 404);
    assert_eq!(b.get(&format!("/files/{file}")).await.status, 404);
    assert!(app::files::store::get(&store, &storage_key).await.is_err());
}

on_both_backends!(
    documents_are_checked_by_content_and_kept_private,
    an_untouched_draft_is_reminded_then_deleted_with_its_files
);
