//! The frame around every page: skip link, header with navigation and language switch,
//! main content, footer.

use crate::api::accounts::{account::get_me, sign_in::SignOut};
use crate::i18n::use_lang;
use crate::lite::use_lite;
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location, location::Url};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = use_lang().t();
    view! {
        <a class="skip-link" href="#main">{t.skip_to_content}</a>
        <Header />
        <main id="main" class="page" tabindex="-1">
            <SavedCopy />
            {children()}
        </main>
        <Footer />
    }
}

/// The note on a page shown from the copy saved on this phone. Hidden as rendered; the
/// service worker (frontend/sw/sw.js) shows it and fills in the time when it answers from
/// its saved pages, so its markup is part of the worker's contract (an empty `<span>`, not
/// an empty `<time>`, which is not valid HTML; the worker puts the `<time>` in its place).
#[component]
fn SavedCopy() -> impl IntoView {
    let o = use_lang().offline();
    view! {
        <p class="saved-copy" hidden data-saved-copy role="status">
            {o.saved_copy_before}<span data-saved-at></span>{o.saved_copy_after}
        </p>
    }
}

#[component]
fn Header() -> impl IntoView {
    let t = use_lang().t();
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="site-header__brand">
                    <span class="site-header__logo" aria-hidden="true">"U"</span>
                    <span>
                        <span class="site-header__name">{t.site_name}</span>
                        <span class="site-header__tagline">{t.site_tagline}</span>
                    </span>
                </A>
                <div class="site-header__account">
                    <UserMenu />
                    <LanguageSwitch />
                </div>
            </div>
            <nav class="site-nav" aria-label=t.nav_label>
                <ul>
                    <li><A href="/" exact=true>{t.nav_home}</A></li>
                    <li><A href="/search">{t.nav_search}</A></li>
                    <li><A href="/agencies">{t.nav_agencies}</A></li>
                    <li><A href="/track">{t.tracking.nav_track}</A></li>
                    <li><A href="/help">{t.nav_help}</A></li>
                </ul>
            </nav>
        </header>
    }
}

/// "Sign in" for visitors; the person's account and "Sign out" once signed in. Asked again
/// on every navigation, so signing in or out shows at once.
#[component]
fn UserMenu() -> impl IntoView {
    let a = use_lang().accounts();
    let location = use_location();
    let me = Resource::new(move || location.pathname.get(), |_| get_me());
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! {
                        {me.staff.then(|| view! { <A href="/staff">{use_lang().staff().queue_link}</A> })}
                        <Messages unread=me.unread />
                        <A href="/account">{a.nav_account}</A>
                        <ActionForm action=sign_out>
                            <button class="link-button" type="submit">{a.sign_out}</button>
                        </ActionForm>
                    }.into_any(),
                    _ => view! { <A href="/sign-in">{a.nav_sign_in}</A> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Messages", with the number unread: a badge for the eye, the words for screen readers
/// (the link's name is its text, so the visible label stays part of it).
#[component]
fn Messages(unread: i64) -> impl IntoView {
    let t = use_lang().tracking();
    view! {
        <A href="/inbox">
            {t.nav_inbox}
            {(unread > 0).then(|| view! {
                " " <span class="count" aria-hidden="true">{unread}</span>
                <span class="visually-hidden">" (" {(t.unread)(unread)} ")"</span>
            })}
        </A>
    }
}

/// A link to the same page in the other language. It goes through `/language`, which sets
/// the cookie and redirects back, so it works without JavaScript; `rel=external` makes the
/// hydrated router do a full load, since every string on the page changes.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let other = lang.other();
    let here = use_here_escaped();
    let href = move || format!("/language?to={}&next={}", other.code(), here());
    view! {
        <a class="language-switch" href=href rel="external" hreflang=other.code() lang=other.code()
            aria-label=format!("{} ({})", other.endonym(), lang.t().change_language)>
            {other.endonym()}
        </a>
    }
}

/// The current path and query, escaped for a `next=` parameter. Reactive, so links that
/// return here stay right after client-side navigation.
fn use_here_escaped() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let location = use_location();
    move || {
        let path = location.pathname.get();
        let search = location.search.get();
        let here = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        Url::escape(&here)
    }
}

/// Lite mode's switch. A full page load (`rel=external`), since lite pages carry no scripts.
#[component]
fn LiteSwitch() -> impl IntoView {
    let t = use_lang().t();
    let lite = use_lite();
    let here = use_here_escaped();
    let href = move || format!("/lite?on={}&next={}", if lite { 0 } else { 1 }, here());
    view! {
        <p class="site-footer__lite">
            {if lite { t.lite_on } else { t.lite_off_hint }} " "
            <a href=href rel="external">{if lite { t.lite_turn_off } else { t.lite_turn_on }}</a>
        </p>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let t = use_lang().t();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <h2 class="site-footer__heading">{t.footer_help_heading}</h2>
                <ul class="site-footer__links">
                    <li><A href="/help">{t.nav_help}</A></li>
                    <li><A href="/status">{t.status.footer_link}</A></li>
                    <li><A href="/search">{t.nav_search}</A></li>
                    <li><A href="/agencies">{t.nav_agencies}</A></li>
                </ul>
                <LiteSwitch />
                <p>{t.footer_about}</p>
                <p class="site-footer__note">{t.footer_fees_note}</p>
            </div>
        </footer>
    }
}
