//! What changed between two versions of an article, field by field and word by word.
//!
//! [`diff`] is pure: two articles in, an [`ArticleDiff`] out, which the window's compare
//! view and `newsdesk diff` only display. Each field of [`FIELDS`] is compared as text
//! ([`Article::text`]); the body is aligned paragraph by paragraph first and only then word
//! by word within the paragraphs it paired, so a paragraph that moved reads as moved and
//! one that was split in two reads as split, not as a wall of deleted and inserted text.
//!
//! Words are [`tokens`]: runs of letters and digits that keep the punctuation joining two
//! of them, so "ke-1.000", "1/10/2024", "Liputan6.com" and "Rutte's" each change as one
//! word, while the brackets, quotes and full stops around them are tokens of their own.
//! (Unicode's word boundaries, UAX #29, would cut "ke-1.000" and "1/10/2024" apart.) Word
//! counts in the summary are [`crate::stats::words`], the one count the status bar uses.
//!
//! The sequences are diffed by `similar` (Myers) as integer ids: each distinct paragraph and
//! each distinct token (as compared) gets one from an interner, so the diff of the ids is the
//! diff of the texts without comparing strings. Paragraphs are paired inside each run of
//! changed paragraphs by the words they share, the best order-keeping pairing found as a
//! heaviest increasing chain, looked for within a band around the diagonal so a
//! 100,000-word body with every paragraph touched stays fast.
//!
//! Not compared: the id (identity, not content), the spelling ignore list and unknown
//! front-matter keys (no reader sees them). Whitespace between paragraphs is not a change.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, DiffOp};

use crate::article::{Article, Field};
use crate::stats;

/// The fields a diff compares, in the form's order with the body last. A field added to
/// the article is diffed by adding it here; its text is [`Article::text`] and [`restore`]
/// copies it.
pub const FIELDS: [Field; 12] = [
    Field::Headline,
    Field::Slugline,
    Field::Place,
    Field::Outlet,
    Field::Date,
    Field::Byline,
    Field::Credit,
    Field::Language,
    Field::Summary,
    Field::Keywords,
    Field::Pictures,
    Field::Body,
];

/// Whether a run of text is in both versions, only the new one, or only the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

/// A run of text with its [`Op`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub op: Op,
    pub text: String,
}

impl Run {
    fn new(op: Op, text: impl Into<String>) -> Self {
        Self {
            op,
            text: text.into(),
        }
    }
}

/// How a block of a field lines up with the other version. Paragraph numbers count from
/// 0; line fields are one block, paragraph 0 on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    /// The same on both sides.
    Same {
        old: usize,
        new: usize,
    },
    /// Edited in place; the runs mark the words.
    Changed {
        old: usize,
        new: usize,
    },
    Inserted {
        new: usize,
    },
    Deleted {
        old: usize,
    },
    /// The paragraph that was at `old` is now at `new`: shown here, at its new place, with
    /// any edits marked.
    MovedHere {
        old: usize,
        new: usize,
    },
    /// Where the paragraph now at `new` used to be: a marker, no runs.
    MovedAway {
        old: usize,
        new: usize,
    },
    /// Paragraph `old` became the `count` paragraphs from `new`; the runs mark the
    /// paragraph breaks inserted (`"\n\n"`) and any edits.
    Split {
        old: usize,
        new: usize,
        count: usize,
    },
    /// The `count` paragraphs from `old` became paragraph `new`.
    Joined {
        old: usize,
        count: usize,
        new: usize,
    },
}

/// One block of a field: a line field's whole text, or a paragraph group of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub shape: Shape,
    pub runs: Vec<Run>,
}

impl Block {
    /// Whether this block shows a change.
    pub fn is_change(&self) -> bool {
        !matches!(self.shape, Shape::Same { .. })
    }
}

/// One field's comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    pub field: Field,
    pub blocks: Vec<Block>,
}

/// What changed, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub words_inserted: usize,
    pub words_deleted: usize,
    /// Paragraphs edited in place.
    pub changed: usize,
    pub inserted: usize,
    pub deleted: usize,
    pub moved: usize,
    pub split: usize,
    pub joined: usize,
}

impl FieldDiff {
    pub fn is_changed(&self) -> bool {
        self.blocks.iter().any(Block::is_change)
    }

    /// Every run of the field in order, paragraphs separated by equal `"\n\n"` runs.
    pub fn runs(&self) -> Vec<Run> {
        let mut out = Vec::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 && !b.runs.is_empty() && !out.is_empty() {
                out.push(Run::new(Op::Equal, "\n\n"));
            }
            out.extend(b.runs.iter().cloned());
        }
        out
    }

    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for b in &self.blocks {
            match b.shape {
                Shape::Same { .. } | Shape::MovedAway { .. } => {}
                Shape::Changed { .. } => t.changed += 1,
                Shape::Inserted { .. } => t.inserted += 1,
                Shape::Deleted { .. } => t.deleted += 1,
                Shape::MovedHere { .. } => t.moved += 1,
                Shape::Split { .. } => t.split += 1,
                Shape::Joined { .. } => t.joined += 1,
            }
            for r in &b.runs {
                match r.op {
                    Op::Equal => {}
                    Op::Insert => t.words_inserted += stats::words(&r.text).count(),
                    Op::Delete => t.words_deleted += stats::words(&r.text).count(),
                }
            }
        }
        t
    }
}

/// Two articles compared, field by field, in [`FIELDS`] order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleDiff {
    pub fields: Vec<FieldDiff>,
}

impl ArticleDiff {
    /// True when no compared field differs.
    pub fn is_equal(&self) -> bool {
        !self.fields.iter().any(FieldDiff::is_changed)
    }

    pub fn field(&self, field: Field) -> Option<&FieldDiff> {
        self.fields.iter().find(|f| f.field == field)
    }

    /// Words inserted plus deleted, over every field: the size of the change.
    pub fn words_changed(&self) -> usize {
        self.fields
            .iter()
            .map(|f| {
                let t = f.tally();
                t.words_inserted + t.words_deleted
            })
            .sum()
    }

    /// One line for people: "headline changed; body: 14 words inserted, 31 deleted,
    /// 2 paragraphs split; byline, credit unchanged".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut unchanged = Vec::new();
        for f in &self.fields {
            if !f.is_changed() {
                unchanged.push(f.field.label());
            } else if f.field == Field::Body {
                parts.push(format!("body: {}", body_summary(&f.tally())));
            } else {
                parts.push(format!("{} changed", f.field.label()));
            }
        }
        if parts.is_empty() {
            return "no changes".to_owned();
        }
        if !unchanged.is_empty() {
            parts.push(format!("{} unchanged", unchanged.join(", ")));
        }
        parts.join("; ")
    }
}

fn body_summary(t: &Tally) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut bits = vec![
        format!("{} inserted", plural(t.words_inserted, "word", "words")),
        format!("{} deleted", t.words_deleted),
    ];
    for (n, what) in [
        (t.inserted, "inserted"),
        (t.deleted, "deleted"),
        (t.moved, "moved"),
        (t.split, "split"),
        (t.joined, "joined"),
    ] {
        if n > 0 {
            bits.push(format!("{} {what}", plural(n, "paragraph", "paragraphs")));
        }
    }
    bits.join(", ")
}

/// Compares two articles: `old` is the earlier version (the original, a stored version),
/// `new` the later one.
pub fn diff(old: &Article, new: &Article) -> ArticleDiff {
    let fields = FIELDS
        .iter()
        // Articles without pictures (nearly every article before them) say nothing of them.
        .filter(|&&f| f != Field::Pictures || !(old.pictures.is_empty() && new.pictures.is_empty()))
        .map(|&field| {
            let (a, b) = (old.text(field), new.text(field));
            let blocks = if field == Field::Body {
                body(&a, &b)
            } else {
                vec![line(&a, &b)]
            };
            FieldDiff { field, blocks }
        })
        .collect();
    ArticleDiff { fields }
}

/// Copies `field` of `from` into `into` (the compare view's Restore of one field).
pub fn restore(into: &mut Article, from: &Article, field: Field) {
    match field {
        Field::Date => into.dateline.date = from.dateline.date,
        Field::Keywords => into.keywords.clone_from(&from.keywords),
        Field::Pictures => into.pictures.clone_from(&from.pictures),
        _ => {
            if let (Some(to), Some(text)) = (into.text_mut(field), from.text_str(field)) {
                text.clone_into(to);
            }
        }
    }
}

fn line(old: &str, new: &str) -> Block {
    if old == new {
        let runs = if new.is_empty() {
            Vec::new()
        } else {
            vec![Run::new(Op::Equal, new)]
        };
        Block {
            shape: Shape::Same { old: 0, new: 0 },
            runs,
        }
    } else {
        Block {
            shape: Shape::Changed { old: 0, new: 0 },
            runs: words(old, new),
        }
    }
}

/// A token: a word (letters and digits, with joining punctuation), a run of whitespace, or
/// one other character. The tokens of a text concatenate back to it.
pub fn tokens(text: &str) -> Vec<&str> {
    if text.len() > MAX_CUT {
        return vec![text];
    }
    let c = cut(text, &mut Interner::default());
    (0..c.len()).map(|t| c.span(t..t + 1)).collect()
}

/// A text cut into tokens, each as the id the diff compares ([`Interner`]) and where it
/// starts: Myers then compares integers, not strings, and a run of tokens is one slice of
/// the text.
#[derive(Debug, Default)]
struct Cut<'a> {
    text: &'a str,
    /// Byte offset of each token, then the text's length (texts are at most [`MAX_CUT`]
    /// bytes: half the memory of `usize` offsets, a quarter of the diff's).
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl<'a> Cut<'a> {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The text of tokens `range`.
    fn span(&self, range: std::ops::Range<usize>) -> &'a str {
        &self.text[self.starts[range.start] as usize..self.starts[range.end] as usize]
    }
}

/// Hands out one id per token as the diff compares it, both sides sharing the table:
/// whitespace by kind only ([`key`]: a double space is not a change, a paragraph break is),
/// everything else by its exact text. Equal ids are exactly equal tokens, so the diff of
/// the ids is the diff of the tokens.
///
/// An open-addressing table keyed by a token's first 16 bytes and its length, which are
/// the whole token for nearly every word: a look-up is two loads, a hash and three
/// compares, where a general map hashed the bytes, probed and called `memcmp` (every token
/// of every changed paragraph is looked up).
struct Interner<'a> {
    /// A power of two long, at most half full.
    slots: Vec<Slot>,
    /// Per id: the token's text.
    texts: Vec<&'a str>,
    /// Per id: the word's class, [`NOT_A_WORD`] for the rest. Words of one class are equal
    /// ignoring case (their [`word_hash`] is equal): what pairing compares.
    classes: Vec<u32>,
    /// Class per [`word_hash`].
    class_of: HashMap<u64, u32, BuildHasherDefault<FastHash>>,
}

/// A token in the interner: its first 16 bytes (zero-padded), its length (at most
/// `u32::MAX`) and id + 1; id + 1 of 0 is an empty slot.
#[derive(Clone, Copy, Default)]
struct Slot {
    head: [u64; 2],
    len: u32,
    id: u32,
}

/// The ids of the three kinds of whitespace, [`key`]'s answers.
const SPACE: u32 = 0;
const LINE: u32 = 1;
const PARAGRAPH: u32 = 2;
/// The class of a token that is no word.
const NOT_A_WORD: u32 = u32::MAX;

impl Default for Interner<'_> {
    fn default() -> Self {
        Self {
            slots: vec![Slot::default(); 64],
            texts: vec![" ", "\n", "\n\n"],
            classes: vec![NOT_A_WORD; 3],
            class_of: HashMap::default(),
        }
    }
}

impl<'a> Interner<'a> {
    /// The id of the token `text[start..end]`; `word` when it is a word (it starts with a
    /// word character).
    #[inline]
    fn id(&mut self, text: &'a str, start: usize, end: usize, word: bool) -> u32 {
        let head = head(text.as_bytes(), start, end);
        let len = u32::try_from(end - start).unwrap_or(u32::MAX);
        let token = &text[start..end];
        let mask = self.slots.len() - 1;
        let mut slot = slot_of(head, len, token) & mask;
        loop {
            let s = self.slots[slot];
            if s.id == 0 {
                break;
            }
            // Up to 16 bytes, head and length are the token.
            if s.head == head
                && s.len == len
                && (len <= 16 || self.texts[s.id as usize - 1] == token)
            {
                return s.id - 1;
            }
            slot = (slot + 1) & mask;
        }
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX - 1);
        self.texts.push(token);
        let class = if word {
            let next = u32::try_from(self.class_of.len()).unwrap_or(NOT_A_WORD - 1);
            *self.class_of.entry(word_hash(token)).or_insert(next)
        } else {
            NOT_A_WORD
        };
        self.classes.push(class);
        self.slots[slot] = Slot {
            head,
            len,
            id: id + 1,
        };
        if self.texts.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Doubles the table, placing each token again.
    fn grow(&mut self) {
        let mut slots = vec![Slot::default(); self.slots.len() * 2];
        let mask = slots.len() - 1;
        for s in self.slots.iter().filter(|s| s.id != 0) {
            let mut slot = slot_of(s.head, s.len, self.texts[s.id as usize - 1]) & mask;
            while slots[slot].id != 0 {
                slot = (slot + 1) & mask;
            }
            slots[slot] = *s;
        }
        self.slots = slots;
    }

    /// The id of the whitespace token `text[start..end]`.
    #[inline]
    fn space(&mut self, text: &'a str, start: usize, end: usize) -> u32 {
        match key(&text[start..end]) {
            " " => SPACE,
            "\n" => LINE,
            "\n\n" => PARAGRAPH,
            // Whitespace `is_space` does not count as such (a vertical tab) is compared
            // exactly, as any other token.
            _ => self.id(text, start, end, false),
        }
    }

    /// The word class of token `id`, `None` for a token that is no word.
    #[inline]
    fn class(&self, id: u32) -> Option<u32> {
        self.classes
            .get(id as usize)
            .copied()
            .filter(|&c| c != NOT_A_WORD)
    }

    /// How many word classes there are: each is below this.
    fn class_count(&self) -> usize {
        self.class_of.len()
    }
}

/// The first 16 bytes of the token `bytes[start..end]`, zero-padded, as two words. Each is
/// one load of eight bytes, running past the token's end where the text goes on (then
/// masked).
#[inline]
fn head(bytes: &[u8], start: usize, end: usize) -> [u64; 2] {
    let word = |at: usize| -> u64 {
        if at >= end {
            return 0;
        }
        let raw = if let Some(eight) = bytes.get(at..at + 8) {
            let mut w = [0; 8];
            w.copy_from_slice(eight);
            u64::from_le_bytes(w)
        } else {
            let mut w = [0; 8];
            for (to, &b) in w.iter_mut().zip(&bytes[at..end]) {
                *to = b;
            }
            u64::from_le_bytes(w)
        };
        let n = end - at;
        if n >= 8 {
            raw
        } else {
            raw & ((1 << (8 * n)) - 1)
        }
    };
    [word(start), word(start + 8)]
}

/// The slot a token hashes to (before the table's mask).
#[inline]
fn slot_of(head: [u64; 2], len: u32, token: &str) -> usize {
    let mut h = FastHash(u64::from(len));
    h.add(head[0]);
    h.add(head[1]);
    if let Some(rest) = token.as_bytes().get(16..) {
        std::hash::Hasher::write(&mut h, rest);
    }
    // The low bits pick the slot: fold the high ones in.
    #[allow(clippy::cast_possible_truncation)]
    let slot = (h.0 ^ (h.0 >> 29)) as usize;
    slot
}

/// A quick hash for short keys, eight bytes a step (the multiply-rotate of rustc's
/// `FxHash`): the interner's tokens, the paragraphs, the word classes. The keys are the
/// words of the two texts compared: nobody gains by making them collide, so std's
/// `SipHash`, built to resist that, would be cost for nothing.
#[derive(Default)]
struct FastHash(u64);

impl FastHash {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(Self::K).rotate_left(26);
    }
}

impl std::hash::Hasher for FastHash {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0; 8];
        for (to, &b) in last.iter_mut().zip(chunks.remainder()) {
            *to = b;
        }
        self.add(u64::from_le_bytes(last));
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[inline]
fn is_space(token: &str) -> bool {
    match token.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_whitespace(),
        Some(_) => token.starts_with(char::is_whitespace),
        None => false,
    }
}

/// What an ASCII byte starts or continues: the tokenizer's table, so the usual letter
/// costs one look-up rather than a character decode and three tests.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Space,
    Word,
    Joiner,
    Other,
}

const ASCII: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        #[allow(clippy::cast_possible_truncation)] // b < 128
        let c = b as u8 as char;
        table[b] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else if is_joiner(c) {
            Class::Joiner
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// ASCII letters and digits, by byte.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = matches!(ASCII[b], Class::Word);
        b += 1;
    }
    table
};

/// Whether the character at byte `pos` (a boundary) is a word character.
#[inline]
fn word_at(text: &str, pos: usize) -> bool {
    match text.as_bytes().get(pos) {
        Some(&b) if b.is_ascii() => WORD_BYTE[usize::from(b)],
        Some(_) => is_word_char(char_at(text, pos)),
        None => false,
    }
}

/// Where the word that goes on at `pos` ends: word characters, and punctuation joining
/// two of them.
#[inline]
fn word_end(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while bytes.get(pos).is_some_and(|&b| WORD_BYTE[usize::from(b)]) {
            pos += 1;
        }
        let Some(&b) = bytes.get(pos) else {
            return pos;
        };
        let d = char_at(text, pos);
        if !b.is_ascii() && is_word_char(d) {
            pos += d.len_utf8();
            continue;
        }
        // Punctuation that joins two word characters stays in the word.
        let after = pos + d.len_utf8();
        if is_joiner(d) && word_at(text, after) {
            pos = after;
            continue;
        }
        return pos;
    }
}

/// The longest text cut into tokens: 4 GiB, far over any article (files are at most
/// [`crate::storage::fsio::MAX_FILE_BYTES`]). A longer text is compared whole ([`whole`]).
const MAX_CUT: usize = u32::MAX as usize;

/// Cuts `text`, at most [`MAX_CUT`] bytes, into [`tokens`], as the diff compares them.
fn cut<'a>(text: &'a str, interner: &mut Interner<'a>) -> Cut<'a> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut starts = Vec::with_capacity(len / 3 + 2);
    let mut ids = Vec::with_capacity(len / 3 + 1);
    let mut pos = 0;
    while pos < len {
        let start = pos;
        let b = bytes[pos];
        let class = if b.is_ascii() {
            ASCII[usize::from(b)]
        } else {
            let c = char_at(text, pos);
            if c.is_whitespace() {
                Class::Space
            } else if is_word_char(c) {
                Class::Word
            } else {
                Class::Other
            }
        };
        let id = match class {
            // The space between two words, the commonest token.
            Class::Space
                if b == b' '
                    && bytes
                        .get(pos + 1)
                        .is_none_or(|&n| n.is_ascii() && ASCII[usize::from(n)] != Class::Space) =>
            {
                pos += 1;
                SPACE
            }
            Class::Space => {
                while pos < len {
                    let d = char_at(text, pos);
                    if !d.is_whitespace() {
                        break;
                    }
                    pos += d.len_utf8();
                }
                interner.space(text, start, pos)
            }
            Class::Word => {
                pos = word_end(text, pos + char_at(text, pos).len_utf8());
                interner.id(text, start, pos, true)
            }
            Class::Joiner | Class::Other => {
                pos += char_at(text, pos).len_utf8();
                interner.id(text, start, pos, false)
            }
        };
        starts.push(offset(start));
        ids.push(id);
    }
    starts.push(offset(len));
    Cut { text, starts, ids }
}

/// A byte offset in a text of at most [`MAX_CUT`] bytes.
#[inline]
fn offset(pos: usize) -> u32 {
    u32::try_from(pos).unwrap_or(u32::MAX)
}

/// The character at byte `pos`, a character boundary (ASCII without decoding).
#[inline]
fn char_at(text: &str, pos: usize) -> char {
    match text.as_bytes()[pos] {
        b if b.is_ascii() => char::from(b),
        _ => text[pos..].chars().next().unwrap_or('\0'),
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Combining marks (a decomposed "é") belong to their letter.
    c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}')
}

/// "ke-1.000", "1/10/2024", "Rutte's", "10:30", "3,5", "Liputan6.com", "x@y".
const fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\'' | '’' | '.' | '/' | ',' | ':' | '_' | '@' | '&' | '\u{ad}'
    )
}

/// How a token is compared: whitespace by kind only (a double space is not a change,
/// a paragraph break is), everything else exactly.
#[inline]
fn key(token: &str) -> &str {
    if !is_space(token) {
        token
    } else if token.matches('\n').count() >= 2 {
        "\n\n"
    } else if token.contains('\n') {
        "\n"
    } else {
        " "
    }
}

/// No single word diff may run longer than this; past it `similar` settles for a coarser
/// but still correct result (only a pathological paragraph gets near it).
const WORD_DEADLINE: Duration = Duration::from_secs(1);

/// The word runs turning `old` into `new`.
pub fn words(old: &str, new: &str) -> Vec<Run> {
    if old.len().max(new.len()) > MAX_CUT {
        return whole(old, new);
    }
    let mut interner = Interner::default();
    let a = cut(old, &mut interner);
    let b = cut(new, &mut interner);
    word_runs(&a, &b)
}

/// The runs of a text too long to cut: equal, or all of it deleted and inserted.
fn whole(old: &str, new: &str) -> Vec<Run> {
    if old == new {
        return vec![Run::new(Op::Equal, new)];
    }
    [(Op::Delete, old), (Op::Insert, new)]
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(op, t)| Run::new(op, t))
        .collect()
}

/// [`words`] over texts already cut into tokens.
fn word_runs(a: &Cut<'_>, b: &Cut<'_>) -> Vec<Run> {
    // Only a huge paragraph can get near the deadline; asking the clock costs the rest.
    let deadline = (a.len() + b.len() > 10_000).then(|| Instant::now() + WORD_DEADLINE);
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, &a.ids, &b.ids, deadline);
    // Consecutive steps of one kind are consecutive tokens of one side (the steps walk
    // both sides in order), so each raw run is one slice of its text.
    let mut raw: Vec<(Op, bool, usize, usize)> = Vec::with_capacity(ops.len() + 1);
    let mut push = |op: Op, new: bool, range: std::ops::Range<usize>| {
        if range.is_empty() {
            return;
        }
        match raw.last_mut() {
            Some(last) if last.0 == op && last.1 == new && last.3 == range.start => {
                last.3 = range.end;
            }
            _ => raw.push((op, new, range.start, range.end)),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { new_index, len, .. } => {
                push(Op::Equal, true, new_index..new_index + len);
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => push(Op::Delete, false, old_index..old_index + old_len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push(Op::Insert, true, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(Op::Delete, false, old_index..old_index + old_len);
                push(Op::Insert, true, new_index..new_index + new_len);
            }
        }
    }
    let raw: Vec<(Op, &str)> = raw
        .into_iter()
        .map(|(op, new, from, to)| (op, if new { b } else { a }.span(from..to)))
        .collect();
    hunks(&raw)
}

/// Appends `text` to `out`, into its last run when that is of the same kind.
fn push_run(out: &mut Vec<Run>, op: Op, text: &str) {
    match out.last_mut() {
        Some(last) if last.op == op => last.text.push_str(text),
        _ => out.push(Run::new(op, text)),
    }
}

/// Joins changes separated only by whitespace into one deletion and one insertion, as
/// `git diff --word-diff` shows them: `[-two old-]{+three new words+}`. `raw` holds no
/// two neighbours of one kind.
fn hunks(raw: &[(Op, &str)]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let (mut del, mut ins, mut open) = (String::new(), String::new(), false);
    let flush = |out: &mut Vec<Run>, del: &mut String, ins: &mut String| {
        // Whitespace both sides end with is not part of the change.
        let common = del
            .chars()
            .rev()
            .zip(ins.chars().rev())
            .take_while(|(x, y)| x == y && x.is_whitespace())
            .map(|(x, _)| x.len_utf8())
            .sum::<usize>();
        let cut = del.len() - common;
        if cut > 0 {
            push_run(out, Op::Delete, &del[..cut]);
        }
        if ins.len() > common {
            push_run(out, Op::Insert, &ins[..ins.len() - common]);
        }
        if common > 0 {
            push_run(out, Op::Equal, &del[cut..]);
        }
        del.clear();
        ins.clear();
    };
    let n = raw.len();
    for (i, &(op, text)) in raw.iter().enumerate() {
        match op {
            Op::Delete => {
                del.push_str(text);
                open = true;
            }
            Op::Insert => {
                ins.push_str(text);
                open = true;
            }
            Op::Equal => {
                let bridges = open && i + 1 < n && text.trim().is_empty();
                if bridges {
                    del.push_str(text);
                    ins.push_str(text);
                    continue;
                }
                if open {
                    flush(&mut out, &mut del, &mut ins);
                    open = false;
                }
                push_run(&mut out, Op::Equal, text);
            }
        }
    }
    if open {
        flush(&mut out, &mut del, &mut ins);
    }
    out
}

/// The body's paragraphs: text between blank lines, without the line breaks around it.
pub fn paragraphs(body: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&body[s..end]);
            }
        } else {
            start.get_or_insert(pos);
            end = pos + content.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(&body[s..end]);
    }
    out
}

/// A paragraph's words as their classes (equal ignoring case), in no order: what pairing
/// compares ([`Scorer`]).
type Bag = Vec<u32>;

fn bag(cut: &Cut<'_>, interner: &Interner<'_>) -> Bag {
    // The interner knows each distinct word's class: a word is hashed once, not each time.
    let mut words = Vec::with_capacity(cut.len() / 2 + 1);
    words.extend(cut.ids.iter().filter_map(|&id| interner.class(id)));
    words
}

/// FNV-1a of the word in lower case: what pairing compares (once per distinct word, by the
/// [`Interner`]).
fn word_hash(word: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    };
    if word.is_ascii() {
        word.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        let mut buf = [0; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut buf).bytes().for_each(&mut eat);
        }
    }
    h
}

/// Compares bags. A bag is a multiset of word classes, in no order: the words two bags
/// share are counted with a tally per class, raised by one bag and taken down by the
/// other, so no bag is sorted (sorting every changed paragraph's words was a tenth of the
/// diff).
struct Scorer {
    counts: std::cell::RefCell<Vec<u32>>,
}

impl Scorer {
    /// For bags of classes below `classes`.
    fn new(classes: usize) -> Self {
        Self {
            counts: std::cell::RefCell::new(vec![0; classes]),
        }
    }

    /// Words two bags share (as multisets).
    fn shared(&self, left: &[u32], right: &[u32]) -> usize {
        let mut counts = self.counts.borrow_mut();
        for &c in left {
            if let Some(n) = counts.get_mut(c as usize) {
                *n += 1;
            }
        }
        let mut shared = 0;
        for &c in right {
            if let Some(n) = counts.get_mut(c as usize)
                && *n > 0
            {
                *n -= 1;
                shared += 1;
            }
        }
        for &c in left {
            if let Some(n) = counts.get_mut(c as usize) {
                *n = 0;
            }
        }
        shared
    }

    /// Dice similarity of two bags, 0 to 1.
    #[allow(clippy::cast_precision_loss)] // word counts are far below 2^52
    fn similarity(&self, a: &[u32], b: &[u32]) -> f64 {
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        2.0 * self.shared(a, b) as f64 / (a.len() + b.len()) as f64
    }

    /// The share of `part`'s words found in `whole`.
    #[allow(clippy::cast_precision_loss)]
    fn contained(&self, part: &[u32], whole: &[u32]) -> f64 {
        if part.is_empty() {
            return 1.0;
        }
        self.shared(part, whole) as f64 / part.len() as f64
    }
}

fn merged(bags: &[&Bag]) -> Bag {
    bags.iter().flat_map(|b| b.iter().copied()).collect()
}

/// Two changed paragraphs this similar are the same paragraph edited.
const PAIR: f64 = 0.4;
/// A pair this similar is taken as right without looking further along the band.
const STRONG: f64 = 0.7;
/// A deleted and an inserted paragraph this similar are one paragraph moved.
const MOVE: f64 = 0.6;
/// A neighbour this much inside a paired paragraph's old text is a piece split off it.
const PIECE: f64 = 0.6;
/// Paragraphs are paired within this many places of the diagonal (plus the difference in
/// count), so pairing costs the paragraphs times this, not the paragraphs squared.
const BAND: usize = 16;
/// Moves are looked for among at most this many deleted × inserted paragraphs.
const MOVE_PAIRS: usize = 10_000;

/// A paragraph-level step of the body's alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Same(usize, usize),
    Pair(usize, usize),
    Del(usize),
    Ins(usize),
    Split(usize, usize, usize),
    Join(usize, usize, usize),
    MovedAway(usize, usize),
    MovedHere(usize, usize),
    /// Taken into a split or join.
    Gone,
}

/// Tokens of the paragraphs in changed runs, by paragraph, cut once for pairing and word
/// diffs.
type Tokens<'a> = Vec<Option<Cut<'a>>>;

/// The bags of one side's paragraphs in changed runs, by paragraph.
#[derive(Debug, Default)]
struct Bags(Vec<Option<Bag>>);

impl Bags {
    fn get(&self, paragraph: usize) -> Option<&Bag> {
        self.0.get(paragraph).and_then(Option::as_ref)
    }
}

/// One id per distinct paragraph, so the paragraph diff compares integers.
fn paragraph_ids<'a>(po: &[&'a str], pn: &[&'a str]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: HashMap<&'a str, u32, BuildHasherDefault<FastHash>> = HashMap::default();
    let mut id = |p: &'a str| {
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        *ids.entry(p).or_insert(next)
    };
    let old = po.iter().map(|&p| id(p)).collect();
    let new = pn.iter().map(|&p| id(p)).collect();
    (old, new)
}

fn body(old: &str, new: &str) -> Vec<Block> {
    if old.len().max(new.len()) > MAX_CUT {
        let shape = if old == new {
            Shape::Same { old: 0, new: 0 }
        } else {
            Shape::Changed { old: 0, new: 0 }
        };
        return vec![Block {
            shape,
            runs: whole(old, new),
        }];
    }
    let (po, pn) = (paragraphs(old), paragraphs(new));
    let (ids_old, ids_new) = paragraph_ids(&po, &pn);
    let ops = similar::capture_diff_slices(Algorithm::Myers, &ids_old, &ids_new);
    // The paragraphs in changed runs are cut into tokens and bags first, all at once.
    let (mut changed_old, mut changed_new) = (Vec::new(), Vec::new());
    for op in &ops {
        if !matches!(op, DiffOp::Equal { .. }) {
            changed_old.extend(op.old_range());
            changed_new.extend(op.new_range());
        }
    }
    let mut interner = Interner::default();
    let (toks_old, toks_new) = cut_sides((&po, &changed_old), (&pn, &changed_new), &mut interner);
    let bags = |toks: &Tokens<'_>| {
        Bags(
            toks.iter()
                .map(|t| t.as_ref().map(|c| bag(c, &interner)))
                .collect(),
        )
    };
    let (bags_old, bags_new) = (bags(&toks_old), bags(&toks_new));
    let scorer = Scorer::new(interner.class_count());
    let mut items = Vec::with_capacity(po.len().max(pn.len()));
    for op in ops {
        let (o, n) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { .. } = op {
            items.extend(o.zip(n).map(|(i, j)| Item::Same(i, j)));
            continue;
        }
        let start = items.len();
        align(
            o.start,
            o.len(),
            n.start,
            n.len(),
            (&bags_old, &bags_new, &scorer),
            &mut items,
        );
        pieces(&mut items[start..], &bags_old, &bags_new, &scorer);
    }
    moves(&mut items, &po, &pn, (&bags_old, &bags_new, &scorer));
    let sides = Sides {
        po: &po,
        pn: &pn,
        toks_old: &toks_old,
        toks_new: &toks_new,
    };
    blocks(&items, &sides)
}

/// Cuts paragraphs `which` of both sides into tokens with `interner`, so their ids
/// compare. With many paragraphs on a machine of two or more cores, the new side is cut on
/// a second thread with an interner of its own, whose ids are then translated into
/// `interner`'s (one look-up per distinct token): cutting is a third of a long body's diff.
fn cut_sides<'a>(
    (po, changed_old): (&[&'a str], &[usize]),
    (pn, changed_new): (&[&'a str], &[usize]),
    interner: &mut Interner<'a>,
) -> (Tokens<'a>, Tokens<'a>) {
    let none = |n: usize| -> Tokens<'a> { std::iter::repeat_with(|| None).take(n).collect() };
    let (mut toks_old, mut toks_new) = (none(po.len()), none(pn.len()));
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || changed_old.len() + changed_new.len() < PARALLEL_ITEMS {
        for &i in changed_old {
            toks_old[i] = Some(cut(po[i], interner));
        }
        for &j in changed_new {
            toks_new[j] = Some(cut(pn[j], interner));
        }
        return (toks_old, toks_new);
    }
    let (cuts_new, theirs) = std::thread::scope(|scope| {
        let new_side = scope.spawn(|| {
            let mut own = Interner::default();
            let cuts: Vec<Cut<'a>> = changed_new.iter().map(|&j| cut(pn[j], &mut own)).collect();
            (cuts, own)
        });
        for &i in changed_old {
            toks_old[i] = Some(cut(po[i], interner));
        }
        // A thread can only fail by panicking inside the cut; the panic is passed on.
        new_side
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    // The three kinds of whitespace have the same ids in every interner.
    let ours: Vec<u32> = theirs
        .texts
        .iter()
        .enumerate()
        .map(|(k, t)| match u32::try_from(k) {
            Ok(k) if k <= PARAGRAPH => k,
            _ => interner.id(t, 0, t.len(), theirs.classes[k] != NOT_A_WORD),
        })
        .collect();
    for (&j, mut c) in changed_new.iter().zip(cuts_new) {
        for id in &mut c.ids {
            *id = ours.get(*id as usize).copied().unwrap_or(*id);
        }
        toks_new[j] = Some(c);
    }
    (toks_old, toks_new)
}

/// Bodies with at least this many paragraph steps have their word diffs made on all the
/// machine's cores (and at least this many changed paragraphs are cut on two).
const PARALLEL_ITEMS: usize = 256;

/// The blocks of the aligned items; the word diffs of a long body on two or more threads.
fn blocks(items: &[Item], sides: &Sides<'_, '_>) -> Vec<Block> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    blocks_on(items, sides, threads)
}

fn blocks_on(items: &[Item], sides: &Sides<'_, '_>, threads: usize) -> Vec<Block> {
    if threads < 2 || items.len() < PARALLEL_ITEMS {
        return items
            .iter()
            .filter_map(|&item| block(item, sides))
            .collect();
    }
    let chunk = items.len().div_ceil(threads.min(8));
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|&item| block(item, sides))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // A thread can only fail by panicking inside the diff; the panic is passed on, as
        // it would have been on one thread.
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Both sides' paragraphs and the tokens cut for the changed ones.
struct Sides<'s, 'a> {
    po: &'s [&'a str],
    pn: &'s [&'a str],
    toks_old: &'s Tokens<'a>,
    toks_new: &'s Tokens<'a>,
}

impl Sides<'_, '_> {
    fn words(&self, i: usize, j: usize) -> Vec<Run> {
        match (
            self.toks_old.get(i).and_then(Option::as_ref),
            self.toks_new.get(j).and_then(Option::as_ref),
        ) {
            (Some(a), Some(b)) => word_runs(a, b),
            _ => words(self.po[i], self.pn[j]),
        }
    }
}

/// Pairs the changed paragraphs old `a..a+n` with new `c..c+m`, keeping their order, and
/// appends the alignment to `items`.
#[allow(
    clippy::many_single_char_names, // the positions and lengths of a diff, as in papers
    clippy::cast_possible_wrap,     // paragraph counts are far below isize::MAX
    clippy::cast_sign_loss,         // clamped to 0.. before the cast back
)]
fn align(
    a: usize,
    n: usize,
    c: usize,
    m: usize,
    (bags_old, bags_new, scorer): (&Bags, &Bags, &Scorer),
    items: &mut Vec<Item>,
) {
    let empty = Bag::new();
    let bo = |i: usize| bags_old.get(a + i).unwrap_or(&empty);
    let bn = |j: usize| bags_new.get(c + j).unwrap_or(&empty);
    // Candidate pairs near where the last strong pair says the next one is, as (old, new,
    // similarity). A strong pair at the guess ends the search for that paragraph (after a
    // look next door), so the usual edit costs three comparisons per paragraph, not the
    // whole band.
    let mut candidates = Vec::new();
    if n > 0 && m > 0 {
        let band = BAND + n.abs_diff(m);
        let mut drift = 0;
        for i in 0..n {
            let diagonal = (i * m / n) as isize;
            let guess = (diagonal + drift).clamp(0, m as isize - 1) as usize;
            let at_guess = scorer.similarity(bo(i), bn(guess));
            let (lo, hi) = if at_guess >= STRONG {
                (guess.saturating_sub(1), (guess + 2).min(m))
            } else {
                (guess.saturating_sub(band), (guess + band + 1).min(m))
            };
            let mut best = (0.0, guess);
            for j in lo..hi {
                let s = if j == guess {
                    at_guess
                } else {
                    scorer.similarity(bo(i), bn(j))
                };
                if s >= PAIR {
                    candidates.push((i, j, s));
                }
                if s > best.0 {
                    best = (s, j);
                }
            }
            if best.0 >= STRONG {
                drift = best.1 as isize - diagonal;
            }
        }
    }
    let chain = heaviest_chain(&mut candidates, m);
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in chain {
        items.extend((i..pi).map(|k| Item::Del(a + k)));
        items.extend((j..pj).map(|k| Item::Ins(c + k)));
        items.push(Item::Pair(a + pi, c + pj));
        (i, j) = (pi + 1, pj + 1);
    }
    items.extend((i..n).map(|k| Item::Del(a + k)));
    items.extend((j..m).map(|k| Item::Ins(c + k)));
}

/// The pairs, increasing in both old and new, of greatest total similarity: a weighted
/// longest increasing subsequence over a Fenwick tree of the new positions.
fn heaviest_chain(candidates: &mut [(usize, usize, f64)], m: usize) -> Vec<(usize, usize)> {
    // Within one old paragraph, later new positions first, so one old paragraph never
    // chains to two new ones.
    candidates.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    let mut tree: Vec<(f64, Option<usize>)> = vec![(0.0, None); m + 1];
    let mut best_at: Vec<(f64, Option<usize>)> = Vec::with_capacity(candidates.len());
    for &(_, j, s) in candidates.iter() {
        // Best chain ending before new position j.
        let (mut k, mut prev) = (j, (0.0, None));
        while k > 0 {
            if tree[k].0 > prev.0 {
                prev = tree[k];
            }
            k &= k - 1;
        }
        let here = (prev.0 + s, prev.1);
        let index = best_at.len();
        best_at.push(here);
        let mut k = j + 1;
        while k <= m {
            if here.0 > tree[k].0 {
                tree[k] = (here.0, Some(index));
            }
            k += k & k.wrapping_neg();
        }
    }
    let mut end = None;
    let mut top = 0.0;
    for (index, &(score, _)) in best_at.iter().enumerate() {
        if score > top {
            top = score;
            end = Some(index);
        }
    }
    let mut chain = Vec::new();
    while let Some(index) = end {
        chain.push((candidates[index].0, candidates[index].1));
        end = best_at[index].1;
    }
    chain.reverse();
    chain
}

/// Turns a pair whose unpaired neighbours are pieces of it into a split or a join.
fn pieces(items: &mut [Item], bags_old: &Bags, bags_new: &Bags, scorer: &Scorer) {
    let mut ins_at: HashMap<usize, usize> = HashMap::new();
    let mut del_at: HashMap<usize, usize> = HashMap::new();
    for (p, item) in items.iter().enumerate() {
        match *item {
            Item::Ins(j) => {
                ins_at.insert(j, p);
            }
            Item::Del(i) => {
                del_at.insert(i, p);
            }
            _ => {}
        }
    }
    for p in 0..items.len() {
        let Item::Pair(i, j) = items[p] else { continue };
        let (Some(whole_old), Some(whole_new)) = (bags_old.get(i), bags_new.get(j)) else {
            continue;
        };
        if let Some((first, count)) = grow(j, whole_old, &ins_at, bags_new, scorer) {
            for k in first..first + count {
                if k != j
                    && let Some(q) = ins_at.remove(&k)
                {
                    items[q] = Item::Gone;
                }
            }
            items[p] = Item::Split(i, first, count);
        } else if let Some((first, count)) = grow(i, whole_new, &del_at, bags_old, scorer) {
            for k in first..first + count {
                if k != i
                    && let Some(q) = del_at.remove(&k)
                {
                    items[q] = Item::Gone;
                }
            }
            items[p] = Item::Join(first, count, j);
        }
    }
}

/// Grows paragraph `at` (one side of a pair) by its unpaired neighbours on the same side
/// (`free`) while each is mostly words of `other` (the pair's other side) and the whole
/// grows more like it; `Some((first, count))` when it took any.
fn grow(
    at: usize,
    other: &Bag,
    free: &HashMap<usize, usize>,
    bags: &Bags,
    scorer: &Scorer,
) -> Option<(usize, usize)> {
    let whole = bags.get(at)?;
    // Usually no neighbour is free: then there is nothing to weigh.
    let free_next = |k: Option<usize>| k.is_some_and(|k| free.contains_key(&k));
    if !free_next(at.checked_add(1)) && !free_next(at.checked_sub(1)) {
        return None;
    }
    let (mut first, mut last) = (at, at);
    let mut parts: Vec<&Bag> = vec![whole];
    let mut score = scorer.similarity(whole, other);
    loop {
        let mut grew = false;
        for next in [last.checked_add(1), first.checked_sub(1)]
            .into_iter()
            .flatten()
        {
            if !free.contains_key(&next) {
                continue;
            }
            let Some(b) = bags.get(next) else { continue };
            if scorer.contained(b, other) < PIECE {
                continue;
            }
            let mut trial = parts.clone();
            trial.push(b);
            let s = scorer.similarity(&merged(&trial), other);
            if s > score {
                score = s;
                parts = trial;
                if next > last {
                    last = next;
                } else {
                    first = next;
                }
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    (last > first).then_some((first, last - first + 1))
}

/// Marks deleted and inserted paragraphs that are one paragraph moved: the same text, or
/// (among few enough) mostly the same words.
fn moves(
    items: &mut [Item],
    po: &[&str],
    pn: &[&str],
    (bags_old, bags_new, scorer): (&Bags, &Bags, &Scorer),
) {
    let mut inserted: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut ins_pos: HashMap<usize, usize> = HashMap::new();
    for (p, item) in items.iter().enumerate() {
        if let Item::Ins(j) = *item {
            inserted.entry(pn[j]).or_default().push(j);
            ins_pos.insert(j, p);
        }
    }
    if inserted.is_empty() {
        return;
    }
    let mut dels = Vec::new();
    for p in 0..items.len() {
        let Item::Del(i) = items[p] else { continue };
        let exact = inserted
            .get_mut(po[i])
            .and_then(|js| (!js.is_empty()).then(|| js.remove(0)));
        match exact {
            Some(j) => {
                mark(items, p, i, j, &ins_pos);
                ins_pos.remove(&j);
            }
            None => dels.push((p, i)),
        }
    }
    let ins: Vec<usize> = ins_pos.keys().copied().collect();
    if dels.is_empty() || ins.is_empty() || dels.len() * ins.len() > MOVE_PAIRS {
        return;
    }
    let empty = Bag::new();
    let mut ranked = Vec::new();
    for &(p, i) in &dels {
        for &j in &ins {
            let s = scorer.similarity(
                bags_old.get(i).unwrap_or(&empty),
                bags_new.get(j).unwrap_or(&empty),
            );
            if s >= MOVE {
                ranked.push((s, p, i, j));
            }
        }
    }
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.3).cmp(&(y.1, y.3))));
    let mut used_old = std::collections::HashSet::new();
    let mut used_new = std::collections::HashSet::new();
    for (_, p, i, j) in ranked {
        if used_old.contains(&i) || used_new.contains(&j) {
            continue;
        }
        used_old.insert(i);
        used_new.insert(j);
        mark(items, p, i, j, &ins_pos);
    }
}

/// Marks deleted paragraph `i` (at item `p`) as moved to inserted paragraph `j`.
fn mark(items: &mut [Item], p: usize, i: usize, j: usize, ins_pos: &HashMap<usize, usize>) {
    items[p] = Item::MovedAway(i, j);
    if let Some(&q) = ins_pos.get(&j) {
        items[q] = Item::MovedHere(i, j);
    }
}

fn block(item: Item, sides: &Sides<'_, '_>) -> Option<Block> {
    let (po, pn) = (sides.po, sides.pn);
    let joined = |ps: &[&str]| Cow::Owned(ps.join("\n\n"));
    let (shape, runs) = match item {
        Item::Same(i, j) => (
            Shape::Same { old: i, new: j },
            vec![Run::new(Op::Equal, pn[j])],
        ),
        Item::Pair(i, j) => {
            let runs = sides.words(i, j);
            let shape = if runs.iter().all(|r| r.op == Op::Equal) {
                Shape::Same { old: i, new: j }
            } else {
                Shape::Changed { old: i, new: j }
            };
            (shape, runs)
        }
        Item::Gone => return None,
        Item::Del(i) => (Shape::Deleted { old: i }, vec![Run::new(Op::Delete, po[i])]),
        Item::Ins(j) => (
            Shape::Inserted { new: j },
            vec![Run::new(Op::Insert, pn[j])],
        ),
        Item::Split(i, j, count) => (
            Shape::Split {
                old: i,
                new: j,
                count,
            },
            words(po[i], &joined(&pn[j..j + count])),
        ),
        Item::Join(i, count, j) => (
            Shape::Joined {
                old: i,
                count,
                new: j,
            },
            words(&joined(&po[i..i + count]), pn[j]),
        ),
        Item::MovedAway(i, j) => (Shape::MovedAway { old: i, new: j }, Vec::new()),
        Item::MovedHere(i, j) => (Shape::MovedHere { old: i, new: j }, sides.words(i, j)),
    };
    Some(Block { shape, runs })
}

/// Runs marked like `git diff --word-diff=plain`: `[-deleted-]{+inserted+}`.
pub fn marked(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        match r.op {
            Op::Equal => out.push_str(&r.text),
            Op::Delete => {
                out.push_str("[-");
                out.push_str(&r.text);
                out.push_str("-]");
            }
            Op::Insert => {
                out.push_str("{+");
                out.push_str(&r.text);
                out.push_str("+}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
