//! "Sign in with Digital ID" against a real OpenID Connect provider: the npm `oidc-provider`
//! package, started here as a child process (end2end/digital-id/provider.mjs, installed by
//! scripts/install-tools.sh). Uraia discovers it, sends the browser there with PKCE, and
//! trades the code for signed tokens over real HTTP.

use crate::browser::{png, Browser, HOST};
use crate::support::{sqlite_app_with, TestApp};
use app::auth::digital_id::{DigitalId, DigitalIdConfig};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

const CALLBACK: &str = "/api/accounts/digital-id-callback";

/// The provider process; stopped when dropped.
struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_provider() -> Provider {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../end2end");
    assert!(
        root.join("node_modules/oidc-provider").is_dir(),
        "oidc-provider is not installed: run scripts/install-tools.sh (the README's test command does)"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("node")
        .arg("digital-id/provider.mjs")
        .current_dir(&root)
        .env("PORT", port.to_string())
        .env("DIGITAL_ID_REDIRECTS", format!("http://{HOST}{CALLBACK}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("node starts");
    let issuer = format!("http://127.0.0.1:{port}");
    let provider = Provider { child, issuer };
    let discovery = format!("{}/.well-known/openid-configuration", provider.issuer);
    for _ in 0..100 {
        if reqwest::get(&discovery)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return provider;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the identity provider did not start");
}

async fn app_with(provider: &Provider) -> TestApp {
    let config = DigitalIdConfig {
        issuer: provider.issuer.clone(),
        client_id: "uraia".into(),
        client_secret: Some("uraia-development-digital-id-secret".into()),
        id_number_claim: "national_id".into(),
    };
    sqlite_app_with(|state| state.digital_id = Some(Arc::new(DigitalId::new(config)))).await
}

/// The person's browser at the provider: follows its redirects, confirms `id_number` on its
/// sign-in page (or cancels), and returns the path it sends them back to at Uraia.
async fn at_the_provider(start: &str, id_number: Option<&str>) -> String {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut response = http.get(start).send().await.unwrap();
    let mut posted = false;
    loop {
        if let Some(location) = response.headers().get("location") {
            let location = location.to_str().unwrap().to_string();
            if let Some(back) = location.strip_prefix(&format!("http://{HOST}")) {
                return back.to_string();
            }
            let url = response.url().join(&location).unwrap();
            response = http.get(url).send().await.unwrap();
            continue;
        }
        assert!(!posted, "the provider showed its page again");
        let url = response.url().clone();
        let page = response.text().await.unwrap();
        assert!(page.contains("National ID number"), "{page}");
        response = match id_number {
            Some(id) => http.post(url).form(&[("id_number", id)]).send().await,
            None => http.post(format!("{url}/abort")).send().await,
        }
        .unwrap();
        posted = true;
    }
}

/// Presses "Sign in with Digital ID" and returns where Uraia sends the browser.
async fn press_the_button(b: &mut Browser<'_>) -> String {
    let res = b
        .post_form("/api/accounts/digital-id", "/sign-in", &[("next", "")])
        .await;
    res.header("location").expect("a redirect").to_string()
}

#[tokio::test]
async fn digital_id_links_an_account_or_starts_registration() {
    let provider = start_provider().await;
    let app = app_with(&provider).await;

    // The button is offered, and sends the browser to the provider with PKCE.
    assert!(Browser::new(&app)
        .get("/sign-in")
        .await
        .text()
        .contains("Sign in with Digital ID"));
    let mut b = Browser::new(&app);
    let to = press_the_button(&mut b).await;
    assert!(to.starts_with(&provider.issuer), "{to}");
    assert!(to.contains("code_challenge_method=S256"), "{to}");

    // Someone with no account: registration continues with the verified identity.
    let back = at_the_provider(&to, Some("30000004")).await;
    assert!(back.starts_with(CALLBACK), "{back}");
    let res = b.get(&back).await;
    assert_eq!(res.header("location"), Some("/register/details"));
    let page = b.get("/register/details").await.text();
    assert!(page.contains("Mutua"), "{page}");
    let res = b
        .post_multipart(
            "/api/accounts/register-details",
            "/register/details",
            &[
                ("email", "mutua@example.com"),
                ("phone", "0733 000 404"),
                ("password", "mti mrefu una kivuli kipana"),
            ],
            Some(("photo", "me.png", png(600, 800))),
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/register/verify"),
        "{}",
        res.text()
    );
    let mutua = app::data::accounts::users::by_id_number(&app.db, "30000004")
        .await
        .unwrap()
        .expect("registered");
    assert_eq!(mutua.last_name.as_deref(), Some("Musyoka"));
    assert!(
        app::data::accounts::digital_id::is_linked(&app.db, mutua.id)
            .await
            .unwrap()
    );

    // An existing account (the demo citizen's ID number): linked and signed in, no code.
    let mut c = Browser::new(&app);
    let to = press_the_button(&mut c).await;
    let back = at_the_provider(&to, Some("12345678")).await;
    let res = c.get(&back).await;
    assert_eq!(res.header("location"), Some("/account"));
    let account = c.get("/account").await.text();
    assert!(
        account.contains("Digital ID linked to this account"),
        "{account}"
    );
    assert!(account.contains("Signed in with Digital ID"));
    // The next time the link is used directly.
    let mut d = Browser::new(&app);
    let to = press_the_button(&mut d).await;
    let back = at_the_provider(&to, Some("12345678")).await;
    assert_eq!(d.get(&back).await.header("location"), Some("/account"));

    // Cancelling at the provider, or an answer for another browser: back to sign-in.
    let mut e = Browser::new(&app);
    let to = press_the_button(&mut e).await;
    let back = at_the_provider(&to, None).await;
    assert_eq!(
        e.get(&back).await.header("location"),
        Some("/sign-in?digital_id=failed")
    );
    let mut f = Browser::new(&app);
    let mut g = Browser::new(&app);
    let to = press_the_button(&mut f).await;
    press_the_button(&mut g).await;
    let back = at_the_provider(&to, Some("12345678")).await;
    assert_eq!(
        g.get(&back).await.header("location"),
        Some("/sign-in?digital_id=failed"),
        "the state ties the answer to the browser that started"
    );
    let page = g.get("/sign-in?digital_id=failed").await.text();
    assert!(page.contains("Signing in with Digital ID did not work"));

    app.cleanup().await;
}

#[tokio::test]
async fn an_unreachable_provider_is_explained_on_the_sign_in_page() {
    let config = DigitalIdConfig {
        // Nothing listens on port 9 (discard) here.
        issuer: "http://127.0.0.1:9".into(),
        client_id: "uraia".into(),
        client_secret: None,
        id_number_claim: "national_id".into(),
    };
    let app =
        sqlite_app_with(|state| state.digital_id = Some(Arc::new(DigitalId::new(config)))).await;
    let mut b = Browser::new(&app);
    let res = b
        .post_form("/api/accounts/digital-id", "/sign-in", &[("next", "")])
        .await;
    let page = b.follow(&res).await.text();
    assert!(
        page.contains("Digital ID is not available right now"),
        "{page}"
    );
    app.cleanup().await;
}
