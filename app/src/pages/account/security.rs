//! The account page's "how you sign in" part: the authenticator app and recovery codes,
//! passkeys, and remembered devices.

use crate::api::accounts::authenticator::{ForgetDevice, RemoveAuthenticator, RenewRecoveryCodes};
use crate::api::accounts::passkeys::RemovePasskey;
use crate::components::passkey::AddPasskey;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::AccountView;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Security(account: AccountView) -> impl IntoView {
    let a = use_lang().accounts();
    let remove = ServerAction::<RemoveAuthenticator>::new();
    let forget = ServerAction::<ForgetDevice>::new();
    let renew = ServerAction::<RenewRecoveryCodes>::new();
    let remove_passkey = ServerAction::<RemovePasskey>::new();
    // Each of these but forgetting devices needs a recent "Confirm it's you".
    // Erased to keep the page's view type within the compiler's limits.
    view! {
            <h2>{a.security_heading}</h2>
            {if account.has_authenticator {
                view! {
                    <p>{(a.authenticator_on)(account.recovery_codes_left)}</p>
                    <div class="button-row">
                        <ActionForm action=renew>
                            <button class="button button--secondary" type="submit">{a.renew_recovery_codes}</button>
                        </ActionForm>
                        <ActionForm action=remove>
                            <button class="button button--secondary" type="submit">{a.remove_authenticator}</button>
                        </ActionForm>
                    </div>
                    <p class="hint">{a.renew_recovery_codes_hint}</p>
                }.into_any()
            } else {
                view! {
                    <p>{a.authenticator_off}</p>
                    <p><A href="/account/authenticator" attr:class="button button--secondary">{a.set_up_authenticator}</A></p>
                }.into_any()
            }}

            <h2>{a.passkeys_heading}</h2>
            <p>{a.passkeys_intro}</p>
            {if account.passkeys.is_empty() {
                view! { <p>{a.passkeys_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="device-list">
                        {account.passkeys.clone().into_iter().map(|p| {
                            let id = p.id.to_string();
                            view! {
                                <li>
                                    <span>{p.name.clone()} " — " {(a.passkey_seen)(&p.added, p.last_used.as_deref())}</span>
                                    <ActionForm action=remove_passkey>
                                        <input type="hidden" name="id" value=id />
                                        <button class="link-button link-button--dark" type="submit">
                                            {a.passkey_remove}
                                            <span class="visually-hidden">{format!(" {}", p.name)}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <IslandScripts />
            <AddPasskey />

            <h2>{a.devices_heading}</h2>
            {if account.devices.is_empty() {
                view! { <p>{a.devices_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="device-list">
                        {account.devices.clone().into_iter().map(|d| {
                            let id = d.id.to_string();
                            view! {
                                <li>
                                    <span>{d.device.clone()} " — " {(a.device_seen)(&d.last_used, &d.until)}</span>
                                    <ActionForm action=forget>
                                        <input type="hidden" name="id" value=id />
                                        <button class="link-button link-button--dark" type="submit">
                                            {a.forget_device}
                                            <span class="visually-hidden">{format!(" {}", d.device)}</span>
                                        </button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <ActionForm action=forget>
                        <button class="button button--secondary" type="submit">{a.forget_all_devices}</button>
                    </ActionForm>
                }.into_any()
            }}

    }
    .into_any()
}
