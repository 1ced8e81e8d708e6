//! Applying: a draft started from the account's details, answered part by part with plain
//! form posts, resumed from another device, checked, and kept from everyone else.

use crate::browser::{citizen, officer, Browser};
use crate::support::{on_both_backends, TestApp};

/// Starts (or resumes) the passport renewal; returns the application's id.
async fn start(b: &mut Browser<'_>) -> String {
    start_service(b, "passport-renewal").await
}

/// Starts (or resumes) an application for a service; returns the application's id.
pub(crate) async fn start_service(b: &mut Browser<'_>, service: &str) -> String {
    let res = b
        .post_form(
            "/api/applications/start",
            &format!("/apply/{service}"),
            &[("service", service)],
        )
        .await;
    let location = res.header("location").expect("a redirect").to_string();
    location
        .strip_prefix("/applications/")
        .unwrap_or_else(|| panic!("unexpected {location}"))
        .to_string()
}

/// Saves a section's answers; returns where the browser is sent.
pub(crate) async fn save(
    b: &mut Browser<'_>,
    id: &str,
    section: &str,
    answers: &[(&str, &str)],
) -> String {
    let mut fields = vec![
        ("id".to_string(), id.to_string()),
        ("section".to_string(), section.to_string()),
    ];
    for (k, v) in answers {
        fields.push((format!("answers[{k}]"), v.to_string()));
    }
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let from = format!("/applications/{id}/section/{section}");
    let res = b.post_form("/api/applications/save", &from, &pairs).await;
    res.header("location").unwrap_or_default().to_string()
}

async fn a_draft_is_prefilled_saved_and_resumed(app: &TestApp) {
    // Signed out: the start page says to sign in first, and starting is refused.
    let mut stranger = Browser::new(app);
    let page = stranger.get("/apply/passport-renewal").await.text();
    assert!(page.contains("Sign in to apply"), "{page}");
    assert!(
        page.contains("Your current passport"),
        "the parts are listed"
    );

    let mut phone = citizen(app).await;
    let id = start(&mut phone).await;
    assert_eq!(id.len(), 32, "a random id, not a row number");
    // The task list: nothing completed; the account's details already in "About you".
    let tasks = phone.get(&format!("/applications/{id}")).await.text();
    assert!(tasks.contains("Your application"));
    assert!(
        tasks.contains("In progress"),
        "about-you is prefilled: {tasks}"
    );
    assert!(tasks.contains("Not started"));
    assert!(!tasks.contains("href=\"/applications/{id}/check\""));
    let about = phone
        .get(&format!("/applications/{id}/section/about-you"))
        .await
        .text();
    assert!(
        about.contains("value=\"Kamau\""),
        "surname from the account"
    );
    assert!(about.contains("value=\"12345678\""));
    assert!(about.contains("value=\"1990-03-27\""));

    // Bad answers: told beside the field, and what was typed is kept in the draft.
    let to = save(
        &mut phone,
        &id,
        "about-you",
        &[
            ("surname", "Kamau"),
            ("given_names", "Wanjiku Njeri"),
            ("id_number", "12345678"),
            ("date_of_birth", "2015-01-01"),
            ("place_of_birth", "Nyeri, Nyeri County"),
            ("sex", "female"),
            ("marital_status", "married"),
            ("occupation", ""),
        ],
    )
    .await;
    assert!(to.contains("__err"), "{to}");
    let page = phone.follow_location(&to).await.text();
    assert!(page.contains("There is a problem"), "{page}");
    assert!(page.contains("The date must be on or before"), "under 18");
    assert!(
        page.contains(r#"id="occupation-error""#) && page.contains("This cannot be empty."),
        "occupation is required, said beside it: {page}"
    );
    assert!(
        page.contains("value=\"Nyeri, Nyeri County\""),
        "typed answers kept"
    );
    assert!(page.contains("value=\"2015-01-01\""));

    let to = save(
        &mut phone,
        &id,
        "about-you",
        &[
            ("surname", "Kamau"),
            ("given_names", "Wanjiku Njeri"),
            ("id_number", "12345678"),
            ("date_of_birth", "1990-03-27"),
            ("place_of_birth", "Nyeri, Nyeri County"),
            ("sex", "female"),
            ("marital_status", "married"),
            ("occupation", "Teacher"),
        ],
    )
    .await;
    assert_eq!(to, format!("/applications/{id}"));

    // Another device, same person: applying again resumes the same draft.
    let mut laptop = citizen(app).await;
    assert_eq!(start(&mut laptop).await, id);
    let tasks = laptop.get(&format!("/applications/{id}")).await.text();
    assert!(tasks.contains("Completed"), "{tasks}");
    let mine = laptop.get("/applications").await.text();
    assert!(mine.contains("Renew a passport"), "{mine}");
    assert!(mine.contains("Not yet sent"));
}

async fn conditional_questions_and_check_your_answers(app: &TestApp) {
    let mut b = citizen(app).await;
    let id = start(&mut b).await;
    let passport = [
        ("passport_number", "AK1234567"),
        ("issued_on", "2016-05-10"),
        ("expires_on", "2026-05-09"),
        ("reason", "name_change"),
    ];
    // Choosing "my name has changed" asks why: required once shown.
    let to = save(&mut b, &id, "current-passport", &passport).await;
    let page = b.follow_location(&to).await.text();
    assert!(page.contains("Choose one of the options"), "{page}");
    let mut with_reason = passport.to_vec();
    with_reason.push(("new_name_reason", "marriage"));
    assert_eq!(
        save(&mut b, &id, "current-passport", &with_reason).await,
        format!("/applications/{id}")
    );
    // A pattern's own message, not a generic one.
    let mut bad = with_reason.clone();
    bad[0] = ("passport_number", "12345");
    let to = save(&mut b, &id, "current-passport", &bad).await;
    let page = b.follow_location(&to).await.text();
    assert!(
        page.contains("one or two capital letters then 6 to 8 digits"),
        "{page}"
    );
    save(&mut b, &id, "current-passport", &with_reason).await;

    // Check your answers: choices read back as their labels, with change links, and the
    // parts still to do are listed.
    let check = b.get(&format!("/applications/{id}/check")).await.text();
    assert!(check.contains("Check your answers"), "{check}");
    assert!(check.contains("My name has changed"));
    assert!(check.contains("Marriage"));
    assert!(check.contains(&format!(
        "/applications/{id}/section/current-passport#passport_number"
    )));
    assert!(check.contains("These parts still need answers"));

    // Changing the reason hides the follow-up question; its old answer no longer counts.
    let mut expired = passport.to_vec();
    expired[3] = ("reason", "expired");
    expired.push(("new_name_reason", "marriage"));
    save(&mut b, &id, "current-passport", &expired).await;
    let check = b.get(&format!("/applications/{id}/check")).await.text();
    assert!(!check.contains("Why did your name change?"), "{check}");
}

async fn another_person_cannot_see_or_change_an_application(app: &TestApp) {
    let mut owner = citizen(app).await;
    let id = start(&mut owner).await;
    let mut other = officer(app).await;
    for path in [
        format!("/applications/{id}"),
        format!("/applications/{id}/section/about-you"),
        format!("/applications/{id}/check"),
    ] {
        let res = other.get(&path).await;
        assert_eq!(res.status, 404, "{path}");
    }
    let to = save(&mut other, &id, "about-you", &[("surname", "Hacker")]).await;
    assert!(to.contains("__err"), "{to}");
    let res = other
        .post_form(
            "/api/applications/delete-draft",
            "/applications",
            &[("id", &id)],
        )
        .await;
    assert!(res.header("location").unwrap_or_default().contains("__err"));
    // Untouched, and still the owner's.
    let page = owner
        .get(&format!("/applications/{id}/section/about-you"))
        .await
        .text();
    assert!(!page.contains("Hacker"));
    assert!(!other
        .get("/applications")
        .await
        .text()
        .contains("Renew a passport"));

    // Signed out: the task list asks for sign-in (401 page), not a 500.
    let mut stranger = Browser::new(app);
    assert_eq!(
        stranger.get(&format!("/applications/{id}")).await.status,
        401
    );

    // The owner deletes the draft; it is gone.
    let res = owner
        .post_form(
            "/api/applications/delete-draft",
            &format!("/applications/{id}"),
            &[("id", &id)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/applications?deleted=1"));
    assert_eq!(owner.get(&format!("/applications/{id}")).await.status, 404);
}

async fn only_the_account_types_a_service_serves_can_apply(app: &TestApp) {
    // A tourist visa is for foreigners; the demo citizen tries.
    let mut b = citizen(app).await;
    let page = b.get("/apply/visa-tourist").await.text();
    assert!(page.contains("Your account type cannot apply"), "{page}");
    assert!(!page.contains("Start now"));
    let res = b
        .post_form(
            "/api/applications/start",
            "/apply/visa-tourist",
            &[("service", "visa-tourist")],
        )
        .await;
    assert!(res.header("location").unwrap_or_default().contains("__err"));
    assert!(!b.get("/applications").await.text().contains("visa"));
    // A service without an online form has no apply page.
    assert_eq!(b.get("/apply/no-such-service").await.status, 404);
}

on_both_backends!(
    a_draft_is_prefilled_saved_and_resumed,
    conditional_questions_and_check_your_answers,
    another_person_cannot_see_or_change_an_application,
    only_the_account_types_a_service_serves_can_apply
);
