//! Certificates issued on approval (`certificates.toml`: which services, what each prints),
//! and the certificate PDF with its QR code.

use super::payload::Words;
use super::{Kind, Line, Payload, Seal};
use crate::data::applications::ApplicationRow;
use crate::data::{documents, tracking, Db};
use crate::forms::definition::Text;
use crate::i18n::Lang;
use crate::tracking::Status;
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub service: String,
    pub title: Text,
    pub statement: Text,
    /// The label the approving officer's words, if any, are printed under.
    #[serde(default)]
    pub note: Option<Text>,
    pub fields: Vec<FieldSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub question: String,
    pub label: Text,
}

#[derive(Deserialize)]
struct File {
    certificate: Vec<Spec>,
}

static SPECS: LazyLock<Vec<Spec>> = LazyLock::new(|| {
    toml::from_str::<File>(include_str!("certificates.toml"))
        .expect("certificates.toml parses (checked by its test)")
        .certificate
});

/// The certificate a service issues, if any.
pub fn for_service(slug: &str) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.service == slug)
}

/// Whether an application in `status` has its certificate.
pub fn issued_in(status: Status) -> bool {
    matches!(
        status,
        Status::Approved | Status::ReadyForCollection | Status::Collected
    )
}

/// The application's certificate (issued the first time it is asked for, dated by the
/// approval), with its spec; `None` if its service issues none or it is not approved.
pub async fn issue(
    db: &Db,
    seal: &Seal,
    row: &ApplicationRow,
) -> Result<Option<(documents::DocumentRow, &'static Spec)>, crate::error::AppError> {
    let Some(spec) = for_service(&row.service_slug) else {
        return Ok(None);
    };
    if !Status::from_code(&row.status).is_some_and(issued_in) {
        return Ok(None);
    }
    let events = tracking::events(db, row.id, 0).await?;
    let Some(approval) = events
        .iter()
        .rev()
        .find(|e| e.to() == Some(Status::Approved))
    else {
        return Ok(None);
    };
    let answers = row.answers();
    let mut lines: Vec<Line> = spec
        .fields
        .iter()
        .filter_map(|f| {
            let value = answers.get(&f.question)?.trim();
            (!value.is_empty()).then(|| Line {
                en: f.label.en.clone(),
                sw: f.label.sw.clone(),
                v: value.to_string(),
            })
        })
        .collect();
    if let (Some(label), Some(note)) = (&spec.note, &approval.note) {
        lines.push(Line {
            en: label.en.clone(),
            sw: label.sw.clone(),
            v: note.clone(),
        });
    }
    let holder = crate::data::staff::names(db, &[row.user_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, first, last)| crate::shown::person_name(&first, last.as_deref()));
    let reference = row.reference.clone().unwrap_or_default();
    let payload = Payload {
        v: 1,
        k: seal.key_id().to_string(),
        t: Kind::Certificate,
        n: Kind::Certificate.number(&reference),
        r: reference,
        s: Words {
            en: spec.title.en.clone(),
            sw: spec.title.sw.clone(),
        },
        d: crate::shown::nairobi_offset_date(approval.created_at, 0),
        h: holder,
        f: lines,
    };
    let document = super::issue(db, seal, row.id, &payload).await?;
    Ok(Some((document, spec)))
}

/// A one-page A4 certificate: title, statement, holder, reference, date, each line, and the
/// QR code (`check_url`) with the document number beside it — all from the signed payload,
/// so the paper says exactly what the code does.
pub fn pdf(payload: &Payload, spec: &Spec, check_url: &str, lang: Lang) -> Vec<u8> {
    let d = lang.documents();
    let mut page = crate::files::pdf::Page::new();
    let left = 56.0;
    let mut y = 780.0;
    page.text(left, y, 11.0, false, d.republic);
    y -= 30.0;
    page.text(left, y, 20.0, true, payload.s.get(lang));
    y -= 28.0;
    page.text(left, y, 10.0, false, spec.statement.get(lang));
    y -= 34.0;
    let mut rows = vec![
        (d.number, payload.n.clone()),
        (d.reference, payload.r.clone()),
        (d.issued_on, payload.d.clone()),
    ];
    if let Some(holder) = &payload.h {
        rows.insert(0, (d.holder, holder.clone()));
    }
    for (label, value) in rows {
        page.text(left, y, 11.0, false, label);
        page.text(left + 170.0, y, 11.0, true, &value);
        y -= 20.0;
    }
    for line in &payload.f {
        let label = match lang {
            Lang::En => &line.en,
            Lang::Sw => &line.sw,
        };
        page.text(left, y, 11.0, false, label);
        // Long findings wrap at about 60 characters a line.
        for chunk in wrap(&line.v, 60) {
            page.text(left + 170.0, y, 11.0, true, &chunk);
            y -= 16.0;
        }
        y -= 4.0;
    }
    page.rule(left, 539.0, y);
    let side = page.qr(check_url, left, 90.0, 2.0);
    let beside = left + side + 20.0;
    page.text(beside, 90.0 + side - 20.0, 10.0, true, d.scan_to_check);
    page.text(beside, 90.0 + side - 36.0, 9.0, false, d.check_by_number);
    page.text(beside, 90.0 + side - 50.0, 9.0, false, &payload.n);
    page.finish()
}

/// `text` in lines of at most `width` characters, broken at spaces where it can be.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_certificate_names_a_question_of_its_service_form() {
        assert_eq!(SPECS.len(), 3);
        for spec in SPECS.iter() {
            let path = format!(
                "{}/../server/seed/forms/{}.toml",
                env!("CARGO_MANIFEST_DIR"),
                spec.service
            );
            let form: crate::forms::definition::FormDefinition =
                toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            for field in &spec.fields {
                assert!(
                    form.question(&field.question).is_some(),
                    "{} has no question {}",
                    spec.service,
                    field.question
                );
            }
        }
    }

    #[test]
    fn long_findings_wrap_at_spaces() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("", 4), vec![""]);
    }
}
