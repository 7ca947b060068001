//! Leftover boilerplate: lines of site or wire furniture ("Baca Juga: …", "Simak video…")
//! still in the body. Which lines those are is the importer's knowledge, passed in as
//! [`Options::boilerplate`](super::Options::boilerplate), so the two never disagree.

use super::{BoilerplateTest, Field, Finding, Severity};

/// Flags every body line the importer's test calls boilerplate; the fix deletes the line.
pub fn check(body: &str, is_boilerplate: BoilerplateTest, out: &mut Vec<Finding>) {
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        if !text.trim().is_empty() && is_boilerplate(text) {
            out.push(
                Finding::new(
                    Field::Body,
                    start..start + line.len(),
                    Severity::Warning,
                    "leftover-boilerplate",
                    "this line is site or wire boilerplate, not part of the story",
                )
                .with_fix(""),
            );
        }
        start += line.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_the_lines_the_test_accepts_and_deletes_them_whole() {
        fn test(line: &str) -> bool {
            line.starts_with("Baca Juga")
        }
        let body = "Satu.\nBaca Juga: lain\r\nDua.\n";
        let mut out = Vec::new();
        check(body, test, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&body[out[0].range.clone()], "Baca Juga: lain\r\n");
    }
}
