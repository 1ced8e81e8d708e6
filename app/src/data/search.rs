//! Typo-tolerant ranking of catalogue services, in the application rather than the database.
//!
//! SQLite FTS5 and PostgreSQL `tsvector` differ in syntax and ranking and neither forgives a
//! misspelling ("pasport") without extensions, while the catalogue is a few hundred services:
//! scoring them in Rust gives one behaviour on both backends and is cheap. Each query word
//! is matched against each document word exactly, as a prefix (typing in progress), by
//! plural, or within a small edit distance; names weigh more than keywords, keywords more
//! than the agency, category and summary. See docs/decisions/0003-catalogue-search.md.

use crate::i18n::Lang;

/// The searchable text of one service in both languages (index 0 English, 1 Kiswahili).
#[derive(Clone, Debug, Default)]
pub struct SearchDoc {
    pub names: [String; 2],
    pub keywords: [String; 2],
    pub summaries: [String; 2],
    /// The agency's and category's names.
    pub context: [String; 2],
    pub popular_rank: Option<i64>,
}

const NAME_WEIGHT: f64 = 10.0;
const KEYWORD_WEIGHT: f64 = 6.0;
const CONTEXT_WEIGHT: f64 = 3.0;
const SUMMARY_WEIGHT: f64 = 2.0;
/// Text in the language the person is not reading in still counts, a little less.
const OTHER_LANGUAGE: f64 = 0.9;
/// Bonus when the whole query appears as a phrase in the name.
const PHRASE_BONUS: f64 = 5.0;

/// Words that carry no meaning for finding a service, in both languages.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "apply", "for", "get", "how", "i", "in", "my", "of", "on", "or", "the", "to",
    "cha", "kwa", "la", "na", "ni", "vya", "wa", "ya", "za",
];

/// Lower-cases and splits text into words of letters and digits.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// The query's meaningful words; stop words go unless nothing else is left.
fn query_terms(query: &str) -> Vec<String> {
    let words = tokenize(query);
    let meaningful: Vec<String> = words
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    if meaningful.is_empty() {
        words
    } else {
        meaningful
    }
}

fn singular(word: &str) -> &str {
    if word.len() > 3 {
        word.strip_suffix('s').unwrap_or(word)
    } else {
        word
    }
}

/// How well one query word matches one document word, from 0 (not at all) to 1 (exactly).
pub fn word_similarity(query: &str, word: &str) -> f64 {
    if query == word {
        return 1.0;
    }
    if singular(query) == singular(word) {
        return 0.95;
    }
    let q_len = query.chars().count();
    if q_len >= 3 && word.starts_with(query) {
        return 0.8;
    }
    let distance = strsim::damerau_levenshtein(query, word);
    match distance {
        1 if q_len >= 4 => 0.7,
        2 if q_len >= 7 => 0.5,
        _ => 0.0,
    }
}

fn best_in(term: &str, words: &[String]) -> f64 {
    words
        .iter()
        .map(|w| word_similarity(term, w))
        .fold(0.0, f64::max)
}

struct DocWords {
    fields: Vec<(f64, Vec<String>)>,
    names: [String; 2],
}

impl DocWords {
    fn new(doc: &SearchDoc, lang: Lang) -> DocWords {
        let own = match lang {
            Lang::En => 0,
            Lang::Sw => 1,
        };
        let mut fields = Vec::with_capacity(8);
        for (weight, texts) in [
            (NAME_WEIGHT, &doc.names),
            (KEYWORD_WEIGHT, &doc.keywords),
            (CONTEXT_WEIGHT, &doc.context),
            (SUMMARY_WEIGHT, &doc.summaries),
        ] {
            for (i, text) in texts.iter().enumerate() {
                let factor = if i == own { 1.0 } else { OTHER_LANGUAGE };
                fields.push((weight * factor, tokenize(text)));
            }
        }
        let names = [
            tokenize(&doc.names[0]).join(" "),
            tokenize(&doc.names[1]).join(" "),
        ];
        DocWords { fields, names }
    }

    /// The best weighted match of one query word anywhere in the document.
    fn term_score(&self, term: &str) -> f64 {
        self.fields
            .iter()
            .map(|(weight, words)| weight * best_in(term, words))
            .fold(0.0, f64::max)
    }
}

/// Scores every document for the query and returns the matching ones, best first, as
/// `(index into docs, score)`. A document must match at least half the query's words.
pub fn rank(docs: &[SearchDoc], query: &str, lang: Lang) -> Vec<(usize, f64)> {
    let terms = query_terms(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let phrase = terms.join(" ");
    let mut scored: Vec<(usize, f64)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| {
            let words = DocWords::new(doc, lang);
            let scores: Vec<f64> = terms.iter().map(|t| words.term_score(t)).collect();
            let matched = scores.iter().filter(|s| **s > 0.0).count();
            let coverage = matched as f64 / terms.len() as f64;
            if matched == 0 || coverage < 0.5 {
                return None;
            }
            let mut score = scores.iter().sum::<f64>() * coverage * coverage;
            if terms.len() > 1 && words.names.iter().any(|n| n.contains(&phrase)) {
                score += PHRASE_BONUS;
            }
            Some((i, score))
        })
        .collect();
    // Ties: the more popular service, then the shorter name (the query is more of what it
    // is about), then the name itself — never the order rows happen to come back in, which
    // PostgreSQL changes whenever a row is updated.
    let own = match lang {
        Lang::En => 0,
        Lang::Sw => 1,
    };
    let name_words = |i: usize| tokenize(&docs[i].names[own]).len();
    scored.sort_by(|(a_i, a), (b_i, b)| {
        b.total_cmp(a)
            .then_with(|| {
                let rank = |i: usize| docs[i].popular_rank.unwrap_or(i64::MAX);
                rank(*a_i).cmp(&rank(*b_i))
            })
            .then_with(|| name_words(*a_i).cmp(&name_words(*b_i)))
            .then_with(|| docs[*a_i].names[own].cmp(&docs[*b_i].names[own]))
    });
    scored
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn doc(name: &str, keywords: &str) -> SearchDoc {
        SearchDoc {
            names: [name.to_string(), String::new()],
            keywords: [keywords.to_string(), String::new()],
            ..SearchDoc::default()
        }
    }

    #[rstest]
    #[case("passport", "passport", 1.0)]
    #[case("passports", "passport", 0.95)]
    #[case("pass", "passport", 0.8)]
    #[case("pasport", "passport", 0.7)]
    #[case("licnece", "licence", 0.7)]
    #[case("license", "licence", 0.7)]
    #[case("licnese", "licence", 0.5)]
    #[case("cat", "car", 0.0)]
    #[case("visa", "land", 0.0)]
    fn similarity(#[case] query: &str, #[case] word: &str, #[case] expected: f64) {
        assert_eq!(word_similarity(query, word), expected);
    }

    #[test]
    fn names_outrank_keywords_and_misspellings_still_match() {
        let docs = vec![
            doc("Register a business name", "company"),
            doc("Renew a passport", "passport renewal travel"),
            doc("Apply for a visa", "passport visitor"),
        ];
        let ranked = rank(&docs, "pasport", Lang::En);
        assert_eq!(ranked.first().map(|r| r.0), Some(1));
        assert!(ranked.iter().all(|(i, _)| *i != 0));
    }

    #[test]
    fn all_words_matter_and_stop_words_do_not() {
        let docs = vec![
            doc("Renew a passport", ""),
            doc("Renew a driving licence", ""),
        ];
        let ranked = rank(&docs, "how to renew my driving licence", Lang::En);
        assert_eq!(ranked.first().map(|r| r.0), Some(1));
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(rank(&[doc("Renew a passport", "")], "  ", Lang::En).is_empty());
    }
}
