//! Catalogue search: an in-memory tantivy index of every service, built with the catalogue
//! snapshot (decision 0022, which replaced 0003's scorer of every service per search).
//!
//! How a query is read, and why not tantivy's own query parser or BM25:
//! - The text is cut into words by the same analyzer as the index (letters and digits,
//!   lower case, accents folded), and words that carry no meaning ("how", "my", "ya") go.
//! - Each word is looked up in the index's vocabulary once: the word itself, its singular
//!   or plural, words it starts (someone still typing) and words within one or two edits (a
//!   misspelling), each with a similarity. This is what Lucene's fuzzy query does inside;
//!   done here, each variant costs one term lookup per field instead of an automaton per
//!   field, and an exact match outranks a misspelt one.
//! - A service scores, for each word, its best match over its fields: name 10, keywords 6,
//!   agency and category 3, summary 2, times the match's similarity, times 0.9 for text in
//!   the language the person is not reading. Word scores add up; at least half the words
//!   must match. Service names are a few words and keywords are lists, so BM25's length and
//!   frequency corrections would only add noise; fixed weights keep the order explainable.
//! - Ties go to the more popular service, then the shorter name, then the name's order.

use crate::i18n::Lang;
use crate::model::AccountType;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, DisjunctionMaxQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::{DocId, Index, IndexReader, Score, SegmentReader, TantivyDocument, Term};

/// The searchable text of one service in both languages (index 0 English, 1 Kiswahili),
/// and what it can be filtered by.
#[derive(Clone, Debug, Default)]
pub struct SearchDoc {
    pub names: [String; 2],
    pub keywords: [String; 2],
    pub summaries: [String; 2],
    /// The agency's and category's names.
    pub context: [String; 2],
    pub popular_rank: Option<i64>,
    /// The service's agency and every agency above it (positions in the snapshot).
    pub agencies: Vec<usize>,
    pub category: usize,
    pub account_types: Vec<AccountType>,
}

/// What a search is narrowed to (positions in the snapshot).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Narrowing {
    /// An agency, with the agencies under it.
    pub agency: Option<usize>,
    /// A county government, with its departments (an agency too, of the county kind).
    pub county: Option<usize>,
    pub category: Option<usize>,
    pub account_type: Option<AccountType>,
}

impl Narrowing {
    pub fn is_empty(&self) -> bool {
        *self == Narrowing::default()
    }
}

/// One page of matches: positions of services in the snapshot, best first, and how many
/// matched in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub services: Vec<usize>,
    pub total: usize,
}

const NAME_WEIGHT: Score = 10.0;
const KEYWORD_WEIGHT: Score = 6.0;
const CONTEXT_WEIGHT: Score = 3.0;
const SUMMARY_WEIGHT: Score = 2.0;
/// Text in the language the person is not reading in still counts, a little less.
const OTHER_LANGUAGE: Score = 0.9;
/// Added when the query's words stand together in the name, in order.
const PHRASE_BONUS: Score = 5.0;
/// How many of the vocabulary's words one query word may stand for (Lucene's
/// `maxExpansions`): enough for a prefix of three letters, few enough to stay fast.
const MAX_VARIANTS: usize = 24;
/// Query words beyond this are ignored (the box takes 100 characters).
const MAX_WORDS: usize = 8;
/// Expansions kept (see `SearchIndex::expansions`); past this the store starts afresh.
const MAX_EXPANSIONS: usize = 20_000;

/// Words that carry no meaning for finding a service, in both languages.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "apply", "can", "do", "for", "get", "how", "i", "in", "is", "me", "my",
    "need", "of", "on", "or", "the", "to", "want", "what", "where", "cha", "gani", "jinsi",
    "kupata", "kwa", "la", "na", "nataka", "nawezaje", "ni", "vya", "wa", "ya", "za",
];

const ANALYZER: &str = "uraia";

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The words of a text as the index holds them.
pub fn words(text: &str) -> Vec<String> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The query's meaningful words; stop words go unless nothing else is left.
fn query_words(query: &str) -> Vec<String> {
    let all = words(query);
    let meaningful: Vec<String> = all
        .iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .cloned()
        .collect();
    let mut chosen = if meaningful.is_empty() {
        all
    } else {
        meaningful
    };
    chosen.dedup();
    chosen.truncate(MAX_WORDS);
    chosen
}

fn singular(word: &str) -> &str {
    if word.len() > 3 {
        word.strip_suffix('s').unwrap_or(word)
    } else {
        word
    }
}

/// How much a vocabulary word stands for the query word, from 0 (not at all) to 1.
fn similarity(query: &str, word: &str) -> Score {
    if query == word {
        return 1.0;
    }
    if singular(query) == singular(word) {
        return 0.95;
    }
    let length = query.chars().count();
    if length >= 3 && word.starts_with(query) {
        return 0.8;
    }
    match strsim::damerau_levenshtein(query, word) {
        1 if length >= 4 => 0.7,
        2 if length >= 7 => 0.5,
        _ => 0.0,
    }
}

/// An account type as the index holds it.
fn account_code(account_type: AccountType) -> u64 {
    AccountType::ALL
        .iter()
        .position(|t| *t == account_type)
        .unwrap_or_default() as u64
}

/// The index's fields. Text fields are `[language][kind]`, kinds in `KINDS` order.
struct Fields {
    text: [[Field; 4]; 2],
    /// Every word of every text field, once per service: the vocabulary queries expand in.
    vocabulary: Field,
    agency: Field,
    category: Field,
    account_type: Field,
    /// The service's position in the snapshot (read once, after merging, into
    /// `SearchIndex::positions`).
    position: Field,
}

const KINDS: [(&str, Score); 4] = [
    ("name", NAME_WEIGHT),
    ("keywords", KEYWORD_WEIGHT),
    ("context", CONTEXT_WEIGHT),
    ("summary", SUMMARY_WEIGHT),
];

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let text = |positions: bool| {
            let option = if positions {
                IndexRecordOption::WithFreqsAndPositions
            } else {
                IndexRecordOption::Basic
            };
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(ANALYZER)
                    .set_index_option(option),
            )
        };
        let text_fields = Lang::ALL.map(|lang| {
            KINDS.map(|(kind, _)| {
                // Names keep positions, for the phrase bonus.
                builder.add_text_field(&format!("{kind}_{}", lang.code()), text(kind == "name"))
            })
        });
        let fields = Fields {
            text: text_fields,
            vocabulary: builder.add_text_field("vocabulary", text(false)),
            agency: builder.add_u64_field("agency", INDEXED),
            category: builder.add_u64_field("category", INDEXED),
            account_type: builder.add_u64_field("account_type", INDEXED),
            position: builder.add_u64_field("position", FAST),
        };
        (builder.build(), fields)
    }
}

/// A query word's variants (see `SearchIndex::variants`).
type Variants = Arc<[(String, Score)]>;

/// The catalogue's search index, in memory.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    /// By document id (the index is merged into one segment): the service's position in
    /// the snapshot, and ties' order (`tie`) in each language. Ranking reads these instead
    /// of fast fields (a tenth of a busy server's time went to decoding them).
    positions: Arc<[u32]>,
    ties: Arc<[Vec<u64>; 2]>,
    /// Which text fields hold each word (bit `language × 4 + kind`), so a query word's
    /// variants are looked up only in the fields that have them.
    present: HashMap<String, u8>,
    /// Query words' variants, worked out once per word for the index's life: people type
    /// the same words again and again, and expanding one (two automata over the
    /// vocabulary) costs more than the rest of its search.
    expansions: Mutex<HashMap<String, Variants>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("services", &self.reader.searcher().num_docs())
            .finish()
    }
}

/// Ties' order, higher first: popular services (by rank), then fewer words in the name,
/// then the name's alphabetical place.
fn tie(doc: &SearchDoc, lang: Lang, alphabetical: usize) -> u64 {
    let popularity = doc
        .popular_rank
        .map(|r| 0xFFFF - r.clamp(0, 0xFFFE) as u64)
        .unwrap_or(0);
    let name_words = words(&doc.names[lang.index()]).len().min(0xFF) as u64;
    let alphabetical = alphabetical.min(0xFF_FFFF) as u64;
    (popularity << 32) | ((0xFF - name_words) << 24) | (0xFF_FFFF - alphabetical)
}

impl SearchIndex {
    /// Indexes the services, in one segment (tantivy's docs are few and small here).
    pub fn build(docs: &[SearchDoc]) -> tantivy::Result<SearchIndex> {
        SearchIndex::build_committing(docs, usize::MAX)
    }

    /// As `build`, committing every `every` documents (each commit makes a segment; they
    /// are merged into one at the end, which the tests check with small `every`).
    fn build_committing(docs: &[SearchDoc], every: usize) -> tantivy::Result<SearchIndex> {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        index.tokenizers().register(ANALYZER, analyzer());
        let alphabetical = Lang::ALL.map(|lang| {
            let mut order: Vec<usize> = (0..docs.len()).collect();
            order.sort_by_cached_key(|&i| docs[i].names[lang.index()].to_lowercase());
            let mut place = vec![0; docs.len()];
            for (rank, i) in order.into_iter().enumerate() {
                place[i] = rank;
            }
            place
        });
        // One thread: the index is built in a blocking task while the server answers. 50 MB
        // holds 20,000 services' text in one segment (more would be flushed as another).
        let mut writer = index.writer_with_num_threads(1, 50_000_000)?;
        let mut ties_by_position: [Vec<u64>; 2] = Default::default();
        let mut present: HashMap<String, u8> = HashMap::new();
        for (position, doc) in docs.iter().enumerate() {
            let mut d = TantivyDocument::default();
            for lang in Lang::ALL {
                let i = lang.index();
                let texts = [
                    &doc.names[i],
                    &doc.keywords[i],
                    &doc.context[i],
                    &doc.summaries[i],
                ];
                for (kind, (field, text)) in fields.text[i].iter().zip(texts).enumerate() {
                    d.add_text(*field, text);
                    d.add_text(fields.vocabulary, text);
                    for word in words(text) {
                        *present.entry(word).or_default() |= 1 << (i * KINDS.len() + kind);
                    }
                }
                let tie = tie(doc, lang, alphabetical[i][position]);
                ties_by_position[i].push(tie);
            }
            for agency in &doc.agencies {
                d.add_u64(fields.agency, *agency as u64);
            }
            d.add_u64(fields.category, doc.category as u64);
            for account_type in &doc.account_types {
                d.add_u64(fields.account_type, account_code(*account_type));
            }
            d.add_u64(fields.position, position as u64);
            writer.add_document(d)?;
            if (position + 1) % every == 0 {
                writer.commit()?;
            }
        }
        writer.commit()?;
        // One segment, whatever the writer made: document ids then name services.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        let reader: IndexReader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        let positions: Vec<u32> = match searcher.segment_readers() {
            [] => Vec::new(),
            [segment] => {
                let column = segment
                    .fast_fields()
                    .u64("position")?
                    .first_or_default_col(0);
                (0..segment.max_doc())
                    .map(|doc| column.get_val(doc) as u32)
                    .collect()
            }
            _ => {
                return Err(tantivy::TantivyError::InternalError(
                    "the search index is not in one segment".into(),
                ))
            }
        };
        let ties = ties_by_position
            .map(|by_position| positions.iter().map(|&p| by_position[p as usize]).collect());
        Ok(SearchIndex {
            reader,
            fields,
            positions: positions.into(),
            ties: Arc::new(ties),
            present,
            expansions: Mutex::new(HashMap::new()),
        })
    }

    /// What the index takes in memory (its files, all held in RAM).
    pub fn bytes(&self) -> u64 {
        self.reader
            .searcher()
            .space_usage()
            .map(|usage| usage.total().get_bytes())
            .unwrap_or_default()
    }

    /// The vocabulary's words that stand for `word`, with their similarity, best first
    /// (worked out once per word: `expansions`).
    fn variants(&self, word: &str) -> Variants {
        let kept = |expansions: &HashMap<String, Variants>| expansions.get(word).cloned();
        if let Some(found) = self.expansions.lock().ok().and_then(|e| kept(&e)) {
            return found;
        }
        let variants: Variants = self.expand(word).into();
        if let Ok(mut expansions) = self.expansions.lock() {
            if expansions.len() >= MAX_EXPANSIONS {
                expansions.clear();
            }
            expansions.insert(word.to_string(), variants.clone());
        }
        variants
    }

    fn expand(&self, word: &str) -> Vec<(String, Score)> {
        let searcher = self.reader.searcher();
        let mut found: HashMap<String, Score> = HashMap::new();
        let length = word.chars().count();
        let term = Term::from_field_text(self.fields.vocabulary, word);
        let distance = match length {
            0..=3 => 0,
            4..=6 => 1,
            _ => 2,
        };
        let mut automata = vec![FuzzyTermQuery::new(term.clone(), distance, true)];
        if length >= 3 {
            automata.push(FuzzyTermQuery::new_prefix(term, 0, true));
        }
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.vocabulary) else {
                continue;
            };
            for query in &automata {
                let Ok(automaton) = query.automaton() else {
                    continue;
                };
                let Ok(mut stream) = inverted.terms().search(automaton).into_stream() else {
                    continue;
                };
                while stream.advance() {
                    let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    let score = similarity(word, candidate);
                    if score > 0.0 {
                        found.insert(candidate.to_string(), score);
                    }
                }
            }
        }
        // (A plural of the query word is among the prefixes; its singular among the edits.)
        let mut variants: Vec<(String, Score)> = found.into_iter().collect();
        variants.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| a.0.len().cmp(&b.0.len()))
                .then_with(|| a.0.cmp(&b.0))
        });
        variants.truncate(MAX_VARIANTS);
        variants
    }

    /// One query word's best match in a service, over its fields and the word's variants.
    /// (One term query per field and variant: grouping a field's variants into one
    /// `TermSetQuery` was tried and halved the searches a second — each builds a bitset of
    /// every document per field.)
    fn word_query(&self, word: &str, lang: Lang) -> Option<Box<dyn Query>> {
        let variants = self.variants(word);
        if variants.is_empty() {
            return None;
        }
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        for text_lang in Lang::ALL {
            let language = if text_lang == lang {
                1.0
            } else {
                OTHER_LANGUAGE
            };
            let fields = self.fields.text[text_lang.index()].iter().zip(KINDS);
            for (kind, (field, (_, weight))) in fields.enumerate() {
                let bit = 1 << (text_lang.index() * KINDS.len() + kind);
                for (variant, similarity) in variants.iter() {
                    // A field without the word has nothing to find.
                    if self
                        .present
                        .get(variant)
                        .is_none_or(|fields| fields & bit == 0)
                    {
                        continue;
                    }
                    let term = Term::from_field_text(*field, variant);
                    alternatives.push(Box::new(ConstScoreQuery::new(
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                        weight * language * similarity,
                    )));
                }
            }
        }
        // One alternative needs no union (each union costs a buffer of 4,096 scores).
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Box::new(DisjunctionMaxQuery::new(alternatives))),
        }
    }

    fn narrowing(&self, narrowing: &Narrowing) -> Vec<(Occur, Box<dyn Query>)> {
        let filter = |field: Field, value: u64| -> (Occur, Box<dyn Query>) {
            (
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermQuery::new(
                        Term::from_field_u64(field, value),
                        IndexRecordOption::Basic,
                    )),
                    0.0,
                )),
            )
        };
        let mut clauses = Vec::new();
        for agency in [narrowing.agency, narrowing.county].into_iter().flatten() {
            clauses.push(filter(self.fields.agency, agency as u64));
        }
        if let Some(category) = narrowing.category {
            clauses.push(filter(self.fields.category, category as u64));
        }
        if let Some(account_type) = narrowing.account_type {
            clauses.push(filter(self.fields.account_type, account_code(account_type)));
        }
        clauses
    }

    /// The services matching `query` within `narrowing`, best first: `limit` of them from
    /// `offset`. An empty query lists every service the narrowing allows (none without one).
    pub fn search(
        &self,
        query: &str,
        lang: Lang,
        narrowing: &Narrowing,
        offset: usize,
        limit: usize,
    ) -> Found {
        let words = query_words(query);
        if (words.is_empty() && narrowing.is_empty()) || limit == 0 {
            return Found::default();
        }
        let mut clauses = self.narrowing(narrowing);
        if words.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        } else {
            let mut per_word: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for word in &words {
                if let Some(q) = self.word_query(word, lang) {
                    per_word.push((Occur::Should, q));
                }
            }
            // At least half the words must match.
            let needed = words.len().div_ceil(2);
            if per_word.len() < needed || per_word.is_empty() {
                return Found::default();
            }
            let matching: Box<dyn Query> = if per_word.len() == 1 {
                per_word.remove(0).1
            } else {
                Box::new(BooleanQuery::with_minimum_required_clauses(
                    per_word, needed,
                ))
            };
            clauses.push((Occur::Must, matching));
            if words.len() > 1 {
                let name = self.fields.text[lang.index()][0];
                let terms = words
                    .iter()
                    .enumerate()
                    .map(|(at, w)| (at, Term::from_field_text(name, w)))
                    .collect();
                let phrase = PhraseQuery::new_with_offset_and_slop(terms, 1);
                clauses.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(Box::new(phrase), PHRASE_BONUS)),
                ));
            }
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let (ties, i) = (self.ties.clone(), lang.index());
        // The document id last, inverted so that the earlier service wins a full tie.
        let top =
            TopDocs::with_limit(limit)
                .and_offset(offset)
                .tweak_score(move |_: &SegmentReader| {
                    let ties = ties.clone();
                    move |doc: DocId, score: Score| {
                        let tie = ties[i].get(doc as usize).copied().unwrap_or_default();
                        (score, tie, u32::MAX - doc)
                    }
                });
        let counted = searcher.search(&query, &(Count, top));
        match counted {
            Ok((total, top)) => Found {
                total,
                services: top
                    .into_iter()
                    .filter_map(|((_, _, doc), _)| {
                        self.positions
                            .get((u32::MAX - doc) as usize)
                            .map(|&p| p as usize)
                    })
                    .collect(),
            },
            Err(error) => {
                tracing::error!(%error, "search failed");
                Found::default()
            }
        }
    }
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

    fn first(docs: &[SearchDoc], query: &str) -> Vec<usize> {
        SearchIndex::build(docs)
            .unwrap()
            .search(query, Lang::En, &Narrowing::default(), 0, 10)
            .services
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
    fn similarity_of_words(#[case] query: &str, #[case] word: &str, #[case] expected: Score) {
        assert_eq!(similarity(query, word), expected);
    }

    #[test]
    fn words_are_folded_and_split() {
        assert_eq!(
            words("Café-owner's LICENCE"),
            ["cafe", "owner", "s", "licence"]
        );
    }

    #[test]
    fn names_outrank_keywords_and_misspellings_still_match() {
        let docs = vec![
            doc("Register a business name", "company"),
            doc("Renew a passport", "passport renewal travel"),
            doc("Apply for a visa", "passport visitor"),
        ];
        let found = first(&docs, "pasport");
        assert_eq!(found.first(), Some(&1));
        assert!(!found.contains(&0));
    }

    #[test]
    fn all_words_matter_and_stop_words_do_not() {
        let docs = vec![
            doc("Renew a passport", ""),
            doc("Renew a driving licence", ""),
        ];
        assert_eq!(
            first(&docs, "how to renew my driving licence").first(),
            Some(&1)
        );
    }

    #[test]
    fn a_word_being_typed_finds_what_it_starts() {
        let docs = vec![doc("Land search", ""), doc("Marriage certificate", "")];
        assert_eq!(first(&docs, "marri"), [1]);
    }

    #[test]
    fn ties_go_to_the_popular_then_the_shorter_name() {
        let mut docs = vec![
            doc("Passport for a child under eighteen", ""),
            doc("Replace a lost passport", ""),
            doc("Renew a passport", ""),
        ];
        assert_eq!(first(&docs, "passport"), [2, 1, 0]);
        docs[0].popular_rank = Some(3);
        assert_eq!(first(&docs, "passport")[0], 0);
    }

    #[test]
    fn narrowing_and_paging() {
        let mut docs: Vec<SearchDoc> = (0..25)
            .map(|i| doc(&format!("Permit number {i}"), ""))
            .collect();
        for (i, d) in docs.iter_mut().enumerate() {
            d.agencies = vec![i % 5, 100];
            d.category = i % 2;
            d.account_types = vec![AccountType::Citizen];
        }
        let index = SearchIndex::build(&docs).unwrap();
        let all = index.search("permit", Lang::En, &Narrowing::default(), 0, 10);
        assert_eq!((all.total, all.services.len()), (25, 10));
        let next = index.search("permit", Lang::En, &Narrowing::default(), 20, 10);
        assert_eq!(next.services.len(), 5);
        assert!(next.services.iter().all(|s| !all.services.contains(s)));
        let narrowed = Narrowing {
            agency: Some(3),
            category: Some(1),
            ..Narrowing::default()
        };
        let some = index.search("permit", Lang::En, &narrowed, 0, 10);
        assert!(some.services.iter().all(|&s| s % 5 == 3 && s % 2 == 1));
        assert_eq!(some.total, some.services.len());
        let parent = Narrowing {
            agency: Some(100),
            ..Narrowing::default()
        };
        assert_eq!(index.search("", Lang::En, &parent, 0, 30).total, 25);
        let refugees = Narrowing {
            account_type: Some(AccountType::Refugee),
            ..Narrowing::default()
        };
        assert_eq!(index.search("permit", Lang::En, &refugees, 0, 10).total, 0);
    }

    /// An index written in several segments (commits along the way) is merged into one
    /// and ranks exactly as one written at once.
    #[test]
    fn an_index_written_in_pieces_ranks_the_same() {
        let mut docs: Vec<SearchDoc> = (0..40)
            .map(|i| {
                doc(
                    &format!(
                        "Permit {} for trade number {i}",
                        ["market", "liquor", "fire"][i % 3]
                    ),
                    "",
                )
            })
            .collect();
        docs[17].popular_rank = Some(1);
        let whole = SearchIndex::build(&docs).unwrap();
        let pieces = SearchIndex::build_committing(&docs, 3).unwrap();
        assert_eq!(pieces.reader.searcher().segment_readers().len(), 1);
        for query in ["permit", "liquor permit", "fire", "trade 17", "markt"] {
            let a = whole.search(query, Lang::En, &Narrowing::default(), 0, 40);
            let b = pieces.search(query, Lang::En, &Narrowing::default(), 0, 40);
            assert_eq!(a, b, "{query}");
            assert!(!a.services.is_empty(), "{query}");
        }
        assert_eq!(
            whole
                .search("permit", Lang::En, &Narrowing::default(), 0, 1)
                .services,
            [17]
        );
    }

    /// A word's variants are worked out once and then reused.
    #[test]
    fn expansions_are_kept() {
        let index = SearchIndex::build(&[doc("Renew a passport", "")]).unwrap();
        let first = index.variants("pasport");
        let again = index.variants("pasport");
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(first[0].0, "passport");
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(first(&[doc("Renew a passport", "")], "  ").is_empty());
    }
}
