//! Where text moved: the edits made since a revision, as far as byte positions care, so
//! what was computed for an older revision (check findings) can be placed on today's text
//! without computing it again.
//!
//! The document logs a [`Moved`] for every text change it makes ([`super::Document`] keeps
//! the log); [`map_range`] carries a range through them. A range an edit touched is gone
//! (the word under it is being typed), a range after it shifts.

use std::ops::Range;

use crate::article::Field;

/// Bytes `range` of a field's text replaced by `len` new bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub field: Field,
    pub range: Range<usize>,
    pub len: usize,
}

impl Moved {
    /// A change to the whole field whose extent is not known (the date, set as a value):
    /// no range in it survives.
    pub fn whole(field: Field) -> Self {
        Self {
            field,
            range: 0..usize::MAX,
            len: 0,
        }
    }
}

/// `range` of `field`'s text as it is after `moves`, applied in order; `None` when one of
/// them touched it. Touching includes typing right at either end: the word there changes.
/// An empty range (a missing value) survives edits elsewhere in the field.
pub fn map_range(field: Field, range: Range<usize>, moves: &[Moved]) -> Option<Range<usize>> {
    let mut r = range;
    for m in moves.iter().filter(|m| m.field == field) {
        if m.range.end < r.start || (m.range.end == r.start && m.range.is_empty() && r.is_empty()) {
            // Wholly before: shift by what it added or removed.
            let start = r.start - (m.range.end - m.range.start) + m.len;
            r = start..start + r.len();
        } else if m.range.start > r.end {
            // Wholly after: unchanged.
        } else {
            return None;
        }
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed(range: Range<usize>, text: &str) -> Moved {
        Moved {
            field: Field::Body,
            range,
            len: text.len(),
        }
    }

    #[test]
    fn ranges_after_an_edit_shift_and_ranges_it_touches_go() {
        // "kapal beroprasi lagi": the flagged word is 6..15.
        let word = 6..15;
        assert_eq!(
            map_range(Field::Body, word.clone(), &[typed(0..0, "Si ")]),
            Some(9..18)
        );
        assert_eq!(
            map_range(Field::Body, word.clone(), &[typed(0..5, "kapalnya")]),
            Some(9..18)
        );
        assert_eq!(
            map_range(Field::Body, word.clone(), &[typed(20..20, "!")]),
            Some(6..15)
        );
        // Typing at its end or start, or inside it: the word is being typed.
        for m in [
            typed(15..15, "x"),
            typed(6..6, "x"),
            typed(8..9, ""),
            typed(0..7, ""),
        ] {
            assert_eq!(
                map_range(Field::Body, word.clone(), std::slice::from_ref(&m)),
                None,
                "{m:?}"
            );
        }
        // Another field's edit changes nothing here.
        let headline = Moved {
            field: Field::Headline,
            range: 0..3,
            len: 0,
        };
        assert_eq!(
            map_range(Field::Body, word.clone(), &[headline]),
            Some(word)
        );
        assert_eq!(
            map_range(Field::Date, 0..0, &[Moved::whole(Field::Date)]),
            None
        );
    }

    proptest! {
        /// A range the edits did not touch points at the same text afterwards; one they
        /// touched is dropped.
        #[test]
        fn mapped_ranges_point_at_the_same_text(
            text in "[a-c ]{1,40}",
            start in 0usize..40,
            len in 0usize..8,
            edits in proptest::collection::vec((0usize..48, 0usize..5, "[x-z]{0,4}"), 0..6),
        ) {
            let start = start.min(text.len());
            let range = start..(start + len).min(text.len());
            let word = text[range.clone()].to_owned();
            let mut now = text.clone();
            let mut moves = Vec::new();
            // Whether some edit touched the range (tracked as the text changes).
            let mut live = Some(range.clone());
            for (at, cut, insert) in edits {
                let at = at.min(now.len());
                let end = (at + cut).min(now.len());
                now.replace_range(at..end, &insert);
                let m = typed(at..end, &insert);
                live = live.and_then(|r| map_range(Field::Body, r, std::slice::from_ref(&m)));
                moves.push(m);
            }
            let mapped = map_range(Field::Body, range, &moves);
            prop_assert_eq!(&mapped, &live);
            if let Some(r) = mapped {
                prop_assert_eq!(&now[r], word.as_str());
            }
        }
    }
}
