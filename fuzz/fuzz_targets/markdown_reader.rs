//! Fuzzes the Markdown reader: any text must read or fail cleanly, never panic, and
//! whatever reads must write and read back as the same article.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdesk::formats::markdown;

fuzz_target!(|text: &str| {
    if let Ok(article) = markdown::from_str(text) {
        let written = markdown::to_string(&article).expect("a read article writes");
        let again = markdown::from_str(&written).expect("what was written reads");
        assert_eq!(again, article, "round trip changed the article:\n{written}");
        assert_eq!(
            markdown::to_string(&again).expect("writes"),
            written,
            "writing is not canonical"
        );
    }
});
