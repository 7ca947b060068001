//! Boilerplate: the page furniture scraped along with an article ("Baca juga", ads, video
//! promos, page joins, scripts, sign-offs), as a table of rules.
//!
//! The rules are data: adding an outlet's pattern is one line in [`RULES`]. Each rule has a
//! stable id (the report and the checks module name it), a [`Scope`] saying whether it must
//! match a whole line or may be found glued inside one, a regular expression, and an
//! [`Extent`] saying how far past the match the boilerplate runs (a glued "Baca juga: TITLE"
//! ends where the title runs into the next sentence). The checks module reuses
//! [`classify_line`] and [`find_glued`] to flag boilerplate an editor pasted back in.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::on_demand::OnDemand;

/// Where a rule may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole (trimmed) line must match.
    Line,
    /// A match anywhere makes the whole line boilerplate ("… contributed to this report.").
    LineWith,
    /// The pattern may sit anywhere inside a line, glued to article text; as a whole line it
    /// matches too.
    Glued,
}

/// How far the boilerplate runs past the pattern's match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extent {
    /// Exactly the match.
    Match,
    /// To the end of the line.
    ToEnd,
    /// Back to the start of the sentence the match ends ("NTT ada di halaman berikutnya.").
    Sentence,
    /// A related headline: to where it runs into the next sentence (a lower-case letter
    /// directly followed by a capitalised word), a double space, or the end of the line.
    Title,
    /// To the next page marker ("2 dari 3 halaman"), or the end of the line.
    ToPageMarker,
    /// A page join: the marker, then the new page's subheading (kept as content), then a
    /// photo caption that ends in its credit in parentheses, glued to the next sentence.
    PageJoin,
}

/// One boilerplate pattern.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier, used in reports and by the checks module.
    pub id: &'static str,
    pub scope: Scope,
    pub extent: Extent,
    /// A regular expression (the `regex` crate's syntax).
    pub pattern: &'static str,
    /// For a pattern that does not start with plain text: a looser pattern that does, and
    /// matches wherever `pattern` does, so candidate lines are found by a fast literal search.
    pub hint: Option<&'static str>,
    /// For a pattern that matches only on a line that ends in this character (trailing
    /// white space aside): candidate lines are found by looking at their last character,
    /// not by a search (a hint of one byte, such as `)`, would cost the whole-text search
    /// its fast multi-literal searcher; see [`lines_to_check`]).
    pub line_end: Option<char>,
}

const fn rule(id: &'static str, scope: Scope, extent: Extent, pattern: &'static str) -> Rule {
    Rule {
        id,
        scope,
        extent,
        pattern,
        hint: None,
        line_end: None,
    }
}

impl Rule {
    /// The rule with a [`Rule::hint`].
    const fn hinted(self, hint: &'static str) -> Self {
        Self {
            hint: Some(hint),
            ..self
        }
    }

    /// The rule with a [`Rule::line_end`].
    const fn at_line_end(self, end: char) -> Self {
        Self {
            line_end: Some(end),
            ..self
        }
    }
}

use Extent::{Match, PageJoin, Sentence, Title, ToEnd, ToPageMarker};
use Scope::{Glued as InLine, Line, LineWith};

/// Line rules are compared against the whole trimmed line (`^…$`); line-with rules make the
/// whole line boilerplate when they match anywhere in it; glued rules are searched inside
/// lines, and their matches (with their extent) are what is cut out. Patterns start with a
/// literal where they can, so the regex engine's literal search skips ordinary lines fast.
#[rustfmt::skip]
pub static RULES: &[Rule] = &[
    // "Baca Juga" on its own line heads a list of related headlines (see `is_related_title`).
    rule("read-also-heading", Line, Match, r"^(?i:baca juga|read also|related stories|related)\s*:?$"),
    rule("read-also", InLine, Title, r"(?:Baca|BACA) (?:[jJ]uga|JUGA)\s*:\s*").hinted(r"(?:Baca|BACA) [jJ]"),
    rule("read-also", Line, Match, r"^(?i:read (?:also|more))\s*:.*$"),
    rule("advertisement", Line, Match, r"^(?i:advertisement|iklan|sponsored|ads by [A-Za-z0-9_]+)$"),
    rule("scroll-to-continue", Line, Match, r"^(?i:scroll to continue with content|scroll untuk melanjutkan(?-u:\b).*)$"),
    rule("video-promo", InLine, ToPageMarker, r"(?:Simak|Saksikan|Tonton)(?: [jJ]uga)?(?: [^.:]*?(?:[vV]ideo|berikut)[^.:]*| '[^']+'):").hinted(r"Simak|Saksikan|Tonton"),
    rule("video-embed", InLine, Match, r"\[Gambas:[^\]]*\]"),
    rule("page-join", InLine, PageJoin, r"[0-9]{1,2} dari [0-9]{1,2} [hH]alaman").hinted(r" dari [0-9]{1,2} [hH]alaman"),
    rule("next-page-note", InLine, Sentence, r"[hH]alaman berikutnya[.!]?"),
    rule("next-section", InLine, ToEnd, r"Selanjutnya:\s*"),
    rule("editor-choice", Line, Match, r"^Pilihan Editor\s*:.*$"),
    rule("copyright", Line, Match, r"^(?i:copyright(?-u:\b)|©|\(c\) ?[0-9]{4}).*$"),
    rule("editor-credit", Line, Match, r"^(?i:editor|penyunting|editing by)\s*:.*$"),
    rule("newsletter-promo", InLine, Match, r"Dapatkan informasi, inspirasi dan insight di email kamu\.\s*Daftarkan email"),
    rule("newsletter-promo", InLine, ToEnd, r"Dapatkan update berita pilihan dan breaking news"),
    rule("syndication", InLine, ToEnd, r"Artikel ini telah tayang di \S+"),
    rule("promo-footer", Line, Match, r"^\S+\.(?:id|com|co\.id) (?:adalah|is) (?:portal|situs|media|a news)(?-u:\b).*$"),
    rule("slideshow-caption", Line, Match, r"^[0-9]{1,3} of [0-9]{1,3}\. .*$"),
    rule("image-credit", Line, Match, r"^Credit: .*View full size image.*$"),
    rule("loading-gallery", Line, Match, r"^(?i:loading photo gallery|view (?:photo )?gallery)$"),
    rule("terms-privacy", Line, Match, r"^(?i:terms of use|privacy policy|terms of service)(?:\s*\|?\s*(?i:terms of use|privacy policy|terms of service))*$"),
    rule("source-line", Line, Match, r"^(?:Source|Sumber|SOURCE|SUMBER)\s*:\s*\S[^.]*\.?$"),
    rule("provided-by", Line, Match, r"^This (?:story|article) (?:was|is) (?:provided|originally published|republished) (?:by|on|from) .*$"),
    rule("reporting-credits", Line, Match, r"^\((?i:additional reporting|reporting|writing|editing|compiled) by [^)]*\)?$"),
    rule("contributed", LineWith, Match, r"(?i:contributed (?:to )?this (?:report|story))\.?$").hinted(r"(?:contributed|CONTRIBUTED|Contributed) "),
    rule("compiled-by", Line, Match, r"^[-—–]+\s*(?i:compiled|written|reported) by .*$"),
    rule("contact-footer", LineWith, Match, r" (?:may|can) be reached at "),
    rule("social-follow", Line, Match, r"^(?i:follow|like) [^.]*(?-u:\b)(?i:on|di) (?i:twitter|facebook|instagram|x|tiktok)(?-u:\b).*$"),
    rule("user-content-promo", LineWith, Match, r"(?i:share your (?:videos?|photos?|pictures?|stories))").hinted(r"(?:share|Share|SHARE) (?:your|YOUR)"),
    rule("byline", InLine, Match, r"(?:Reporter|Penulis|Pewarta)\s*:\s*[\p{Lu}][\p{L}]*(?:\s[\p{Lu}][\p{L}]*){0,4}"),
    // A caption ends in its photo credit: "… (AP Photo/Name)", "… (Foto: ANTARA)".
    rule("photo-caption", LineWith, Match, r"(?:Photo|PHOTO|Foto|FOTO)(?-u:\b)[^()]*\)\S{0,8}$"),
    rule("photo-caption", Line, Match, r"^\((?:File|FILE|Photo|PHOTO|Foto|FOTO)(?-u:\b)[^)]*\) .*$"),
    // A closing "(Name Surname)" after the last sentence: the author's tag.
    rule("author-tag", InLine, Match, r#"[.!?"”]\s*(?P<bp>\([\p{Lu}][\p{L}]+(?:\s[\p{Lu}][\p{L}]+){1,3}\))\s*$"#).at_line_end(')'),
    rule("wire-signoff", Line, Match, r"^(?:Reuter|REUTER)$"),
    rule("wire-signoff", InLine, Match, r"\s{2,}(?:Reuter|REUTER)\s*$").hinted(r"(?:Reuter|REUTER)\s*$"),
    rule("script", Line, Match, r"^(?:function\s+[A-Za-z0-9_$]+\s*\(.*|(?:var|let|const)\s+[A-Za-z0-9_$]+\s*=.*;|return(?-u:\b).*;|if\s*\(.*\)\s*\{|\}\s*else\s*\{|[{}]+\s*;?|(?:window|document|googletag)\.[A-Za-z0-9_$.]+.*;?|<script(?-u:\b).*|</script>)$"),
];

/// A compiled rule.
struct Compiled {
    rule: &'static Rule,
    regex: Regex,
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|rule| Compiled {
            rule,
            regex: Regex::new(&crate::latin::cut(rule.pattern))
                .expect("boilerplate patterns are valid"),
        })
        .collect()
});

/// The whole-line rules at once, as their patterns are anchored: on most lines every one of
/// them fails within a few bytes, so one pass settles them all. (Unanchored rules are run
/// one by one instead, where each gets the regex engine's fast literal search.)
static LINE_SET: LazyLock<(RegexSet, Vec<usize>)> = LazyLock::new(|| {
    let indices: Vec<usize> = (0..RULES.len())
        .filter(|&i| RULES[i].scope == Scope::Line)
        .collect();
    let set = RegexSet::new(indices.iter().map(|&i| crate::latin::cut(RULES[i].pattern)))
        .expect("boilerplate patterns are valid");
    (set, indices)
});

/// The rules that can match inside a line, compiled to search a whole text at once
/// (multi-line, so `$` is a line end): a literal search over the copy finds the few lines
/// worth checking, instead of running every rule on every line. Their leading literals
/// are kept to at most 64, none of one byte, so that the regex crate searches for them all
/// at once with its SIMD searcher (Teddy): with 66, or with a `)`, it fell back to an
/// automaton walking every byte, six times the cost (README, Agency feeds). A test holds
/// the pattern to that.
static WHOLE_TEXT: OnDemand<Regex> = OnDemand::new(|| {
    regex::RegexBuilder::new(&whole_text_pattern())
        .multi_line(true)
        .build()
        .expect("boilerplate patterns are valid")
});

fn whole_text_pattern() -> String {
    let any: Vec<String> = RULES
        .iter()
        .filter(|r| r.scope != Scope::Line && r.line_end.is_none())
        .map(|r| {
            format!(
                "(?:{})",
                r.hint.unwrap_or(r.pattern).replace("?P<bp>", "?:")
            )
        })
        .collect();
    crate::latin::cut(&any.join("|"))
}

/// For each line of `text` (split at `\n`), whether a glued or line-with rule may match in
/// it. Lines marked `false` can skip [`find_glued`] and the line-with rules; whole-line rules
/// are cheap and still run on every line. The lines carry no trailing white space, as the
/// importer gives them (a rule ending in `$` is matched against a trimmed line).
pub fn lines_to_check(text: &str) -> Vec<bool> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let mut marked = vec![false; starts.len()];
    {
        let re = &*WHOLE_TEXT.get();
        let mut at = 0;
        while let Some(m) = re.find_at(text, at) {
            let line = starts.partition_point(|&s| s <= m.start()) - 1;
            marked[line] = true;
            // Go on from the next line: a match may run over a line end, and must not hide
            // one that starts on the next line.
            match starts.get(line + 1) {
                Some(&next) => at = next,
                None => break,
            }
        }
    }
    for (line, mark) in marked.iter_mut().enumerate() {
        let end = starts.get(line + 1).map_or(text.len(), |&next| next - 1);
        if !*mark && let Some(last) = text[starts[line]..end].trim_end().chars().next_back() {
            *mark = RULES.iter().any(|r| r.line_end == Some(last));
        }
    }
    marked
}

/// Page markers inside a video promo's run, for [`Extent::ToPageMarker`].
static PAGE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{1,2} dari [0-9]{1,2} [hH]alaman").expect("page marker pattern is valid")
});

/// A stretch of a line that is boilerplate, and the rule that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glued {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    pub rule: &'static str,
}

/// Whether a whole line is boilerplate, and by which rule. The line is trimmed first.
pub fn classify_line(line: &str) -> Option<&'static str> {
    let line = line.trim();
    line_rule(line).or_else(|| {
        // A glued pattern whose extent reaches over the whole line is a boilerplate line.
        let glued = find_glued(line);
        (glued.len() == 1
            && glued[0].range.start == 0
            && line[glued[0].range.end..].trim().is_empty())
        .then(|| glued[0].rule)
    })
}

/// [`classify_line`], knowing whether a glued or line-with rule may match in the line at
/// all (see [`lines_to_check`]); when not, only the whole-line rules are tried.
pub fn classify_line_with(line: &str, maybe_within: bool) -> Option<&'static str> {
    if maybe_within {
        classify_line(line)
    } else {
        line_rule_with(line.trim(), false)
    }
}

/// The whole-line or line-with rule a trimmed line matches, first in table order; glued
/// rules are left to [`find_glued`].
pub fn line_rule(line: &str) -> Option<&'static str> {
    line_rule_with(line, true)
}

/// [`line_rule`], skipping the line-with rules when `maybe_within` is false (see
/// [`lines_to_check`]).
pub fn line_rule_with(line: &str, maybe_within: bool) -> Option<&'static str> {
    if line.is_empty() {
        return None;
    }
    let (set, indices) = &*LINE_SET;
    // Which rule, only for the few lines some rule matches: the yes-or-no search stops at
    // the first match or where every rule has failed, and allocates nothing.
    let whole = set
        .is_match(line)
        .then(|| set.matches(line).iter().next().map(|k| indices[k]))
        .flatten();
    let with = if maybe_within {
        COMPILED
            .iter()
            .position(|c| c.rule.scope == Scope::LineWith && c.regex.is_match(line))
    } else {
        None
    };
    match (whole, with) {
        (Some(a), Some(b)) => Some(RULES[a.min(b)].id),
        (Some(i), None) | (None, Some(i)) => Some(RULES[i].id),
        (None, None) => None,
    }
}

/// Whether a line or a snippet of text is (or holds) boilerplate: the rule id, for the
/// checks module's "leftover boilerplate" finding.
pub fn is_boilerplate(text: &str) -> Option<&'static str> {
    classify_line(text).or_else(|| find_glued(text).first().map(|g| g.rule))
}

/// Every glued boilerplate stretch inside `text`, in order, not overlapping.
pub fn find_glued(text: &str) -> Vec<Glued> {
    let mut found: Vec<Glued> = Vec::new();
    for c in COMPILED.iter().filter(|c| c.rule.scope == Scope::Glued) {
        // A rule may mark the boilerplate inside its match with a group named `bp`; the
        // others need no capture groups, which are slower to fill.
        let matches: Vec<regex::Match<'_>> = if c.rule.pattern.contains("(?P<bp>") {
            // Find first (fast), then fill the groups of each match only.
            c.regex
                .find_iter(text)
                .filter_map(|m| c.regex.captures_at(text, m.start())?.name("bp"))
                .collect()
        } else {
            c.regex.find_iter(text).collect()
        };
        for m in matches {
            let end = extend(text, m.end(), c.rule.extent);
            let start = if c.rule.extent == Extent::Sentence {
                text[..m.start()]
                    .rfind(['.', '!', '?'])
                    .map_or(0, |i| i + 1)
            } else {
                m.start()
            };
            let range = trim_range(text, start..end);
            if range.is_empty() {
                continue;
            }
            found.push(Glued {
                range,
                rule: c.rule.id,
            });
        }
    }
    found.sort_by_key(|g| (g.range.start, std::cmp::Reverse(g.range.end)));
    // Keep the first of overlapping stretches, merging a later one it covers.
    let mut merged: Vec<Glued> = Vec::with_capacity(found.len());
    for g in found {
        match merged.last_mut() {
            Some(last) if g.range.start < last.range.end => {
                last.range.end = last.range.end.max(g.range.end);
            }
            _ => merged.push(g),
        }
    }
    merged
}

/// Shrinks a range so it neither starts nor ends with whitespace.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// Where boilerplate whose match ends at `end` ends, per its extent.
fn extend(text: &str, end: usize, extent: Extent) -> usize {
    match extent {
        // After a page marker, the caption is found by `page_join_caption`, because the
        // subheading between them is content.
        Extent::Match | Extent::PageJoin | Extent::Sentence => end,
        Extent::ToEnd => text.len(),
        Extent::Title => title_end(text, end),
        Extent::ToPageMarker => PAGE_MARKER
            .find_at(text, end)
            .map_or(text.len(), |m| m.start()),
    }
}

/// Where a related headline that starts at `from` ends: the first of a glue point, a double
/// space, and the start of a sentence after the title-case words (see [`title_case_end`]).
fn title_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut end = rest.len();
    if let Some(i) = rest
        .find(|c: char| c.is_whitespace())
        .and_then(|_| double_space(rest))
    {
        end = end.min(i);
    }
    if let Some(i) = glue_point(&rest[..end]) {
        end = i;
    }
    if let Some(i) = title_case_end(&rest[..end]) {
        end = i;
    }
    from + end
}

/// The first run of two or more whitespace characters (NBSP included).
fn double_space(text: &str) -> Option<usize> {
    let mut prev_ws = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = prev_ws {
                return Some(start);
            }
            prev_ws = Some(i);
        } else {
            prev_ws = None;
        }
    }
    None
}

/// Short words a title-case headline leaves in lower case.
const TITLE_SMALL_WORDS: &[&str] = &[
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "akan", "atau", "dalam", "oleh",
    "saat", "usai", "jadi", "hingga", "bagi", "atas", "tak", "ini", "itu", "juga", "per", "vs",
    "jelang", "soal", "demi", "lewat", "sejak", "juta", "miliar", "triliun", "ribu", "persen",
    "the", "of", "and", "to", "in", "for", "on", "at", "a", "an", "with", "by", "from", "as", "is",
    "are", "over", "after", "into",
];

/// In "Baca juga: Judul Berita Ini Kalimat berikutnya dimulai", a title-case headline runs
/// into a sentence: the sentence starts at the capitalised word before the first lower-case
/// word a title would not have. Returns that word's offset.
fn title_case_end(text: &str) -> Option<usize> {
    let mut last_capital = None;
    let mut offset = 0;
    for word in text.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_uppercase() {
            last_capital = Some(start);
        } else if first.is_lowercase() {
            let bare = word
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if !TITLE_SMALL_WORDS.contains(&bare.as_str()) {
                return last_capital.filter(|&s| s > 0);
            }
        }
    }
    None
}

/// The first place where a lower-case letter (or a closing quote or bracket) runs straight
/// into a capitalised word: "…dengan `SekdaTulus` menjelaskan" → before "Tulus".
pub fn glue_point(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    let mut prev = ' ';
    while let Some((_, c)) = chars.next() {
        let after_letter = prev.is_alphabetic();
        prev = c;
        let Some(&(j, next)) = chars.peek() else {
            break;
        };
        let closes = matches!(c, '\'' | '’' | '?' | '!') && after_letter;
        if (c.is_lowercase() || closes) && next.is_uppercase() {
            let after = text[j + next.len_utf8()..].chars().next();
            if after.is_some_and(char::is_lowercase) {
                return Some(j);
            }
        }
    }
    None
}

/// After a page marker ending at `from`: the byte range of the photo caption that follows
/// the page's subheading, if the text has the shape subheading + caption + "(credit)" glued
/// to the next sentence. The subheading (up to the first glue point) stays.
pub fn page_join_caption(text: &str, from: usize) -> Option<Range<usize>> {
    let rest = &text[from..];
    let sub_end = glue_point(rest)?;
    let caption = &rest[sub_end..];
    // The caption ends at its credit: a ")" glued to the next capitalised word, or the
    // line's end.
    let mut end = None;
    for (i, c) in caption.char_indices() {
        if c == ')' {
            let next = caption[i + 1..].trim_start().chars().next();
            if next.is_none_or(char::is_uppercase) {
                end = Some(i + 1);
                break;
            }
        }
    }
    let end = end?;
    // A caption is short; a long run means the shape was misread.
    if end > 400 {
        return None;
    }
    Some(from + sub_end..from + sub_end + end)
}

/// Whether a line under a "Baca Juga" heading is a related headline: short, one line, not
/// a sentence (no closing full stop, though "…" and "?" are fine).
pub fn is_related_title(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    if line.is_empty() || words > 20 || line.len() > 160 {
        return false;
    }
    let sentence_end = line.ends_with('.') && !line.ends_with("...");
    !sentence_end && !line.ends_with([',', ':', '"', '”'])
}

/// Drops the compiled import-only pattern (see [`OnDemand`]); the line rules stay, as the
/// checks use them too.
pub(super) fn release() {
    WHOLE_TEXT.release();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_ids_are_kebab_case() {
        assert_eq!(COMPILED.len(), RULES.len());
        for r in RULES {
            assert!(
                r.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.id
            );
        }
    }

    #[test]
    fn hints_match_wherever_their_patterns_do() {
        let samples = [
            "teks.2 dari 3 halamanSubjudul",
            "CNN's Jane Doe contributed to this report.",
            "Please share your videos at iReport.",
            "kata dia. (Ardhianto Wahyu Indraputra)",
            "total 55.8 (33.7).        REUTER",
            "kata dia.Baca juga: Harga Naik",
            "Simak video pilihan berikut ini:",
        ];
        for r in RULES.iter().filter(|r| r.line_end.is_some()) {
            let pattern = Regex::new(r.pattern).unwrap();
            let end = r.line_end.unwrap();
            let mut seen = false;
            for text in samples {
                if pattern.is_match(text) {
                    seen = true;
                    assert!(text.trim_end().ends_with(end), "{}: {text:?}", r.id);
                }
            }
            assert!(seen, "{}: no sample", r.id);
        }
        for r in RULES.iter().filter(|r| r.hint.is_some()) {
            let pattern = Regex::new(r.pattern).unwrap();
            let hint = Regex::new(r.hint.unwrap()).unwrap();
            let mut seen = false;
            for text in samples {
                if pattern.is_match(text) {
                    seen = true;
                    assert!(hint.is_match(text), "{}: hint misses {text:?}", r.id);
                }
            }
            assert!(seen, "{}: no sample", r.id);
        }
    }

    #[test]
    fn the_whole_text_search_keeps_its_fast_literal_searcher() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor, Literal};
        let hir = regex_syntax::ParserBuilder::new()
            .multi_line(true)
            .build()
            .parse(&whole_text_pattern())
            .unwrap();
        let literals = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
        let literals = literals
            .literals()
            .expect("a finite set of leading literals");
        assert!(literals.len() <= 64, "{} literals", literals.len());
        let shortest = literals.iter().map(Literal::len).min().unwrap_or(0);
        assert!(shortest >= 2, "a literal of {shortest} byte(s)");
    }

    proptest::proptest! {
        /// Skipping the glued and line-with rules on the lines the whole-text search passed
        /// over classifies every line as trying them all does.
        #[test]
        fn the_pre_scan_never_hides_a_rule(
            lines in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(&[
                        "Baca juga: Harga Beras Naik", "kata dia.", "(Ardhianto Wahyu)",
                        "(AP Photo/Jane Doe)", "REUTER", "  ", "Reporter: Budi Santoso",
                        "2 dari 3 halaman", "Simak video berikut:", "Advertisement",
                        "contributed to this report.", "Share your photos", "Presiden",
                        "[Gambas:Video 20detik]", "Selanjutnya: ", ")", "x",
                    ][..]),
                    0..5,
                ),
                1..8,
            ),
        ) {
            // As the importer gives them: trailing white space cut (a pattern ending in `$`
            // is matched against a trimmed line).
            let lines: Vec<String> = lines.iter().map(|l| l.concat().trim_end().to_owned()).collect();
            let check = lines_to_check(&lines.join("\n"));
            proptest::prop_assert_eq!(check.len(), lines.len());
            for (line, &maybe) in lines.iter().zip(&check) {
                proptest::prop_assert_eq!(classify_line_with(line, maybe), classify_line(line), "{:?}", line);
            }
        }
    }

    #[test]
    fn lines_ending_in_an_author_tag_are_checked() {
        let text = "Kalimat biasa di sini.\nkata dia. (Ardhianto Wahyu Indraputra)  \nLagi.";
        assert_eq!(lines_to_check(text), [false, true, false]);
        assert_eq!(
            find_glued("kata dia. (Ardhianto Wahyu Indraputra)")[0].rule,
            "author-tag"
        );
    }

    #[test]
    fn whole_lines_are_classified_by_rule() {
        assert_eq!(classify_line("Baca Juga"), Some("read-also-heading"));
        assert_eq!(classify_line("  Advertisement "), Some("advertisement"));
        assert_eq!(classify_line("ADVERTISEMENT"), Some("advertisement"));
        assert_eq!(
            classify_line("SCROLL TO CONTINUE WITH CONTENT"),
            Some("scroll-to-continue")
        );
        assert_eq!(
            classify_line("Simak video pilihan berikut ini:"),
            Some("video-promo")
        );
        assert_eq!(classify_line("2 dari 3 halaman"), Some("page-join"));
        assert_eq!(
            classify_line("Baca juga: Harga Rumah di Bandung Naik"),
            Some("read-also")
        );
        assert_eq!(classify_line("[Gambas:Video 20detik]"), Some("video-embed"));
        assert_eq!(
            classify_line("Pilihan Editor: Harga Beras Naik"),
            Some("editor-choice")
        );
        assert_eq!(classify_line("COPYRIGHT © 2024 Tempo"), Some("copyright"));
        assert_eq!(classify_line("Editor: Nama"), Some("editor-credit"));
        assert_eq!(classify_line(" Reuter"), Some("wire-signoff"));
        assert_eq!(
            classify_line("googletag.cmd.push(function() { googletag.display('x'); });"),
            Some("script")
        );
        assert_eq!(classify_line("}"), Some("script"));
    }

    #[test]
    fn article_sentences_are_not_boilerplate() {
        for line in [
            "Presiden Prabowo - dalam pidatonya - menyebut angka itu.",
            "Masa jabatannya hanya dilampaui oleh diplomat Belanda Joseph Luns.",
            "Reuters reported the deal on Monday.",
            "Ia membaca juga buku itu.",
            "The source said the talks would resume.",
            "",
        ] {
            assert_eq!(is_boilerplate(line), None, "{line}");
        }
    }

    #[test]
    fn glued_read_also_ends_where_the_next_sentence_begins() {
        let text =
            "kata dia (6/6/2020).Baca juga: Pilkada Tangsel Memanas dengan SekdaTulus menjelaskan.";
        let g = find_glued(text);
        assert_eq!(g.len(), 1);
        assert_eq!(
            &text[g[0].range.clone()],
            "Baca juga: Pilkada Tangsel Memanas dengan Sekda"
        );
        assert_eq!(g[0].rule, "read-also");
    }

    #[test]
    fn page_join_caption_skips_the_subheading() {
        let text =
            "nasional.2 dari 3 halamanSubjudul BaruFoto para menteri (AFP PHOTO)Presiden berkata.";
        let g = find_glued(text);
        assert_eq!(&text[g[0].range.clone()], "2 dari 3 halaman");
        let cap = page_join_caption(text, g[0].range.end).unwrap();
        assert_eq!(&text[cap], "Foto para menteri (AFP PHOTO)");
    }

    #[test]
    fn related_titles_are_short_non_sentences() {
        assert!(is_related_title(
            "Ibu Kota Ethiopia Resmi Haramkan Motor, Tapi..."
        ));
        assert!(is_related_title(
            "Awas, 5 Bahan Makanan Ini Bisa Memicu Sel Kanker?"
        ));
        assert!(!is_related_title(
            "Masa jabatannya hanya dilampaui oleh diplomat Belanda Joseph Luns, yang menghabiskan 12 tahun bertugas di NATO."
        ));
    }
}
