//! Uraia's user interface, shared by server-side rendering (`ssr`) and the hydrated browser
//! app (`hydrate`). Server-only modules (`data`, `state`) exist only with `ssr`.

// The administration pages' views nest deeply enough that building them without
// `--cfg erase_components` (the release build, for one) overflows rustc's default query
// depth of 128 while computing their types' layout.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod cookies;
pub mod drafts;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod islands;
pub mod lite;
pub mod model;
pub mod money;
pub mod offline;
pub mod pages;
pub mod paths;
pub mod problem;
pub mod push;
pub mod tracking;
pub mod upload;
pub mod validate;
pub mod webauthn;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod data;
#[cfg(feature = "ssr")]
pub mod documents;
#[cfg(feature = "ssr")]
pub mod files;
#[cfg(feature = "ssr")]
pub mod identifiers;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod notify;
#[cfg(feature = "ssr")]
pub mod payments;
#[cfg(feature = "ssr")]
pub mod shown;
#[cfg(feature = "ssr")]
pub mod state;

use i18n::provide_lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = provide_lang();
    let lite = lite::provide_lite();
    #[cfg(feature = "ssr")]
    set_page_headers();
    // Islands: the page renders for the server only; an island turns hydration on for
    // itself (no hydration markers or resource data elsewhere).
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    #[cfg(feature = "ssr")]
    let stylesheet = islands::SiteAssets::provide(&options).css;
    #[cfg(not(feature = "ssr"))]
    let stylesheet = String::new();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content=THEME_COLOUR />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                // The installable app, named in the page's language (server/src/manifest.rs).
                <link rel="manifest" href=format!("/manifest/{}.webmanifest", lang.code()) />
                <AutoReload options=options.clone() />
                // Lite mode sends no scripts at all: the page stays plain HTML, and no service
                // worker downloads the app for offline use behind the person's back. The
                // scripts that hydrate islands come with the first island (islands.rs).
                {(!lite).then(|| view! {
                    <script nonce=leptos::nonce::use_nonce() inner_html=REGISTER_WORKER></script>
                })}
                <link rel="stylesheet" id="leptos" href=stylesheet />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The site's green: the browser's theme colour, here and in the installed app's manifest
/// (server/src/manifest.rs); the same as `--brand` in style/main.css and the favicon.
pub const THEME_COLOUR: &str = "#0b5d3b";

/// Registers the service worker (frontend/sw/sw.js, built into the site by
/// scripts/service-worker.sh) once the page has loaded, so its precaching finds the page's
/// own wasm, JS and CSS already in the browser's cache instead of fetching them twice.
const REGISTER_WORKER: &str = "if('serviceWorker' in navigator)addEventListener('load',function(){navigator.serviceWorker.register('/sw.js').catch(function(){})})";

/// Sets a Content-Security-Policy whose script nonce matches this page's inline scripts
/// (hydration bootstrap and resource data; `'wasm-unsafe-eval'` lets the wasm compile),
/// and says which request headers the page varies with.
#[cfg(feature = "ssr")]
fn set_page_headers() {
    let nonce = leptos::nonce::use_nonce()
        .map(|n| n.to_string())
        .unwrap_or_default();
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        // The Digital ID button posts a form that redirects to the identity provider.
        let provider = crate::state::app_state()
            .ok()
            .and_then(|s| s.digital_id.as_ref().map(|d| d.origin()));
        let policy = content_security_policy(&nonce, provider.as_deref());
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
        res.append_header(
            http::header::VARY,
            http::HeaderValue::from_static("Cookie, Accept-Language, Save-Data"),
        );
    }
}

/// The policy for HTML pages; other responses get the same without a nonce. `form_target`
/// is another origin a form may lead to (the Digital ID provider).
#[cfg(feature = "ssr")]
pub fn content_security_policy(nonce: &str, form_target: Option<&str>) -> String {
    let scripts = if nonce.is_empty() {
        "'self' 'wasm-unsafe-eval'".to_string()
    } else {
        format!("'self' 'wasm-unsafe-eval' 'nonce-{nonce}'")
    };
    format!(
        // blob: images are the page's own: a photo being made smaller before upload (upload.rs).
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data: blob:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'{}; frame-ancestors 'none'",
        form_target.map(|o| format!(" {o}")).unwrap_or_default()
    )
}

/// The app: page frame and routes. Every route renders fully on the server before it is
/// sent (`SsrMode::Async`), so pages are complete without JavaScript and carry the right
/// status code (404 for a missing service).
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = provide_lang();
    let t = lang.t();
    view! {
        <Title formatter=move |title: String| {
            if title.is_empty() { t.site_name.to_string() } else { format!("{title}{}", t.title_suffix) }
        } />
        <Router>
            <components::layout::Layout>
                <Routes fallback=|| view! { <pages::errors::NotFound /> }>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/search") view=pages::search::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("/agencies") view=pages::agencies::AgenciesPage ssr=SsrMode::Async />
                    <Route path=path!("/agencies/:slug") view=pages::agency::AgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/categories/:slug") view=pages::category::CategoryPage ssr=SsrMode::Async />
                    <Route path=path!("/services/:slug") view=pages::service::ServicePage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in") view=pages::sign_in::SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in/code") view=pages::sign_in::code::CodePage ssr=SsrMode::Async />
                    <Route path=path!("/register") view=pages::register::RegisterPage ssr=SsrMode::Async />
                    <Route path=path!("/register/identity") view=pages::register::identity::IdentityPage ssr=SsrMode::Async />
                    <Route path=path!("/register/details") view=pages::register::details::DetailsPage ssr=SsrMode::Async />
                    <Route path=path!("/register/verify") view=pages::register::verify::VerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/account/notifications") view=pages::account::notifications::NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/staff") view=pages::staff::queue::QueuePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/appointments") view=pages::staff::appointments::DayListPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/dashboard") view=pages::staff::dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/applications/:id") view=pages::staff::work::WorkPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/outbox") view=pages::staff::outbox::DeadLettersPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin") view=pages::staff::admin::AdminHomePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/new-agency") view=pages::staff::admin::agency::NewAgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/agencies/:slug") view=pages::staff::admin::agency::AgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/services/:slug") view=pages::staff::admin::service::ServiceAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/offices") view=pages::staff::admin::offices::OfficesPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/offices/:slug") view=pages::staff::admin::offices::OfficePage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/staff") view=pages::staff::admin::people::StaffAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/staff/admin/tickets") view=pages::staff::admin::tickets::TicketsPage ssr=SsrMode::Async />
                    <Route path=path!("/inbox") view=pages::inbox::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/account/password") view=pages::account::password::ChangePasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/account/confirm") view=pages::account::confirm::ConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/account/contact") view=pages::account::contact::ContactPage ssr=SsrMode::Async />
                    <Route path=path!("/account/contact/verify") view=pages::account::contact::ContactVerifyPage ssr=SsrMode::Async />
                    <Route path=path!("/account/authenticator") view=pages::account::authenticator::AuthenticatorPage ssr=SsrMode::Async />
                    <Route path=path!("/account/recovery-codes") view=pages::account::authenticator::RecoveryCodesPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password") view=pages::forgot_password::ForgotPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password/sent") view=pages::forgot_password::ResetSentPage ssr=SsrMode::Async />
                    <Route path=path!("/forgot-password/code") view=pages::forgot_password::ResetCodePage ssr=SsrMode::Async />
                    <Route path=path!("/reset-password") view=pages::forgot_password::reset::ResetLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/help") view=pages::help::HelpPage ssr=SsrMode::Async />
                    <Route path=path!("/status") view=pages::status::StatusPage ssr=SsrMode::Async />
                    <Route path=path!("/huduma") view=pages::huduma::HudumaPage ssr=SsrMode::Async />
                    <Route path=path!("/help/report") view=pages::report::ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/offline") view=pages::offline::OfflinePage ssr=SsrMode::Async />
                    <Route path=path!("/apply/:slug") view=pages::applications::apply::ApplyPage ssr=SsrMode::Async />
                    <Route path=path!("/applications") view=pages::applications::MyApplicationsPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id") view=pages::applications::task_list::TaskListPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/check") view=pages::applications::check::CheckAnswersPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/section/:section") view=pages::applications::section::SectionPageView ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/pay") view=pages::payments::pay::PayPageView ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/payment/:key") view=pages::payments::waiting::WaitingPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/confirmation") view=pages::payments::confirmation::ConfirmationPage ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/appointment") view=pages::applications::appointment::AppointmentPageView ssr=SsrMode::Async />
                    <Route path=path!("/applications/:id/status") view=pages::tracking::status::StatusPage ssr=SsrMode::Async />
                    <Route path=path!("/track") view=pages::tracking::track::TrackPage ssr=SsrMode::Async />
                    <Route path=path!("/track/:slug") view=pages::tracking::track::TrackedPage ssr=SsrMode::Async />
                    <Route path=path!("/verify") view=pages::payments::verify::VerifyPage ssr=SsrMode::Async />
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}
