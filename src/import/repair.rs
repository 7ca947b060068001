//! Repairs to the shape of scraped copy: hard-wrapped wire lines re-joined into paragraphs,
//! sentences glued together by a lost paragraph break split apart, paragraphs flattened into
//! one line with double spaces separated again. None of them adds or drops a word.

use std::borrow::Cow;

/// Abbreviations that end in a full stop and may be followed directly by a name.
const ABBREVIATIONS: &[&str] = &[
    "prof", "drs", "dra", "jln", "inc", "corp", "ltd", "tbk", "dkk", "mrs", "sen", "rep", "gov",
    "gen", "col", "capt", "lt", "sgt", "etc", "vol", "hlm", "pt",
];

/// Whether the copy is hard-wrapped wire text (Reuters-style lines of about 65–80
/// columns): most lines are near one width and none is long.
pub fn is_hard_wrapped(lines: &[impl AsRef<str>]) -> bool {
    let (mut lines_seen, mut wrapped) = (0usize, 0usize);
    for line in lines {
        let line = line.as_ref().trim();
        // A line of over 400 bytes has over 100 characters (four bytes at most each): the
        // first long line settles it without counting a paragraph's characters.
        if line.len() > 400 {
            return false;
        }
        let n = line.chars().count();
        if n > 100 {
            return false;
        }
        if n > 0 {
            lines_seen += 1;
            wrapped += usize::from((30..=80).contains(&n));
        }
    }
    lines_seen >= 5 && wrapped * 10 >= lines_seen * 7
}

/// Joins hard-wrapped lines into paragraphs. A paragraph ends at a blank line, before an
/// indented line, and around lines `keep` says must stay alone (boilerplate, the headline;
/// it is given each line's index and text). Returns the lines (one per paragraph, blank
/// lines kept) and how many joins were made.
pub fn unwrap<'a>(
    lines: &[&'a str],
    keep: impl Fn(usize, &str) -> bool,
) -> (Vec<Cow<'a, str>>, usize) {
    let mut out: Vec<Cow<'a, str>> = Vec::with_capacity(lines.len());
    let mut joins = 0;
    let mut open = false;
    for (i, &line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.push(Cow::Borrowed(""));
            open = false;
            continue;
        }
        if keep(i, line) {
            out.push(Cow::Borrowed(line));
            open = false;
            continue;
        }
        let indented = line.starts_with("  ") || line.starts_with('\t');
        match out.last_mut() {
            Some(last) if open && !indented => {
                let last = last.to_mut();
                last.push(' ');
                last.push_str(trimmed);
                joins += 1;
            }
            _ => {
                out.push(Cow::Borrowed(trimmed));
                open = true;
            }
        }
    }
    (out, joins)
}

/// Splits a paragraph where a sentence runs into the next with no space
/// ("menyatukan.Kesinambungan") or where paragraphs were flattened into one line with
/// double spaces. Returns the pieces and, for the report, a snippet around each glued break.
pub fn split_sentences(text: &str) -> (Vec<&str>, Vec<String>) {
    let mut pieces = Vec::new();
    let mut glued = Vec::new();
    let mut start = 0;
    for (at, is_glued) in break_points(text) {
        let piece = text[start..at].trim();
        if !piece.is_empty() {
            pieces.push(piece);
        }
        if is_glued {
            glued.push(snippet(text, at));
        }
        start = at;
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        pieces.push(piece);
    }
    (pieces, glued)
}

/// Around byte `at`: up to 20 characters each side, for the report.
fn snippet(text: &str, at: usize) -> String {
    let before: String = text[..at]
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[at..].chars().take(20).collect();
    format!("…{before}{after}…")
}

/// Byte offsets where a new paragraph starts, each with whether it was a glued sentence
/// (as opposed to a flattened double-space break).
fn break_points(text: &str) -> Vec<(usize, bool)> {
    let mut points = Vec::new();
    // Straight quotes seen so far: an odd count means one is open, so the next one closes.
    let mut straight_quotes = 0usize;
    let mut counted_to = 0;
    let ends = memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes());
    let bytes = text.as_bytes();
    for i in ends {
        if i < counted_to {
            continue;
        }
        // The common case, one plain space and a word: nothing to split.
        if bytes.get(i + 1) == Some(&b' ')
            && bytes.get(i + 2).is_some_and(|&b| b != b' ' && b < 0x80)
        {
            continue;
        }
        // Closing quotes stay with the sentence they close.
        let mut j = i + 1;
        let mut counted = false;
        for q in text[j..].chars() {
            if q == '"' && !counted {
                // The quotes before are counted only when one follows, as few sentence
                // ends have one (counting them at every end was a quarter of this).
                straight_quotes += memchr::memchr_iter(b'"', &bytes[counted_to..i]).count();
                counted_to = i + 1;
                counted = true;
            }
            let closing = q == '”' || q == '’' || (q == '"' && straight_quotes % 2 == 1);
            if !closing {
                break;
            }
            if q == '"' {
                straight_quotes += 1;
            }
            j += q.len_utf8();
        }
        if counted {
            counted_to = counted_to.max(j);
        }
        points.extend(break_after(text, i, j));
    }
    points
}

/// The break after the sentence end at byte `i` whose closing quotes end at `j`, if the text
/// goes on with a new sentence there: after two or more spaces (flattened paragraphs), or
/// glued to it.
fn break_after(text: &str, i: usize, j: usize) -> Option<(usize, bool)> {
    let after = &text[j..];
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    let gap = after.len() - rest.len();
    let spaces = after[..gap].chars().count();
    if spaces >= 2 && starts_sentence(rest) {
        Some((j + gap, false))
    } else if spaces == 0 && glued_after(&text[..i]) && starts_sentence(after) {
        Some((j, true))
    } else {
        None
    }
}

/// Whether `text` starts a sentence: a capital then a lower-case letter, or an opening
/// quote then a capital.
fn starts_sentence(text: &str) -> bool {
    let mut chars = text.chars();
    let (Some(c), next) = (chars.next(), chars.next()) else {
        return false;
    };
    if c == '“' || c == '"' {
        return next.is_some_and(char::is_uppercase);
    }
    c.is_uppercase() && next.is_some_and(char::is_lowercase)
}

/// Whether a sentence end after `before` follows a word that can end a sentence: three or
/// more letters ending in lower case and not an abbreviation, two or more digits, or a
/// bracket.
fn glued_after(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    if word.is_empty() {
        return before.ends_with(')');
    }
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.len() >= 2;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && word.chars().last().is_some_and(char::is_lowercase)
        && !ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
        // "My.Future", "D.C": a full stop inside a name, not between sentences.
        && !before[..word_start].ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_sentences_are_split_and_reported() {
        let (p, g) = split_sentences(
            "satu suara yang menyatukan.Kesinambungan biasanya menjadi kata kunci.",
        );
        assert_eq!(
            p,
            [
                "satu suara yang menyatukan.",
                "Kesinambungan biasanya menjadi kata kunci."
            ]
        );
        assert_eq!(g.len(), 1);
        assert!(g[0].contains("menyatukan.Kesinambungan"), "{}", g[0]);
    }

    /// [`break_points`] as it was before it counted quotes only where one follows a
    /// sentence end: counting them at every end.
    fn break_points_counting_at_every_end(text: &str) -> Vec<(usize, bool)> {
        let mut points = Vec::new();
        let mut straight_quotes = 0usize;
        let mut counted_to = 0;
        let bytes = text.as_bytes();
        for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
            if i < counted_to {
                continue;
            }
            if bytes.get(i + 1) == Some(&b' ')
                && bytes.get(i + 2).is_some_and(|&b| b != b' ' && b < 0x80)
            {
                continue;
            }
            straight_quotes += memchr::memchr_iter(b'"', &bytes[counted_to..i]).count();
            counted_to = i + 1;
            let mut j = i + 1;
            for q in text[j..].chars() {
                let closing = q == '”' || q == '’' || (q == '"' && straight_quotes % 2 == 1);
                if !closing {
                    break;
                }
                if q == '"' {
                    straight_quotes += 1;
                }
                j += q.len_utf8();
            }
            counted_to = counted_to.max(j);
            points.extend(break_after(text, i, j));
        }
        points
    }

    proptest::proptest! {
        #[test]
        fn break_points_are_where_counting_at_every_end_put_them(
            text in "([a-z]{0,4}|Ab|Kata|\\.|!|\\?|\"|”|’|“| |  |\u{a0}|12|\\)){0,24}",
        ) {
            proptest::prop_assert_eq!(
                break_points(&text),
                break_points_counting_at_every_end(&text)
            );
        }
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let (p, _) = split_sentences("kata dia, \"Sudah selesai.\"Lalu dia pergi.");
        assert_eq!(p, ["kata dia, \"Sudah selesai.\"", "Lalu dia pergi."]);
        let (p, _) = split_sentences("menutup listrik.”Perlu diketahui.");
        assert_eq!(p, ["menutup listrik.”", "Perlu diketahui."]);
        let (p, _) = split_sentences("hari ini.“Kami siap,” katanya.");
        assert_eq!(p, ["hari ini.", "“Kami siap,” katanya."]);
    }

    #[test]
    fn abbreviations_and_names_are_not_split() {
        for text in [
            "Texas Instruments Inc.<TXN.N> rose.",
            "PT Bank Mandiri Tbk. berupaya.",
            "Prof.Budi hadir.",
            "Washington, D.C hari ini.",
            "program My.Future di sekolah.",
            "harga 5.30% naik.",
            "U.S.Army",
        ] {
            assert_eq!(split_sentences(text).0.len(), 1, "{text}");
        }
    }

    #[test]
    fn flattened_paragraphs_split_at_double_spaces() {
        let (p, g) = split_sentences("Paragraf satu selesai.  Paragraf dua mulai.");
        assert_eq!(p, ["Paragraf satu selesai.", "Paragraf dua mulai."]);
        assert!(g.is_empty());
    }

    #[test]
    fn one_long_line_or_too_few_lines_are_not_hard_wrapped() {
        let wrapped = "A wire line of about sixty-five columns, as Reuters sends.";
        let mut lines: Vec<String> = vec![wrapped.to_owned(); 6];
        assert!(is_hard_wrapped(&lines));
        lines.push(format!("{wrapped} {wrapped}"));
        assert!(!is_hard_wrapped(&lines), "a line of over 100 characters");
        // Over 100 characters in under 400 bytes, and 100 in 400 bytes.
        lines.pop();
        lines.push("é".repeat(101));
        assert!(!is_hard_wrapped(&lines));
        lines.pop();
        lines.push("\u{1F600}".repeat(100));
        assert!(is_hard_wrapped(&lines), "100 characters of four bytes");
        assert!(!is_hard_wrapped(&lines[..4]), "too few lines");
    }

    #[test]
    fn hard_wrapped_copy_is_rejoined_at_indents() {
        let lines: Vec<String> = [
            "COMMACK, N.Y., Feb 26 - Computer Terminal Systems Inc said",
            "it has completed the sale of 200,000 shares of its common",
            "stock, and warrants to acquire an additional one mln shares.",
            "    The company said the warrants are exercisable for five",
            "years at a purchase price of .125 dlrs per share.",
            " Reuter",
        ]
        .map(String::from)
        .to_vec();
        assert!(is_hard_wrapped(&lines));
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let (out, joins) = unwrap(&lines, |_, l| l.trim() == "Reuter");
        assert_eq!(joins, 3);
        assert_eq!(out.len(), 3);
        assert!(out[0].ends_with("one mln shares."));
        assert!(out[1].starts_with("The company said"));
        assert_eq!(out[2], " Reuter");
    }
}
