//! The real HTTP clients for external services, against local servers that speak the same
//! protocol: the population registry and an Africa's Talking-compatible SMS API.

use crate::support::sqlite_app;
use app::auth::registry::{EmbeddedRegistry, HttpRegistry, Registry, RegistryError, VerifyRequest};
use axum::{extract::State, http::HeaderMap, routing::post, Form, Json, Router};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use uraia_server::delivery::{sms::AfricasTalkingSms, Deliver};

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

fn request(id_number: &str, first_name: &str, year: i32) -> VerifyRequest {
    VerifyRequest {
        id_type: "citizen".into(),
        id_number: id_number.into(),
        first_name: first_name.into(),
        year_of_birth: Some(year),
        date_of_birth: None,
    }
}

#[tokio::test]
async fn the_registry_client_speaks_the_protocol() {
    let app = sqlite_app().await;
    let embedded: Arc<dyn Registry> = Arc::new(EmbeddedRegistry::new(app.db.clone()));
    let base = serve(uraia_server::registry_api::router(
        embedded,
        "registry-test-key",
    ))
    .await;

    let client = HttpRegistry::new(&base, "registry-test-key");
    let answer = client
        .verify(&request("12345678", "wanjiku", 1990))
        .await
        .unwrap();
    assert!(answer.matched);
    assert_eq!(answer.person.unwrap().last_name, "Kamau");
    let answer = client
        .verify(&request("12345678", "Wanjiku", 1991))
        .await
        .unwrap();
    assert!(
        !answer.matched && answer.person.is_none(),
        "no match says nothing more"
    );

    let wrong_key = HttpRegistry::new(&base, "not-the-key");
    assert!(matches!(
        wrong_key
            .verify(&request("12345678", "Wanjiku", 1990))
            .await,
        Err(RegistryError::Refused(401))
    ));
    let nowhere = HttpRegistry::new("http://127.0.0.1:9", "k");
    assert!(matches!(
        nowhere.verify(&request("1", "A", 1990)).await,
        Err(RegistryError::Unreachable(_))
    ));
    app.cleanup().await;
}

type Seen = Arc<Mutex<Vec<(HashMap<String, String>, Option<String>)>>>;

async fn fake_sms_gateway(seen: Seen, status_code: u16) -> String {
    let router = Router::new()
        .route(
            "/version1/messaging",
            post(
                move |State(seen): State<Seen>, headers: HeaderMap, Form(form): Form<HashMap<String, String>>| async move {
                    let key = headers.get("apikey").and_then(|v| v.to_str().ok()).map(str::to_string);
                    seen.lock().unwrap().push((form, key));
                    Json(serde_json::json!({
                        "SMSMessageData": {
                            "Message": "Sent to 1/1 Total Cost: KES 0.8000",
                            "Recipients": [{
                                "statusCode": status_code,
                                "number": "+254712000001",
                                "status": if status_code == 101 { "Success" } else { "InvalidPhoneNumber" },
                                "cost": "KES 0.8000",
                                "messageId": "ATXid_1"
                            }]
                        }
                    }))
                },
            ),
        )
        .with_state(seen);
    serve(router).await
}

fn message(body: &str) -> app::data::outbox::Message {
    app::data::outbox::Message {
        id: 1,
        channel: "sms".into(),
        recipient: "+254712000001".into(),
        subject: "s".into(),
        body: body.into(),
        idempotency_key: "test:1".into(),
        attempts: 0,
    }
}

#[tokio::test]
async fn the_sms_client_speaks_africas_talking() {
    let seen: Seen = Arc::default();
    let base = fake_sms_gateway(seen.clone(), 101).await;
    let sms = AfricasTalkingSms::new(&base, "uraia", "sms-test-key", Some("URAIA".into()));
    sms.deliver(&message("Uraia: your code is 123456."))
        .await
        .unwrap();
    let (form, key) = seen.lock().unwrap()[0].clone();
    assert_eq!(key.as_deref(), Some("sms-test-key"));
    assert_eq!(form["username"], "uraia");
    assert_eq!(form["to"], "+254712000001");
    assert_eq!(form["message"], "Uraia: your code is 123456.");
    assert_eq!(form["from"], "URAIA");

    let refusing = fake_sms_gateway(Arc::default(), 403).await;
    let sms = AfricasTalkingSms::new(&refusing, "uraia", "k", None);
    assert!(
        sms.deliver(&message("x")).await.is_err(),
        "a refused recipient is a failure to retry"
    );
}

/// A minimal SMTP server: accepts one session and hands back what it received.
async fn fake_smtp() -> (String, tokio::sync::oneshot::Receiver<String>) {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (socket, _) = listener.accept().await.unwrap();
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
        let mut transcript = String::new();
        let mut in_data = false;
        let mut tx = Some(tx);
        while let Ok(Some(line)) = lines.next_line().await {
            transcript.push_str(&line);
            transcript.push('\n');
            if in_data {
                if line == "." {
                    in_data = false;
                    // The message is complete (the client may keep the connection pooled).
                    if let Some(tx) = tx.take() {
                        let _ = tx.send(transcript.clone());
                    }
                    write.write_all(b"250 queued\r\n").await.unwrap();
                }
                continue;
            }
            let upper = line.to_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                b"250-fake\r\n250 8BITMIME\r\n"
            } else if upper.starts_with("DATA") {
                in_data = true;
                b"354 go on\r\n"
            } else if upper.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await.unwrap();
                break;
            } else {
                b"250 ok\r\n"
            };
            write.write_all(reply).await.unwrap();
        }
    });
    (format!("smtp://127.0.0.1:{port}"), rx)
}

#[tokio::test]
async fn the_email_client_speaks_smtp() {
    use uraia_server::delivery::email::SmtpEmail;
    let (url, received) = fake_smtp().await;
    let smtp = SmtpEmail::new(&url, "Uraia <no-reply@uraia.test>").unwrap();
    let mut m = message("Your Uraia code is 123456.");
    m.channel = "email".into();
    m.recipient = "wanjiku@example.com".into();
    m.subject = "Confirm your contact details for Uraia".into();
    smtp.deliver(&m).await.unwrap();
    let transcript = received.await.unwrap();
    assert!(
        transcript.contains("MAIL FROM:<no-reply@uraia.test>"),
        "{transcript}"
    );
    assert!(transcript.contains("RCPT TO:<wanjiku@example.com>"));
    assert!(transcript.contains("Subject: Confirm your contact details for Uraia"));
    assert!(transcript.contains("Your Uraia code is 123456."));
    assert!(
        transcript.contains("Message-ID: <test.1@uraia.test>"),
        "{transcript}"
    );
}
