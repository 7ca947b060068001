//! Markdown formatting of the body as edits: bold, italic, link, heading, quote and lists,
//! each wrapping or unwrapping the selection (inline) or the paragraphs it touches (blocks).
//!
//! Pure core: text and selection in, one [`Edit`] out, which the window applies as one
//! undo step and whose `selection` it selects afterwards. Applying a format to the edit's
//! result takes it off again, so the command toggles.

use std::ops::Range;

/// A formatting command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Bold,
    Italic,
    /// A link to an address (asked for separately: [`link`]).
    Link,
    Heading,
    Quote,
    Bulleted,
    Numbered,
}

impl Format {
    pub const ALL: [Self; 7] = [
        Self::Bold,
        Self::Italic,
        Self::Link,
        Self::Heading,
        Self::Quote,
        Self::Bulleted,
        Self::Numbered,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Bold => "Bold",
            Self::Italic => "Italic",
            Self::Link => "Link…",
            Self::Heading => "Heading",
            Self::Quote => "Quote",
            Self::Bulleted => "Bulleted List",
            Self::Numbered => "Numbered List",
        }
    }
}

/// Bytes `range` of the text replaced by `replacement`; `selection` is what to select in
/// the new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
    pub selection: Range<usize>,
}

impl Edit {
    /// The text with the edit made.
    pub fn apply(&self, text: &str) -> String {
        let mut out = text.to_owned();
        out.replace_range(self.range.clone(), &self.replacement);
        out
    }
}

/// Why a link address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("only http, https and mailto addresses can be linked")]
    Scheme,
    #[error("a link address has no spaces or brackets")]
    Characters,
}

/// The address as it goes into the link, when it is one the body may link to.
pub fn check_address(address: &str) -> Result<&str, LinkError> {
    let address = address.trim();
    let lower = address.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    if !scheme_ok {
        return Err(LinkError::Scheme);
    }
    if address
        .chars()
        .any(|c| c.is_whitespace() || "()<>[]".contains(c))
    {
        return Err(LinkError::Characters);
    }
    Ok(address)
}

/// The selection clamped to the text and to character boundaries.
fn clamp(text: &str, sel: &Range<usize>) -> Range<usize> {
    let mut a = sel.start.min(sel.end).min(text.len());
    let mut b = sel.end.max(sel.start).min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    while !text.is_char_boundary(b) {
        b += 1;
    }
    a..b
}

/// Bold, italic or heading, quote and lists on `selection` of `text` (for a link, use
/// [`link`]); `None` when there is nothing to do.
pub fn apply(text: &str, selection: Range<usize>, format: Format) -> Option<Edit> {
    let sel = clamp(text, &selection);
    let edit = match format {
        Format::Bold => Some(inline(text, sel, "**")),
        Format::Italic => Some(inline(text, sel, "*")),
        Format::Link => None,
        Format::Heading => block(text, sel, Block::Heading),
        Format::Quote => block(text, sel, Block::Quote),
        Format::Bulleted => block(text, sel, Block::Bulleted),
        Format::Numbered => block(text, sel, Block::Numbered),
    }?;
    // A block format over blank lines has nothing to mark: no edit, so no empty undo step.
    (text.get(edit.range.clone()) != Some(edit.replacement.as_str())).then_some(edit)
}

/// The word around an empty selection (letters, digits, apostrophes, hyphens).
fn word_at(text: &str, at: usize) -> Range<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '-';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// Wraps the selection (or the word at the caret) in `marker`, or unwraps it when the
/// markers are already there (inside or just outside the selection).
fn inline(text: &str, sel: Range<usize>, marker: &str) -> Edit {
    let m = marker.len();
    let mut sel = if sel.is_empty() {
        word_at(text, sel.start)
    } else {
        sel
    };
    // Spaces at the ends of a selection stay outside: `**word **` is not bold.
    let inner = &text[sel.clone()];
    sel = sel.start + (inner.len() - inner.trim_start().len())
        ..sel.end - (inner.len() - inner.trim_end().len());
    if sel.start > sel.end {
        sel.end = sel.start;
    }
    let inner = &text[sel.clone()];
    // The marker is exactly this one (not the `*` of a `**`).
    let alone =
        |before: Option<char>, after: Option<char>| before != Some('*') && after != Some('*');
    let outside = sel.start >= m
        && text[..sel.start].ends_with(marker)
        && text[sel.end..].starts_with(marker)
        && alone(
            text[..sel.start - m].chars().next_back(),
            text[sel.end + m..].chars().next(),
        );
    if outside {
        return Edit {
            range: sel.start - m..sel.end + m,
            replacement: inner.to_owned(),
            selection: sel.start - m..sel.end - m,
        };
    }
    let within = inner.len() >= 2 * m
        && inner.starts_with(marker)
        && inner.ends_with(marker)
        && alone(
            inner[m..].chars().next(),
            inner[..inner.len() - m].chars().next_back(),
        );
    if within {
        let stripped = &inner[m..inner.len() - m];
        return Edit {
            range: sel.clone(),
            replacement: stripped.to_owned(),
            selection: sel.start..sel.start + stripped.len(),
        };
    }
    Edit {
        range: sel.clone(),
        replacement: format!("{marker}{inner}{marker}"),
        selection: sel.start + m..sel.end + m,
    }
}

/// Links the selection (or the word at the caret; the address itself when there is none)
/// to `address`, or, when the selection is a link, takes the link off. The result selects
/// the whole link, so applying it again unlinks.
pub fn link(text: &str, selection: Range<usize>, address: &str) -> Result<Edit, LinkError> {
    let sel = clamp(text, &selection);
    if let Some(label) = as_link(&text[sel.clone()]) {
        return Ok(Edit {
            range: sel.clone(),
            replacement: label.to_owned(),
            selection: sel.start..sel.start + label.len(),
        });
    }
    let address = check_address(address)?;
    let sel = if sel.is_empty() {
        word_at(text, sel.start)
    } else {
        sel
    };
    let label = if sel.is_empty() {
        address
    } else {
        &text[sel.clone()]
    };
    let replacement = format!("[{label}]({address})");
    Ok(Edit {
        selection: sel.start..sel.start + replacement.len(),
        range: sel,
        replacement,
    })
}

/// The label of `s` when it is exactly one Markdown link.
fn as_link(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('[')?;
    let close = rest.find("](")?;
    let address = rest[close + 2..].strip_suffix(')')?;
    (!address.contains([')', '('])).then_some(&rest[..close])
}

/// Places one of the article's pictures in the body: `![alt](source)` as a paragraph of its
/// own after the paragraph the selection ends in (the whole body when it is blank), with
/// the caret after it. The preview and the exports draw the picture's figure there.
///
/// The source and the alt text are escaped so the reference parses back to exactly them:
/// a source with spaces goes in `<…>`, and Windows paths keep their backslashes.
pub fn place_picture(text: &str, selection: Range<usize>, source: &str, alt: &str) -> Edit {
    let reference = picture_line(source, alt);
    let (range, replacement) = if text.trim().is_empty() {
        (0..text.len(), reference)
    } else {
        let sel = clamp(text, &selection);
        let at = paragraphs(text, &(sel.end..sel.end)).end;
        (at..at, format!("\n\n{reference}"))
    };
    let end = range.start + replacement.len();
    Edit {
        range,
        replacement,
        selection: end..end,
    }
}

/// The body line that places a picture: `![alt](source)`, escaped so it parses back to
/// exactly them (the NewsML-G2 reader writes it for a lone `<img>` the export wrote).
pub fn picture_line(source: &str, alt: &str) -> String {
    format!("![{}]({})", escape_alt(alt), destination(source))
}

/// A link destination that Markdown reads back as `source`.
fn destination(source: &str) -> String {
    let source = source.trim();
    let angled = source.chars().any(char::is_whitespace);
    let mut out = String::with_capacity(source.len() + 2);
    if angled {
        out.push('<');
    }
    for c in source.chars() {
        if matches!(c, '\\' | '<' | '>') || (!angled && matches!(c, '(' | ')')) {
            out.push('\\');
        }
        out.push(c);
    }
    if angled {
        out.push('>');
    }
    out
}

/// Alt text as image text: what Markdown would read as markup is escaped, and it stays on
/// one line (a blank line would end the picture's paragraph).
fn escape_alt(alt: &str) -> String {
    let mut out = String::with_capacity(alt.len());
    for c in alt.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(
            c,
            '\\' | '[' | ']' | '*' | '_' | '`' | '&' | '<' | '~' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Clone, Copy)]
enum Block {
    Heading,
    Quote,
    Bulleted,
    Numbered,
}

impl Block {
    /// The length of this block's marker at the start of `line`, if it has one.
    fn marker(self, line: &str) -> Option<usize> {
        match self {
            Self::Heading => {
                let hashes = line.bytes().take_while(|&b| b == b'#').count();
                ((1..=6).contains(&hashes) && line[hashes..].starts_with(' ')).then_some(hashes + 1)
            }
            Self::Quote => line.starts_with("> ").then_some(2),
            Self::Bulleted => (line.starts_with("- ") || line.starts_with("* ")).then_some(2),
            Self::Numbered => {
                let digits = line.bytes().take_while(u8::is_ascii_digit).count();
                (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
            }
        }
    }

    /// The marker to add to the `n`th line (from 0).
    fn prefix(self, n: usize) -> String {
        match self {
            Self::Heading => "## ".to_owned(),
            Self::Quote => "> ".to_owned(),
            Self::Bulleted => "- ".to_owned(),
            Self::Numbered => format!("{}. ", n + 1),
        }
    }
}

/// The paragraphs the selection touches (runs of non-blank lines), as a byte range.
fn paragraphs(text: &str, sel: &Range<usize>) -> Range<usize> {
    let mut start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    while start > 0 {
        let prev = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if text[prev..start - 1].trim().is_empty() {
            break;
        }
        start = prev;
    }
    let mut end = text[sel.end..]
        .find('\n')
        .map_or(text.len(), |i| sel.end + i);
    while end < text.len() {
        let next = text[end + 1..]
            .find('\n')
            .map_or(text.len(), |i| end + 1 + i);
        if text[end + 1..next].trim().is_empty() {
            break;
        }
        end = next;
    }
    start..end
}

/// Adds the block marker to every line of the paragraphs the selection touches, or takes
/// it off when every line has it.
fn block(text: &str, sel: Range<usize>, kind: Block) -> Option<Edit> {
    let range = paragraphs(text, &sel);
    let lines: Vec<&str> = text[range.clone()].split('\n').collect();
    let filled: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if filled.is_empty() && !lines.iter().all(|l| l.is_empty()) {
        return None;
    }
    let all = !filled.is_empty() && filled.iter().all(|l| kind.marker(l).is_some());
    let mut n = 0;
    let new: Vec<String> = lines
        .iter()
        .map(|line| {
            if all {
                kind.marker(line)
                    .map_or((*line).to_owned(), |m| line[m..].to_owned())
            } else if line.trim().is_empty() && lines.len() > 1 {
                (*line).to_owned()
            } else if kind.marker(line).is_some() {
                n += 1;
                (*line).to_owned()
            } else {
                n += 1;
                kind.prefix(n - 1) + line
            }
        })
        .collect();
    let replacement = new.join("\n");
    Some(Edit {
        selection: range.start..range.start + replacement.len(),
        range,
        replacement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn run(text: &str, sel: Range<usize>, f: Format) -> (String, Range<usize>) {
        let e = apply(text, sel, f).expect("an edit");
        (e.apply(text), e.selection)
    }

    #[test]
    fn bold_and_italic_wrap_and_unwrap() {
        let text = "Harga naik tajam hari ini";
        let (bold, sel) = run(text, 6..10, Format::Bold);
        assert_eq!(bold, "Harga **naik** tajam hari ini");
        assert_eq!(&bold[sel.clone()], "naik");
        assert_eq!(run(&bold, sel, Format::Bold).0, text);
        // The markers selected with the word come off too.
        assert_eq!(run(&bold, 6..14, Format::Bold).0, text);
        // A caret in a word makes the word italic; spaces stay outside.
        assert_eq!(
            run(text, 13..13, Format::Italic).0,
            "Harga naik *tajam* hari ini"
        );
        assert_eq!(
            run(text, 5..11, Format::Italic).0,
            "Harga *naik* tajam hari ini"
        );
        // Italic inside bold is not bold's marker taken for italic's.
        let (nested, _) = run(&bold, 8..12, Format::Italic);
        assert_eq!(nested, "Harga ***naik*** tajam hari ini");
        // Nothing at the caret: the markers, with the caret between them.
        let (empty, sel) = run("a  b", 2..2, Format::Bold);
        assert_eq!((empty.as_str(), sel), ("a **** b", 4..4));
    }

    #[test]
    fn links_accept_only_web_and_mail_addresses() {
        let text = "Baca laporan lengkap";
        let e = link(text, 5..12, "https://example.org/laporan").unwrap();
        let linked = e.apply(text);
        assert_eq!(
            linked,
            "Baca [laporan](https://example.org/laporan) lengkap"
        );
        let back = link(&linked, e.selection, "").unwrap().apply(&linked);
        assert_eq!(back, text);
        assert!(link(text, 5..12, "mailto:desk@example.org").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "example.org",
            "https://",
        ] {
            assert_eq!(link(text, 5..12, bad), Err(LinkError::Scheme), "{bad}");
        }
        assert_eq!(
            link(text, 5..12, "https://a.org/x) [y"),
            Err(LinkError::Characters)
        );
    }

    #[test]
    fn blocks_work_on_the_paragraphs_the_selection_touches() {
        let text = "Judul\n\nsatu\ndua\n\nakhir";
        assert_eq!(
            run(text, 0..0, Format::Heading).0,
            "## Judul\n\nsatu\ndua\n\nakhir"
        );
        assert_eq!(
            run(text, 8..8, Format::Quote).0,
            "Judul\n\n> satu\n> dua\n\nakhir"
        );
        assert_eq!(
            run(text, 8..8, Format::Numbered).0,
            "Judul\n\n1. satu\n2. dua\n\nakhir"
        );
        assert_eq!(
            run(text, 2..19, Format::Bulleted).0,
            "- Judul\n\n- satu\n- dua\n\n- akhir"
        );
        // Taken off again when every line has it; another heading level counts.
        assert_eq!(run("### Judul", 3..3, Format::Heading).0, "Judul");
        assert_eq!(run("- a\nb", 0..0, Format::Bulleted).0, "- a\n- b");
    }

    /// `f` applied twice (the second time to the first one's result and selection) gives
    /// back `text`, when it applies at all.
    fn twice_is_identity(text: &str, sel: std::ops::Range<usize>, f: Format) {
        let Some(first) = apply(text, sel.clone(), f) else {
            return;
        };
        let once = first.apply(text);
        assert_ne!(once, text);
        let again = apply(&once, first.selection.clone(), f).expect("an edit");
        assert_eq!(again.apply(&once), text, "{f:?} on {sel:?}");
    }

    /// A case proptest once found: a heading over two empty lines.
    #[test]
    fn a_heading_over_empty_lines_applied_twice_gives_them_back() {
        twice_is_identity("\n", 0..1, Format::Heading);
    }

    proptest! {
        /// Bold, italic and every block format applied twice (the second time to the
        /// first one's result and selection) give back the text.
        #[test]
        fn applying_twice_is_identity(
            lines in proptest::collection::vec("[a-z]{1,6}( [a-z]{1,6}){0,3}|", 1..6),
            a in 0usize..60,
            b in 0usize..60,
            which in 0usize..6,
        ) {
            let text = lines.join("\n");
            let sel = a.min(text.len())..b.min(text.len()).max(a.min(text.len()));
            let f = [Format::Bold, Format::Italic, Format::Heading, Format::Quote,
                     Format::Bulleted, Format::Numbered][which];
            twice_is_identity(&text, sel, f);
        }
    }

    #[test]
    fn a_placed_picture_parses_back_to_its_source_and_alt() {
        let sources = [
            "ferry.jpg",
            "photos/old ferry (2).jpg",
            r"C:\Users\desk\_pics\kapal.jpg",
            "https://example.com/a_b.jpg?x=(1)",
            "<odd>.png",
        ];
        for source in sources {
            let alt = "A *ferry* [docked] at dawn & 5_000 people!";
            let text = "First paragraph.\n\nSecond one.";
            let edit = place_picture(text, 3..3, source, alt);
            let body = edit.apply(text);
            assert!(
                body.starts_with("First paragraph.\n\n![") && body.ends_with("\n\nSecond one."),
                "{body:?}"
            );
            assert_eq!(
                &body[edit.selection.clone()],
                "",
                "a caret, not a selection"
            );
            assert_eq!(&body[edit.selection.start..], "\n\nSecond one.");
            let blocks = crate::render::chunk_blocks(&body);
            let pictured: Vec<_> = blocks
                .iter()
                .filter_map(|b| match b {
                    crate::render::Block::Picture { source, alt } => Some((
                        source.clone(),
                        alt.iter().map(|s| s.text.as_str()).collect::<String>(),
                    )),
                    _ => None,
                })
                .collect();
            assert_eq!(
                pictured,
                vec![(source.to_owned(), alt.to_owned())],
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_picture_goes_after_the_caret_paragraph_or_fills_a_blank_body() {
        let text = "One line\nof a paragraph.\n\nNext.";
        let body = place_picture(text, 2..2, "a.jpg", "").apply(text);
        assert_eq!(body, "One line\nof a paragraph.\n\n![](a.jpg)\n\nNext.");
        let body = place_picture(text, text.len()..text.len(), "a.jpg", "Alt").apply(text);
        assert_eq!(body, "One line\nof a paragraph.\n\nNext.\n\n![Alt](a.jpg)");
        let blank = "  \n";
        let edit = place_picture(blank, 0..0, "a.jpg", "Two\n\nlines");
        assert_eq!(edit.apply(blank), "![Two lines](a.jpg)");
        assert_eq!(edit.selection, 19..19);
    }
}
