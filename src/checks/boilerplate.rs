//! Leftover boilerplate: site or wire furniture ("Baca Juga: …", "Advertisement", "Simak
//! video…") still in the body, as whole lines or glued inside a sentence. Which text that is
//! comes from the importer's rule table ([`crate::import::boilerplate`]), so importing and
//! checking never disagree and a new outlet's pattern is added in one place.

use super::{Field, Finding, Severity};
use crate::import::boilerplate::{classify_line, find_glued};

const RULE: &str = "leftover-boilerplate";

/// Flags boilerplate lines (the fix deletes the line) and glued snippets (the fix deletes
/// just the snippet, keeping the sentence around it).
pub fn check(body: &str, out: &mut Vec<Finding>) {
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            // Nothing to flag on a blank line.
        } else if let Some(rule) = classify_line(text) {
            out.push(
                Finding::new(
                    Field::Body,
                    start..start + line.len(),
                    Severity::Warning,
                    RULE,
                    format!("this line is boilerplate ({rule}), not part of the story"),
                )
                .with_fix(""),
            );
        } else {
            for glued in find_glued(text) {
                out.push(
                    Finding::new(
                        Field::Body,
                        start + glued.range.start..start + glued.range.end,
                        Severity::Warning,
                        RULE,
                        format!("boilerplate ({}) glued into the text", glued.rule),
                    )
                    .with_fix(""),
                );
            }
        }
        start += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_are_deleted_whole() {
        let body = "Satu.\nBaca Juga\r\nDua.\nAdvertisement\n";
        let mut out = Vec::new();
        check(body, &mut out);
        let flagged: Vec<&str> = out.iter().map(|f| &body[f.range.clone()]).collect();
        assert_eq!(flagged, ["Baca Juga\r\n", "Advertisement\n"]);
        assert!(
            out.iter()
                .all(|f| f.fix.as_ref().is_some_and(|x| x.replacement.is_empty()))
        );
    }

    #[test]
    fn glued_snippets_are_cut_out_of_their_sentence() {
        let body =
            "Hujan turun (6/6/2020).Baca juga: Banjir Melanda KotaTulus menjelaskan hal itu.\n";
        let mut out = Vec::new();
        check(body, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        let snippet = &body[out[0].range.clone()];
        assert!(snippet.starts_with("Baca juga"), "{snippet}");
        assert!(!snippet.contains("Tulus"), "{snippet}");
    }

    #[test]
    fn story_text_is_not_flagged() {
        let mut out = Vec::new();
        check(
            "Presiden membaca juga laporan itu.\nIklan rokok dilarang.\n",
            &mut out,
        );
        assert!(out.is_empty(), "{out:?}");
    }
}
