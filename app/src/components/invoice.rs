//! An invoice's lines and total, as a table (the check-answers page, the pay page and the
//! receipt).

use crate::i18n::use_lang;
use crate::model::InvoiceView;
use crate::money::format_kes;
use leptos::prelude::*;

/// `paid`: a receipt's table (its total is what was paid, not what is to pay).
#[component]
pub fn InvoiceTable(invoice: InvoiceView, #[prop(optional)] paid: bool) -> impl IntoView {
    let t = use_lang().t();
    let p = t.payments;
    view! {
        <div class="table-wrap">
            <table class="fees-table">
                <caption class="visually-hidden">{p.fees_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.fee_item}</th>
                        <th scope="col" class="num">{t.fee_amount}</th>
                    </tr>
                </thead>
                <tbody>
                    {invoice.lines.into_iter().map(|line| view! {
                        <tr>
                            <th scope="row">
                                {line.label}
                                {line.convenience.then(|| view! { " " <span class="tag tag--muted">{p.convenience_tag}</span> })}
                            </th>
                            <td class="num">{format_kes(line.amount_cents)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{if paid { p.total_paid } else { p.fee_total }}</th>
                        <td class="num">{format_kes(invoice.total_cents)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}
