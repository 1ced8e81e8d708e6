//! Issued documents, on SQLite and PostgreSQL: a certificate issued on approval with the
//! officer's finding, its code checked by anyone (genuine, changed, signed by another key,
//! revoked), revoking refused to all but the agency's supervisors, the receipt's code of a
//! free application, and the public key the installed app keeps for offline checks.

use crate::administration::supervisor;
use crate::back_office::scalar;
use crate::browser::{officer, Browser};
use crate::support::{on_both_backends, TestApp};
use crate::tracking::submitted;
use app::documents::Seal;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

const FINDING: &str = "Registered owner: Jane Achieng. No charges, cautions or restrictions.";

async fn decide(b: &mut Browser<'_>, id: &str, fields: &[(&str, &str)]) {
    let mut all = vec![("id", id)];
    all.extend_from_slice(fields);
    let res = b.call("/api/staff/decide", &all).await;
    assert!(res.status.is_success(), "{} {}", res.status, res.text());
}

/// The code of the application's document of this kind, as its QR code holds it.
async fn code_of(app: &TestApp, id: &str, kind: &str) -> String {
    let (payload, signature): (String, String) = app::with_pool!(&app.db, |pool| {
        sqlx::query_as(
            "SELECT d.payload, d.signature FROM documents d \
             JOIN applications a ON a.id = d.application_id \
             WHERE a.public_id = $1 AND d.kind = $2",
        )
        .bind(id)
        .bind(kind)
        .fetch_one(pool)
        .await
        .unwrap()
    });
    app::documents::seal::join(&payload, &signature)
}

fn check_path(code: &str) -> String {
    format!("/verify?code={code}")
}

async fn a_certificate_is_issued_on_approval_and_checked_by_anyone(app: &TestApp) {
    let (mut owner, id, reference) = submitted(app).await;
    let certificate = format!("/applications/{id}/certificate.pdf");
    // Not before it is approved.
    assert_eq!(owner.get(&certificate).await.status, 404);
    let status = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    assert!(!status.contains("certificate.pdf"), "{status}");

    let mut b = officer(app).await;
    decide(&mut b, &id, &[("to", "processing")]).await;
    decide(&mut b, &id, &[("to", "approved"), ("note", FINDING)]).await;
    let status = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    assert!(status.contains(&certificate), "{status}");

    let pdf = owner.get(&certificate).await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf
        .header("cache-control")
        .is_some_and(|c| c.contains("private")));
    let text = lopdf::Document::load_mem(&pdf.body)
        .expect("a PDF")
        .extract_text(&[1])
        .unwrap();
    for expected in [
        "Official search of a land title",
        "NAIROBI/BLOCK 82/1234",
        "Registered owner: Jane Achieng.",
        &format!("C-{reference}"),
        "Wanjiku",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    // Issued once: the same document however often it is downloaded.
    owner.get(&certificate).await;
    assert_eq!(
        scalar(
            &app.db,
            "SELECT COUNT(*) FROM documents d JOIN applications a ON a.id = d.application_id \
             WHERE a.public_id = $1",
            &id
        )
        .await,
        1
    );
    // Nobody else gets it.
    let mut stranger = Browser::new(app);
    assert_eq!(stranger.get(&certificate).await.status, 404);
    assert_eq!(b.get(&certificate).await.status, 404);

    // Anyone can check the code, in either language, and sees what the paper says.
    let code = code_of(app, &id, "certificate").await;
    let page = stranger.get(&check_path(&code)).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("This document is genuine"), "{html}");
    for expected in ["NAIROBI/BLOCK 82/1234", "Jane Achieng", &reference] {
        assert!(html.contains(expected), "{expected} not in the check");
    }
    stranger.cookies.insert("lang".into(), "sw".into());
    let html = stranger.get(&check_path(&code)).await.text();
    assert!(html.contains("Hati hii ni halali"), "{html}");
    assert!(html.contains("Utafutaji rasmi wa hati ya ardhi"), "{html}");
    stranger.cookies.remove("lang");

    // The title number changed in the payload, the signature kept: not genuine.
    let (payload, signature) = code.split_once('.').unwrap();
    let json = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    let changed = json.replace("BLOCK 82/1234", "BLOCK 82/1235");
    assert_ne!(changed, json);
    let tampered = format!("{}.{signature}", URL_SAFE_NO_PAD.encode(&changed));
    let html = stranger.get(&check_path(&tampered)).await.text();
    assert!(html.contains("This code is not genuine"), "{html}");
    assert!(
        !html.contains("BLOCK 82/1235"),
        "nothing of a broken code is shown"
    );
    // The same details signed by a key that is not the portal's: not genuine either.
    let forged = app::documents::seal::join(&json, &Seal::from_secret(&[9; 32]).sign(&json));
    let html = stranger.get(&check_path(&forged)).await.text();
    assert!(html.contains("This code is not genuine"), "{html}");
    // Not a code at all.
    let html = stranger.get("/verify?code=nonsense").await.text();
    assert!(html.contains("This code is not genuine"), "{html}");
}

async fn only_the_agencys_supervisors_revoke_and_the_check_says_so(app: &TestApp) {
    let (mut owner, id, _) = submitted(app).await;
    let mut b = officer(app).await;
    decide(&mut b, &id, &[("to", "processing")]).await;
    decide(&mut b, &id, &[("to", "approved"), ("note", FINDING)]).await;
    assert_eq!(
        owner
            .get(&format!("/applications/{id}/certificate.pdf"))
            .await
            .status,
        200
    );
    let code = code_of(app, &id, "certificate").await;
    let revoke = |reason: &'static str| {
        vec![
            ("id", id.clone()),
            ("kind", "certificate".to_string()),
            ("reason", reason.to_string()),
        ]
    };
    let fields = revoke("Issued in error");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // The applicant, an officer and a visitor may not.
    assert_eq!(
        owner
            .call("/api/staff/revoke-document", &fields)
            .await
            .status,
        403
    );
    assert_eq!(
        b.call("/api/staff/revoke-document", &fields).await.status,
        403
    );
    assert_eq!(
        Browser::new(app)
            .call("/api/staff/revoke-document", &fields)
            .await
            .status,
        401
    );
    let mut s = supervisor(app).await;
    // The staff page lists the certificate with the form to revoke it.
    let page = s.get(&format!("/staff/applications/{id}")).await.text();
    assert!(page.contains("Revoke a document"), "{page}");
    // A reason is needed, told beside the field.
    let blank = revoke("  ");
    let blank: Vec<(&str, &str)> = blank.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = s.call("/api/staff/revoke-document", &blank).await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("\"reason\""), "{}", res.text());
    let res = s.call("/api/staff/revoke-document", &fields).await;
    assert!(res.status.is_success(), "{}", res.text());

    let html = Browser::new(app).get(&check_path(&code)).await.text();
    assert!(html.contains("This document has been revoked"), "{html}");
    assert!(html.contains("Issued in error"), "{html}");
    assert!(!html.contains("This document is genuine"));
    assert_eq!(
        scalar(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = $1",
            "revoked_document"
        )
        .await,
        1
    );
    // Revoking again changes nothing: the first reason stands.
    let again = revoke("Another reason");
    let again: Vec<(&str, &str)> = again.iter().map(|(k, v)| (*k, v.as_str())).collect();
    s.call("/api/staff/revoke-document", &again).await;
    let html = Browser::new(app).get(&check_path(&code)).await.text();
    assert!(html.contains("Issued in error") && !html.contains("Another reason"));
    let page = s.get(&format!("/staff/applications/{id}")).await.text();
    assert!(
        !page.contains("Revoke a document"),
        "nothing left to revoke"
    );
}

async fn a_receipt_carries_a_code_and_the_key_is_published(app: &TestApp) {
    let (mut owner, id, reference) = submitted(app).await;
    let confirmation = owner
        .get(&format!("/applications/{id}/confirmation"))
        .await
        .text();
    let code = code_of(app, &id, "receipt").await;
    assert!(
        confirmation.contains(&check_path(&code)),
        "the confirmation links its check: {confirmation}"
    );
    let html = Browser::new(app).get(&check_path(&code)).await.text();
    assert!(html.contains("This document is genuine"), "{html}");
    assert!(html.contains(&format!("R-{reference}")), "{html}");
    assert!(html.contains("KES 0"), "{html}");
    assert!(!html.contains("Wanjiku"), "a receipt's check names nobody");

    // The key, for phones to check codes with no connection.
    let res = Browser::new(app).get("/verify/keys.json").await;
    assert_eq!(res.status, 200);
    assert!(res
        .header("cache-control")
        .is_some_and(|c| c.starts_with("public")));
    let keys: serde_json::Value = serde_json::from_slice(&res.body).unwrap();
    let key = &keys["keys"][0];
    assert_eq!(key["crv"], "Ed25519");
    let x = URL_SAFE_NO_PAD.decode(key["x"].as_str().unwrap()).unwrap();
    assert_eq!(x.len(), 32);
    // The code's signature checks with that key alone, as the phone does.
    let (payload, signature) = code.split_once('.').unwrap();
    let verifying = ed25519_dalek::VerifyingKey::from_bytes(&x.try_into().unwrap()).unwrap();
    let signature: [u8; 64] = URL_SAFE_NO_PAD
        .decode(signature)
        .unwrap()
        .try_into()
        .unwrap();
    verifying
        .verify_strict(
            &URL_SAFE_NO_PAD.decode(payload).unwrap(),
            &ed25519_dalek::Signature::from_bytes(&signature),
        )
        .expect("the published key checks the code");
    let json: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    assert_eq!(json["k"], key["kid"], "the code names its key");
}

on_both_backends!(
    a_certificate_is_issued_on_approval_and_checked_by_anyone,
    only_the_agencys_supervisors_revoke_and_the_check_says_so,
    a_receipt_carries_a_code_and_the_key_is_published,
);
