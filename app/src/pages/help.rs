//! The help centre: the questions people ask, by topic, searchable with a plain GET form
//! (so it works the same without JavaScript); the other ways to get help; and the older
//! guidance on finding services, fees, contacting an agency and accessibility.

use crate::i18n::help::FaqTopic;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// The longest search we read (anything longer is cut).
const MAX_QUERY_CHARS: usize = 100;

/// The questions of `faq` whose topic, question or answer holds every word of `query`
/// (any case), by topic; every question when the query has no words.
pub fn matching<'a>(
    faq: &'a [FaqTopic],
    query: &str,
) -> Vec<(&'a FaqTopic, Vec<&'a (&'static str, &'static str)>)> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    faq.iter()
        .map(|topic| {
            let items = topic
                .items
                .iter()
                .filter(|(q, a)| {
                    let text = format!("{} {q} {a}", topic.title).to_lowercase();
                    words.iter().all(|w| text.contains(w.as_str()))
                })
                .collect::<Vec<_>>();
            (topic, items)
        })
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let t = use_lang().t();
    let h = t.help;
    let query = use_query_map();
    let asked = move || {
        query
            .read()
            .get("q")
            .unwrap_or_default()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect::<String>()
    };
    view! {
        <Title text=t.help_title />
        <Meta name="description" content=t.help_intro />
        <div class="prose">
            <h1>{t.help_title}</h1>
            <p class="lead">{t.help_intro}</p>
            {move || {
                let q = asked();
                let found = matching(h.faq, &q);
                let searched = !q.trim().is_empty();
                let count: usize = found.iter().map(|(_, items)| items.len()).sum();
                view! {
                    <form method="get" action="/help" class="form" role="search">
                        <div class="field">
                            <label class="field__label" for="help-q">{h.search_label}</label>
                            <input class="field__input" id="help-q" name="q" type="search" value=q.clone() />
                        </div>
                        <button class="button" type="submit">{h.search_button}</button>
                    </form>
                    <h2>{h.faq_heading}</h2>
                    {searched.then(|| if count == 0 {
                        view! { <p class="notice" role="status">{h.no_match} " " <a href="/help">{h.show_all}</a></p> }.into_any()
                    } else {
                        view! { <p role="status">{(h.matches)(count, q.trim())} " · " <a href="/help">{h.show_all}</a></p> }.into_any()
                    })}
                    {found.into_iter().map(|(topic, items)| view! {
                        <h3 id=topic.id>{topic.title}</h3>
                        {items.into_iter().map(|(question, answer)| view! {
                            <details class="faq" open=searched>
                                <summary>{*question}</summary>
                                <p>{*answer}</p>
                            </details>
                        }).collect_view()}
                    }).collect_view()}
                }
            }}
            <h2>{h.channels_heading}</h2>
            <dl class="summary-list">
                {h.channels.iter().map(|(way, what)| view! {
                    <div><dt>{*way}</dt><dd class="summary-list__value">{*what}</dd></div>
                }).collect_view()}
            </dl>
            <p><a class="button button--secondary" href="/help/report">{h.report_link}</a></p>
            <p><a href="/huduma">{h.huduma_link}</a> " · " <a href="/status">{t.status.title}</a></p>
            <h2>{t.help_find_heading}</h2>
            <p>{t.help_find_text}</p>
            <h2>{t.help_fees_heading}</h2>
            <p>{t.help_fees_text}</p>
            <h2>{t.help_contact_heading}</h2>
            <p>{t.help_contact_text}</p>
            <h2>{t.help_access_heading}</h2>
            <p>{t.help_access_text}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_search_finds_questions_by_every_word_in_either_language() {
        let en = Lang::En.help().faq;
        let all: usize = en.iter().map(|t| t.items.len()).sum();
        let count = |found: &[(&FaqTopic, Vec<_>)]| -> usize {
            found.iter().map(|(_, items)| items.len()).sum()
        };
        assert_eq!(count(&matching(en, "")), all);
        let pending = matching(en, "M-Pesa prompt");
        assert_eq!(count(&pending), 1);
        assert_eq!(pending[0].0.id, "payments");
        assert_eq!(count(&matching(en, "PASSWORD")), 2, "any case");
        assert_eq!(count(&matching(en, "password zebra")), 0, "every word");
        let sw = Lang::Sw.help().faq;
        assert!(count(&matching(sw, "nenosiri")) >= 2);
        // Every topic the issue names is there, in both languages, with the same ids.
        for faq in [en, sw] {
            let ids: Vec<_> = faq.iter().map(|t| t.id).collect();
            assert_eq!(
                ids,
                [
                    "registration",
                    "sign-in",
                    "payments",
                    "tracking",
                    "collection"
                ]
            );
        }
    }
}
