//! The task list: each part of the application with its status, then "Check your answers".

use super::use_id;
use crate::api::applications::{get_task_list, DeleteDraft};
use crate::components::loaded::loaded;
use crate::forms::Status;
use crate::i18n::use_lang;
use crate::model::TaskList;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn TaskListPage() -> impl IntoView {
    let id = use_id();
    let list = Resource::new(id, get_task_list);
    view! { {loaded(list, |list| view! { <Tasks list /> })} }
}

#[component]
fn Tasks(list: TaskList) -> impl IntoView {
    let a = use_lang().applications();
    let delete = ServerAction::<DeleteDraft>::new();
    let id = list.id.clone();
    view! {
        <Title text=list.service_name.clone() />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <p class="caption">{list.service_name.clone()}</p>
            <h1>{a.task_list_title}</h1>
            <p class="lead">{a.task_list_intro}</p>
            {list.keep_until.clone().map(|k| view! { <p class="hint">{(a.keep_until)(&k)}</p> })}
            <ol class="task-list">
                {list.tasks.clone().into_iter().map(|task| {
                    let href = format!("/applications/{}/section/{}", id, task.key);
                    let status_id = format!("status-{}", task.key);
                    let done = task.status == Status::Completed;
                    view! {
                        <li class="task-list__item">
                            <A href=href attr:aria-describedby=status_id.clone()>{task.title}</A>
                            <strong class="tag" class:tag--muted=!done id=status_id>{(a.status)(task.status)}</strong>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {if list.complete {
                view! { <p><A href=format!("/applications/{id}/check") attr:class="button">{a.check_answers_link}</A></p> }.into_any()
            } else {
                view! { <p class="hint">{a.check_answers_locked}</p> }.into_any()
            }}
            <ActionForm action=delete>
                <input type="hidden" name="id" value=list.id.clone() />
                <button class="link-button link-button--dark" type="submit">{a.delete_draft}</button>
            </ActionForm>
        </div>
    }
}
