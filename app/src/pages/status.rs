//! `/status`: every agency's systems as administrators report them, trouble first.

use crate::api::service_status::get_status_board;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{ServiceState, StatusBoard};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn StatusPage() -> impl IntoView {
    let board = Resource::new(|| (), |_| get_status_board());
    loaded(board, |board| view! { <Board board /> })
}

#[component]
fn Board(board: StatusBoard) -> impl IntoView {
    let s = use_lang().status();
    view! {
        <Title text=s.title />
        <Meta name="description" content=s.intro />
        <div class="prose">
            <h1>{s.title}</h1>
            <p class="lead">{s.intro}</p>
        </div>
        <div class="table-wrap">
            <table class="table">
                <thead><tr>
                    <th scope="col">{s.agency}</th>
                    <th scope="col">{s.form_state}</th>
                    <th scope="col">{s.since}</th>
                </tr></thead>
                <tbody>
                    {board.agencies.into_iter().map(|a| {
                        let trouble = a.state != ServiceState::Normal;
                        view! {
                            <tr data-service-status=a.state.code()>
                                <th scope="row"><a href=format!("/agencies/{}", a.agency.slug)>{a.agency.name}</a></th>
                                <td>
                                    <span class="status-tag" class:status-tag--trouble=trouble>{(s.state)(a.state)}</span>
                                    {a.message.map(|m| view! { <br />{m} })}
                                </td>
                                <td>{a.since.filter(|_| trouble)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
