//! `/staff/admin/tickets`: the problem reports, newest first, filtered by status, each
//! with a form to move it along.

use super::{query_param, AdminHead};
use crate::api::support::{get_tickets, SetTicketStatus};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{Ticket, TicketList, TicketStatus};
use leptos::prelude::*;

#[component]
pub fn TicketsPage() -> impl IntoView {
    let status = query_param("status");
    let list = Resource::new(move || status.get().unwrap_or_default(), get_tickets);
    view! { {loaded(list, |list| view! { <Tickets list /> })} }
}

#[component]
fn Tickets(list: TicketList) -> impl IntoView {
    let h = use_lang().help();
    let changed = query_param("changed");
    let chosen = list.status.clone();
    view! {
        <div class="staff">
            <AdminHead title=h.tickets_title />
            <p class="lead">{h.tickets_intro}</p>
            {move || changed.get().map(|n| view! { <p class="notice notice--success" role="status">{(h.ticket_saved)(&n)}</p> })}
            <form method="get" action="/staff/admin/tickets" class="form">
                <div class="field">
                    <label class="field__label" for="status-filter">{h.status_label}</label>
                    <select class="field__input" id="status-filter" name="status">
                        <option value="" selected=chosen.is_empty()>{h.every_status}</option>
                        {TicketStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=chosen == s.code()>{(h.ticket_status)(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button--secondary" type="submit">{h.show_button}</button>
            </form>
            {list.tickets.is_empty().then(|| view! { <p>{h.no_tickets}</p> })}
            {list.tickets.into_iter().map(|t| view! { <TicketView ticket=t /> }).collect_view()}
        </div>
    }
}

#[component]
fn TicketView(ticket: Ticket) -> impl IntoView {
    let h = use_lang().help();
    let action = ServerAction::<SetTicketStatus>::new();
    let select_id = format!("status-{}", ticket.number);
    let title_id = format!("{}-title", ticket.number);
    let (section_id, labelled_by, number) = (
        ticket.number.clone(),
        title_id.clone(),
        ticket.number.clone(),
    );
    let status = ticket.status;
    view! {
        <section class="centre" id=section_id aria-labelledby=labelled_by>
            <h2 class="h3" id=title_id>
                <span class="reference">{ticket.number.clone()}</span> " · " {(h.topic)(ticket.topic)}
                " · " {(h.ticket_status)(ticket.status)}
            </h2>
            <p class="quote">{ticket.description.clone()}</p>
            <dl class="summary-list">
                <div><dt>{h.reply_to}</dt><dd class="summary-list__value">
                    {ticket.name.clone().map(|n| view! { {n} " · " })}
                    {ticket.reply_to.clone()}
                    {ticket.from_account.then(|| view! { " " {h.from_account} })}
                </dd></div>
                {ticket.page.clone().map(|p| view! { <div><dt>{h.page_label}</dt><dd class="summary-list__value">{p}</dd></div> })}
                <div><dt>{h.reported}</dt><dd class="summary-list__value">{ticket.created_at.clone()}</dd></div>
            </dl>
            <ActionForm action attr:class="form form--inline">
                <input type="hidden" name="number" value=number />
                <div class="field">
                    <label class="field__label" for=select_id.clone()>{h.status_label}</label>
                    <select class="field__input" id=select_id name="status">
                        {TicketStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=s == status>{(h.ticket_status)(s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{h.move_button}</button>
            </ActionForm>
        </section>
    }
}
