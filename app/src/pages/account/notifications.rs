//! How the person is told about their applications: a checkbox per channel (a plain form),
//! and, in an island, turning on Web Push for this device.

use crate::api::notifications::{
    get_notification_settings, subscribe_push, ForgetPushDevices, SaveNotificationSettings,
};
use crate::components::loaded::loaded;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::NotificationSettings;
use crate::problem::Problem;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let settings = Resource::new(|| (), |_| get_notification_settings());
    view! { {loaded(settings, |settings| view! { <Notifications settings /> })} }
}

#[component]
fn Notifications(settings: NotificationSettings) -> impl IntoView {
    let t = use_lang().tracking();
    let save = ServerAction::<SaveNotificationSettings>::new();
    // Saved without JavaScript (the page comes back with ?saved=1), or by the hydrated form.
    let from_url = use_query_map().read_untracked().get("saved").is_some();
    let saved = move || from_url || save.value().with(|v| matches!(v, Some(Ok(()))));
    view! {
        <Title text=t.prefs_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            {move || saved().then(|| view! { <p class="notice notice--success" role="status">{t.prefs_saved}</p> })}
            <h1>{t.prefs_title}</h1>
            <p class="lead">{t.prefs_intro}</p>
            <ActionForm action=save attr:class="form">
                <fieldset class="field">
                    <legend class="field__label">{t.prefs_channels}</legend>
                    <Channel name="inbox" label=t.channel_inbox hint=Some(t.channel_inbox_hint) on=settings.inbox />
                    <Channel name="sms" label=t.channel_sms hint=None on=settings.sms />
                    <Channel name="email" label=t.channel_email hint=None on=settings.email />
                    <Channel name="push" label=t.channel_push hint=Some(t.channel_push_hint) on=settings.push />
                </fieldset>
                <button class="button" type="submit">{t.prefs_save}</button>
            </ActionForm>
            <IslandScripts />
            <h2>{t.push_heading}</h2>
            <p>{(t.push_devices)(settings.devices)}</p>
            <PushDevice key=settings.push_key.clone() words=PushWords::in_lang() />
            {(settings.devices > 0).then(|| view! {
                <form method="post" action=FORGET_PATH>
                    <button class="link-button link-button--dark" type="submit">{t.push_forget}</button>
                </form>
            })}
            <p><A href="/account">{use_lang().accounts().account_title}</A></p>
        </div>
    }
}

/// Forgetting this account's devices is a plain post: the page comes back with them
/// counted afresh.
const FORGET_PATH: &str = <ForgetPushDevices as leptos::server_fn::ServerFn>::PATH;

#[component]
fn Channel(
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    on: bool,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    view! {
        <div class="checkbox">
            <input class="checkbox__input" type="checkbox" id=name name=name value="1" checked=on
                aria-describedby=hint.map(|_| hint_id.clone()) />
            <label class="checkbox__label" for=name>{label}</label>
            {hint.map(|h| view! { <p class="checkbox__hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PushState {
    /// Before hydration (or without JavaScript): nothing can be turned on here.
    NoScript,
    Unsupported,
    Ready,
    Working,
    Done,
    Refused,
    /// This browser's subscription is another account's (see `Problem::PushElsewhere`).
    Elsewhere,
}

/// The island's words, in the reader's language: passed as props, so the island does not
/// bring the whole tracking group of both languages to the phone.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct PushWords {
    no_js: String,
    unsupported: String,
    done: String,
    refused: String,
    elsewhere: String,
    turn_on: String,
    turning_on: String,
}

impl PushWords {
    fn in_lang() -> PushWords {
        let lang = use_lang();
        let t = lang.tracking();
        PushWords {
            no_js: t.push_no_js.into(),
            unsupported: t.push_unsupported.into(),
            done: t.push_done.into(),
            refused: t.push_refused.into(),
            elsewhere: lang.problem(Problem::PushElsewhere),
            turn_on: t.push_turn_on.into(),
            turning_on: t.push_turning_on.into(),
        }
    }
}

/// Web Push for this device. It needs JavaScript (a service worker and the browser's push
/// service), so the button appears only once the island has hydrated.
#[island(lazy)]
fn PushDevice(key: String, words: PushWords) -> impl IntoView {
    let t = StoredValue::new(words);
    let state = RwSignal::new(PushState::NoScript);
    Effect::new(move |_| {
        state.set(if crate::push::supported() {
            PushState::Ready
        } else {
            PushState::Unsupported
        })
    });
    let turn_on = move |_| {
        let key = key.clone();
        state.set(PushState::Working);
        spawn_local(async move {
            let Some(s) = crate::push::subscribe(&key).await else {
                state.set(PushState::Refused);
                return;
            };
            state.set(match subscribe_push(s.endpoint, s.p256dh, s.auth).await {
                Ok(()) => PushState::Done,
                Err(AppError::Invalid(problems))
                    if problems.iter().any(|p| p.problem == Problem::PushElsewhere) =>
                {
                    PushState::Elsewhere
                }
                Err(_) => PushState::Refused,
            });
        });
    };
    let message = move || {
        t.with_value(|t| match state.get() {
            PushState::NoScript => Some(t.no_js.clone()),
            PushState::Unsupported => Some(t.unsupported.clone()),
            PushState::Done => Some(t.done.clone()),
            PushState::Refused => Some(t.refused.clone()),
            PushState::Elsewhere => Some(t.elsewhere.clone()),
            PushState::Ready | PushState::Working => None,
        })
    };
    let can_press = move || {
        matches!(
            state.get(),
            PushState::Ready | PushState::Working | PushState::Refused | PushState::Elsewhere
        )
    };
    view! {
        <p role="status">{message}</p>
        <Show when=can_press>
            <p>
                <button class="button button--secondary" type="button" on:click=turn_on.clone()
                    disabled=move || state.get() == PushState::Working>
                    {move || t.with_value(|t| match state.get() {
                        PushState::Working => t.turning_on.clone(),
                        _ => t.turn_on.clone(),
                    })}
                </button>
            </p>
        </Show>
    }
}
