//! Drafts typed offline (app/src/drafts): a part kept on the phone arrives and is merged
//! with the server's copy, the newer side winning a question both changed; a file kept on
//! the phone arrives in chunks, and an upload that broke off goes on where it stopped.

use crate::application_files::pdf;
use crate::applications::{save, start_service};
use crate::browser::{citizen, officer, Browser};
use crate::support::{on_both_backends, TestApp};

/// The phone sends the part it kept: `base` as it last knew the server's, `typed` as typed
/// `age` milliseconds ago. Returns the answer's JSON.
async fn sync(
    b: &mut Browser<'_>,
    id: &str,
    base: &[(&str, &str)],
    typed: &[(&str, &str)],
    age: i64,
) -> (u16, serde_json::Value) {
    let mut fields = vec![
        ("id".to_string(), id.to_string()),
        ("section".to_string(), "about-you".to_string()),
        ("age_millis".to_string(), age.to_string()),
    ];
    for (k, v) in base {
        fields.push((format!("base[{k}]"), v.to_string()));
    }
    for (k, v) in typed {
        fields.push((format!("answers[{k}]"), v.to_string()));
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.call("/api/applications/sync", &pairs).await;
    let status = res.status.as_u16();
    let json = if status == 200 {
        res.json()
    } else {
        serde_json::Value::Null
    };
    (status, json)
}

async fn about_you(b: &mut Browser<'_>, id: &str) -> String {
    b.get(&format!("/applications/{id}/section/about-you"))
        .await
        .text()
}

async fn a_part_typed_offline_is_merged_when_it_arrives(app: &TestApp) {
    let mut phone = citizen(app).await;
    let id = start_service(&mut phone, "passport-renewal").await;
    let page = about_you(&mut phone, &id).await;
    assert!(page.contains("value=\"Kamau\""), "prefilled");

    // Nothing changed elsewhere: what the phone typed is taken.
    let base = [("surname", "Kamau")];
    let (status, outcome) = sync(
        &mut phone,
        &id,
        &base,
        &[
            ("surname", "Kamau"),
            ("place_of_birth", "Nyeri"),
            ("occupation", "Teacher"),
        ],
        30_000,
    )
    .await;
    assert_eq!(status, 200);
    assert!(
        outcome["conflicts"].as_array().unwrap().is_empty(),
        "{outcome}"
    );
    let page = about_you(&mut phone, &id).await;
    assert!(page.contains("value=\"Nyeri\""), "{page}");
    assert!(page.contains("value=\"Teacher\""));

    // The laptop changes the place of birth after the phone typed another one offline:
    // the laptop's is newer and kept, the phone's other change is taken, and the answer
    // names the question with what the phone had.
    let mut laptop = citizen(app).await;
    save(
        &mut laptop,
        &id,
        "about-you",
        &[
            ("surname", "Kamau"),
            ("place_of_birth", "Mombasa"),
            ("occupation", "Teacher"),
        ],
    )
    .await;
    let base = [
        ("surname", "Kamau"),
        ("place_of_birth", "Nyeri"),
        ("occupation", "Teacher"),
    ];
    let (_, outcome) = sync(
        &mut phone,
        &id,
        &base,
        &[
            ("surname", "Kamau"),
            ("place_of_birth", "Kisumu"),
            ("occupation", "Nurse"),
        ],
        600_000,
    )
    .await;
    assert_eq!(outcome["winner"], "Server", "{outcome}");
    assert_eq!(outcome["conflicts"][0]["label"], "Place of birth");
    assert_eq!(outcome["conflicts"][0]["phone"], "Kisumu");
    let page = about_you(&mut phone, &id).await;
    assert!(
        page.contains("value=\"Mombasa\""),
        "the newer answer: {page}"
    );
    assert!(
        page.contains("value=\"Nurse\""),
        "changed on the phone only"
    );

    // Typed on the phone after the laptop's change: the phone's answer wins.
    save(
        &mut laptop,
        &id,
        "about-you",
        &[
            ("surname", "Kamau"),
            ("place_of_birth", "Eldoret"),
            ("occupation", "Nurse"),
        ],
    )
    .await;
    let base = [
        ("surname", "Kamau"),
        ("place_of_birth", "Mombasa"),
        ("occupation", "Nurse"),
    ];
    let (_, outcome) = sync(
        &mut phone,
        &id,
        &base,
        &[
            ("surname", "Kamau"),
            ("place_of_birth", "Garissa"),
            ("occupation", "Nurse"),
        ],
        0,
    )
    .await;
    assert_eq!(outcome["winner"], "Phone", "{outcome}");
    assert_eq!(outcome["conflicts"].as_array().unwrap().len(), 1);
    let page = about_you(&mut laptop, &id).await;
    assert!(page.contains("value=\"Garissa\""), "{page}");

    // Someone else's application is not found; signed out, sign in first.
    let mut other = officer(app).await;
    assert_eq!(
        sync(&mut other, &id, &[], &[("surname", "X")], 0).await.0,
        404
    );
    let mut stranger = Browser::new(app);
    assert_eq!(
        sync(&mut stranger, &id, &[], &[("surname", "X")], 0)
            .await
            .0,
        401
    );
    let page = about_you(&mut phone, &id).await;
    assert!(page.contains("value=\"Kamau\""), "unchanged by them");
}

async fn start_upload(b: &mut Browser<'_>, id: &str, size: usize) -> (u16, String) {
    let size = size.to_string();
    let res = b
        .call(
            "/api/applications/upload-start",
            &[
                ("id", id),
                ("section", "documents"),
                ("question", "doc_passport"),
                ("file_name", "passport.pdf"),
                ("size", &size),
            ],
        )
        .await;
    (res.status.as_u16(), res.text())
}

async fn chunk(b: &mut Browser<'_>, token: &str, start: usize, bytes: &[u8]) -> serde_json::Value {
    let at = start.to_string();
    let res = b
        .call_multipart(
            "/api/applications/upload-chunk",
            &[("token", token), ("start", &at)],
            Some(("chunk", "chunk", bytes.to_vec())),
        )
        .await;
    assert_eq!(res.status.as_u16(), 200, "{}", res.text());
    res.json()
}

async fn a_file_kept_offline_arrives_in_chunks_and_resumes(app: &TestApp) {
    let mut phone = citizen(app).await;
    let id = start_service(&mut phone, "passport-renewal").await;

    // Bigger than the server takes: refused before anything is sent.
    let (status, body) = start_upload(&mut phone, &id, 6 * 1024 * 1024).await;
    assert_ne!(status, 200, "{body}");
    assert!(
        body.contains("doc_passport"),
        "the question's problem: {body}"
    );

    // A 600 KB PDF: three chunks.
    let mut file = pdf();
    file.resize(600 * 1024, b' ');
    let (status, token) = start_upload(&mut phone, &id, file.len()).await;
    assert_eq!(status, 200, "{token}");
    let token: String = serde_json::from_str(&token).unwrap();
    let piece = app::drafts::CHUNK_BYTES;
    let first = chunk(&mut phone, &token, 0, &file[..piece]).await;
    assert_eq!(first["received"], piece as i64);
    assert_eq!(first["done"], false);

    // The connection broke: the same chunk sent again, and one from too far on, are not
    // taken; the answer says where to go on from, as does asking.
    let again = chunk(&mut phone, &token, 0, &file[..piece]).await;
    assert_eq!(again["received"], piece as i64);
    let ahead = chunk(&mut phone, &token, 2 * piece, &file[2 * piece..]).await;
    assert_eq!(ahead["received"], piece as i64);
    let asked = phone
        .call("/api/applications/upload-offset", &[("token", &token)])
        .await
        .json();
    assert_eq!(asked["received"], piece as i64);

    // Nobody else can see or add to it.
    let mut other = officer(app).await;
    let res = other
        .call("/api/applications/upload-offset", &[("token", &token)])
        .await;
    assert_eq!(res.status.as_u16(), 404);
    let page = phone
        .get(&format!("/applications/{id}/section/documents"))
        .await
        .text();
    assert!(
        !page.contains("passport.pdf"),
        "not a file until it is whole"
    );

    let second = chunk(&mut phone, &token, piece, &file[piece..2 * piece]).await;
    assert_eq!(second["done"], false);
    let last = chunk(&mut phone, &token, 2 * piece, &file[2 * piece..]).await;
    assert_eq!(last["done"], true, "{last}");
    assert_eq!(last["received"], file.len() as i64);
    let page = phone
        .get(&format!("/applications/{id}/section/documents"))
        .await
        .text();
    assert!(
        page.contains("passport.pdf"),
        "the question's file now: {page}"
    );
    // The upload is gone with its chunks.
    let res = phone
        .call("/api/applications/upload-offset", &[("token", &token)])
        .await;
    assert_eq!(res.status.as_u16(), 404);
    let left = app::with_pool!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM resumable_upload_chunks"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(left, 0);
}

on_both_backends!(
    a_part_typed_offline_is_merged_when_it_arrives,
    a_file_kept_offline_arrives_in_chunks_and_resumes
);
