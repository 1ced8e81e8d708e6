//! Passkeys, the server side: the options each ceremony starts with, and every way a
//! ceremony is refused. A real passkey made and used by Chromium's virtual authenticator
//! is in the end-to-end suite (end2end/tests/accounts.spec.ts).

use crate::browser::{citizen, confirm_it_is_you, officer, Browser};
use crate::support::{on_both_backends, TestApp};

async fn registration_needs_a_signed_in_person_and_asks_for_a_discoverable_key(app: &TestApp) {
    let mut stranger = Browser::new(app);
    let res = stranger.call("/api/accounts/passkey-options", &[]).await;
    assert!(!res.status.is_success());
    assert!(res.text().contains("Unauthorized"), "{}", res.text());

    let mut b = citizen(app).await;
    confirm_it_is_you(&mut b, "demo citizen passphrase", "/account").await;
    let res = b.call("/api/accounts/passkey-options", &[]).await;
    assert_eq!(res.status, 200, "{}", res.text());
    let options: serde_json::Value =
        serde_json::from_str(&serde_json::from_slice::<String>(&res.body).expect("a JSON string"))
            .expect("options are JSON");
    let key = &options["publicKey"];
    assert_eq!(
        key["rp"]["id"], "uraia.test",
        "the relying party is the site"
    );
    assert_eq!(key["user"]["name"], "wanjiku@example.com");
    assert_eq!(key["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        key["authenticatorSelection"]["userVerification"],
        "required"
    );
    assert!(key["challenge"].as_str().is_some_and(|c| c.len() >= 40));

    // An answer that is not a credential is refused with a message, and nothing is stored.
    let res = b
        .call(
            "/api/accounts/passkey-add",
            &[("credential", "{\"id\":\"x\"}"), ("name", "My phone")],
        )
        .await;
    assert!(res.text().contains("PasskeyNotAdded"), "{}", res.text());
    // The ceremony's state is used once: a second answer must start again.
    let res = b
        .call(
            "/api/accounts/passkey-add",
            &[("credential", "{}"), ("name", "My phone")],
        )
        .await;
    assert!(res.text().contains("StartAgain"), "{}", res.text());
    // A name longer than the list can show is refused beside the field.
    b.call("/api/accounts/passkey-options", &[]).await;
    let long = "n".repeat(61);
    let res = b
        .call(
            "/api/accounts/passkey-add",
            &[("credential", "{}"), ("name", &long)],
        )
        .await;
    assert!(res.text().contains("TooLong"), "{}", res.text());
    assert!(b
        .get("/account")
        .await
        .text()
        .contains("You have no passkeys yet."));
}

async fn sign_in_with_a_passkey_refuses_what_it_cannot_check(app: &TestApp) {
    let mut b = Browser::new(app);
    // No options asked for first.
    let res = b
        .call(
            "/api/accounts/passkey-sign-in",
            &[("credential", "{}"), ("shared", "false")],
        )
        .await;
    assert!(res.text().contains("StartAgain"), "{}", res.text());

    let res = b.call("/api/accounts/passkey-sign-in-options", &[]).await;
    assert_eq!(res.status, 200, "{}", res.text());
    let options: serde_json::Value =
        serde_json::from_str(&serde_json::from_slice::<String>(&res.body).unwrap()).unwrap();
    assert_eq!(options["publicKey"]["rpId"], "uraia.test");
    assert_eq!(
        options["publicKey"]["allowCredentials"],
        serde_json::json!([]),
        "any passkey of the site may answer (discoverable)"
    );
    assert!(options.get("mediation").is_none(), "asked on a button");

    // A made-up assertion: refused, and nobody is signed in.
    let fake = serde_json::json!({
        "id": "AAAA",
        "rawId": "AAAA",
        "type": "public-key",
        "response": {
            "authenticatorData": "AAAA",
            "clientDataJSON": "AAAA",
            "signature": "AAAA",
            "userHandle": "AAAAAAAAAAAAAAAAAAAAAA"
        },
        "clientExtensionResults": {}
    })
    .to_string();
    let res = b
        .call(
            "/api/accounts/passkey-sign-in",
            &[("credential", &fake), ("shared", "false")],
        )
        .await;
    assert!(res.text().contains("PasskeyFailed"), "{}", res.text());
    let res = b.get("/account").await;
    assert!(!res.text().contains("Your details"), "not signed in");
}

async fn a_passkey_is_removed_only_by_its_owner(app: &TestApp) {
    // Store a passkey row for the citizen directly (the ceremony itself is in the e2e suite).
    let user = app::data::accounts::users::by_email(&app.db, "wanjiku@example.com")
        .await
        .unwrap()
        .unwrap();
    app::data::accounts::passkeys::insert(&app.db, user.id, "handle", "0a0b", "Phone", "{}")
        .await
        .unwrap();
    let id = app::data::accounts::passkeys::of_user(&app.db, user.id)
        .await
        .unwrap()[0]
        .id
        .to_string();

    let mut other = officer(app).await;
    confirm_it_is_you(&mut other, "demo officer passphrase", "/account").await;
    let res = other
        .post_form("/api/accounts/passkey-remove", "/account", &[("id", &id)])
        .await;
    assert!(
        res.header("location").is_some_and(|l| l.contains("__err")) || res.status == 404,
        "someone else's passkey is not found: {} {:?}",
        res.status,
        res.header("location")
    );
    let mut owner = citizen(app).await;
    confirm_it_is_you(&mut owner, "demo citizen passphrase", "/account").await;
    let page = owner.get("/account").await.text();
    assert!(page.contains("<span>Phone"), "listed: {page}");
    assert!(page.contains("not used yet"));
    let res = owner
        .post_form("/api/accounts/passkey-remove", "/account", &[("id", &id)])
        .await;
    assert_eq!(res.header("location"), Some("/account"));
    let page = owner.get("/account").await.text();
    assert!(page.contains("You have no passkeys yet."));
    assert!(page.contains("Passkey removed"));
}

on_both_backends!(
    registration_needs_a_signed_in_person_and_asks_for_a_discoverable_key,
    sign_in_with_a_passkey_refuses_what_it_cannot_check,
    a_passkey_is_removed_only_by_its_owner
);
