//! Development only: a stand-in for the person's phone, over the embedded M-Pesa simulator
//! (mounted with it, never in production). It lists the payment prompts sent to a number
//! and answers them (pay, cancel, or let them time out), and pays the Paybill by account
//! number, so the demo and the end-to-end tests can pay without a real phone.

use crate::daraja_sim::{PushState, Simulator};
use crate::dev_pages::escape;
use axum::{
    extract::{Path, Query, State},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
    Form, Router,
};
use serde::Deserialize;
use std::sync::Arc;

pub fn routes(sim: Arc<Simulator>) -> Router {
    Router::new()
        .route("/dev/phone", get(page))
        .route("/dev/phone/paybill", post(paybill))
        .route("/dev/phone/{id}/{action}", post(answer))
        .with_state(sim)
}

/// `07…`, `+2547…` or `2547…` as the simulator keeps it (`2547…`).
fn daraja_number(typed: &str) -> String {
    app::payments::mpesa::mpesa_phone(typed).unwrap_or_else(|_| typed.trim().to_string())
}

#[derive(Deserialize)]
struct PhoneQuery {
    phone: Option<String>,
    said: Option<String>,
}

async fn page(State(sim): State<Arc<Simulator>>, Query(q): Query<PhoneQuery>) -> Response {
    let typed = q.phone.clone().unwrap_or_default();
    let number = daraja_number(&typed);
    let prompts: String = if typed.is_empty() {
        String::new()
    } else {
        let pushes = sim.pushes_to(&number);
        if pushes.is_empty() {
            "<p>No payment prompts for this number. <span lang=\"sw\">Hakuna maombi ya malipo kwa nambari hii.</span></p>".into()
        } else {
            pushes
                .iter()
                .map(|p| {
                    let state = match &p.state {
                        PushState::Waiting => {
                            let id = escape(&p.checkout_request_id);
                            let phone = escape(&typed);
                            let button = |action: &str, label: &str| {
                                format!("<form method=\"post\" action=\"/dev/phone/{id}/{action}\"><input type=\"hidden\" name=\"phone\" value=\"{phone}\"><button>{label}</button></form>")
                            };
                            format!(
                                "<p>Waiting for the PIN. <span lang=\"sw\">Inasubiri PIN.</span></p><div class=\"actions\">{}{}{}{}</div>",
                                button("pay", "Enter PIN and pay"),
                                button("cancel", "Cancel"),
                                button("timeout", "Do not answer"),
                                button("pay-quietly", "Pay, but M-Pesa’s callback is lost"),
                            )
                        }
                        PushState::Paid { receipt } => format!("<p>Paid. M-Pesa receipt <strong class=\"receipt\">{}</strong>.</p>", escape(receipt)),
                        PushState::Failed { description, .. } => format!("<p>Not paid: {}.</p>", escape(description)),
                    };
                    format!(
                        "<article class=\"prompt\"><h3>Pay KES {amount} to account {account}?</h3>{state}</article>",
                        amount = p.amount,
                        account = escape(&p.account),
                    )
                })
                .collect()
        }
    };
    let said = q
        .said
        .as_deref()
        .map(|s| format!("<p role=\"status\"><strong>{}</strong></p>", escape(s)))
        .unwrap_or_default();
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>Development phone – Uraia</title></head><body><main>\
         <h1>Development phone <span lang=\"sw\">(Simu ya majaribio)</span></h1>\
         <p>Stands in for an M-Pesa phone with the embedded M-Pesa simulator. This page does not exist in production. \
         <span lang=\"sw\">Inachukua nafasi ya simu ya M-Pesa. Ukurasa huu haupo katika uzalishaji.</span></p>{said}\
         <form method=\"get\" action=\"/dev/phone\"><label for=\"phone\">Phone number</label> \
         <input id=\"phone\" name=\"phone\" type=\"tel\" value=\"{phone}\" autocomplete=\"off\"> <button>Show prompts</button></form>\
         <h2>Payment prompts</h2>{prompts}\
         <h2>Pay bill</h2><form method=\"post\" action=\"/dev/phone/paybill\">\
         <p>Business number <strong>{shortcode}</strong></p>\
         <p><label for=\"account\">Account number</label> <input id=\"account\" name=\"account\" autocomplete=\"off\"></p>\
         <p><label for=\"amount\">Amount (KES)</label> <input id=\"amount\" name=\"amount\" inputmode=\"numeric\" autocomplete=\"off\"></p>\
         <input type=\"hidden\" name=\"phone\" value=\"{phone}\"><button>Pay</button></form>\
         </main></body></html>",
        phone = escape(&typed),
        shortcode = escape(sim.shortcode()),
    ))
    .into_response()
}

#[derive(Deserialize)]
struct PhoneForm {
    #[serde(default)]
    phone: String,
}

fn back(phone: &str, said: &str) -> Response {
    let query = serde_urlencoded::to_string([("phone", phone), ("said", said)]).unwrap_or_default();
    Redirect::to(&format!("/dev/phone?{query}")).into_response()
}

async fn answer(
    State(sim): State<Arc<Simulator>>,
    Path((id, action)): Path<(String, String)>,
    Form(form): Form<PhoneForm>,
) -> Response {
    let (action, callback) = match action.as_str() {
        "pay-quietly" => ("pay", false),
        other => (other, true),
    };
    let said = match sim.answer(&id, action, callback).await {
        Ok(_) => "Done.",
        Err(_) => "That prompt was already answered.",
    };
    back(&form.phone, said)
}

#[derive(Deserialize)]
struct PaybillForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    account: String,
    #[serde(default)]
    amount: String,
}

async fn paybill(State(sim): State<Arc<Simulator>>, Form(form): Form<PaybillForm>) -> Response {
    let number = daraja_number(&form.phone);
    let said = match sim.pay_bill(&number, &form.amount, &form.account).await {
        Some(paid) if paid.code == "0" => format!("Paid. M-Pesa receipt {}.", paid.transaction),
        Some(_) => "M-Pesa refused the payment: the account number or amount is not right.".into(),
        None => "The Paybill is not set up yet (Uraia registers it when it starts).".into(),
    };
    back(&form.phone, &said)
}
