//! Adversarial inputs for the quote scanner and the whole pipeline: many quote marks,
//! only opening marks, alternating “ ” " marks, odd scraps. Spans must be right and the
//! work linear (big sizes and the doubling measurement are in benches/quotes.rs).

use std::time::Instant;

use namedrop::{run, Document, Lexicons, LinkOptions, NoEntities, QuoteKind};

fn go(text: &str) -> Document {
    run(
        text,
        vec![],
        &NoEntities,
        &Lexicons::default(),
        &LinkOptions::default(),
    )
}

const N: usize = 100_000;

#[test]
fn only_opening_marks_make_one_quote_to_the_paragraph_end() {
    let text = "“a ".repeat(N);
    let t = Instant::now();
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].start, 0);
    assert_eq!(d.quotes[0].end, text.trim_end().len());
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn alternating_curly_marks_pair_up() {
    let unit = "“a” ";
    let text = unit.repeat(N / 2);
    let t = Instant::now();
    let d = go(&text);
    assert_eq!(d.quotes.len(), N / 2);
    for (i, q) in d.quotes.iter().enumerate() {
        assert_eq!(
            (q.start, q.end),
            (i * unit.len(), i * unit.len() + unit.len() - 1)
        );
        assert_eq!(q.kind, QuoteKind::Other);
    }
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn alternating_straight_and_curly_marks() {
    // “a” "b" repeated: straight marks pair by context
    let unit = "“a” \"b\" ";
    let text = unit.repeat(N / 4);
    let d = go(&text);
    assert_eq!(d.quotes.len(), N / 2);
    let b = "“a”".len();
    for (i, q) in d.quotes.iter().enumerate() {
        let base = (i / 2) * unit.len();
        let want = if i % 2 == 0 {
            (base, base + b)
        } else {
            (base + b + 1, base + b + 4)
        };
        assert_eq!((q.start, q.end), want, "quote {i}");
    }
}

#[test]
fn marks_with_attributions_in_one_paragraph() {
    let unit = "“We lost,” Lind said, “and we left.” ";
    let text = unit.repeat(20_000);
    let t = Instant::now();
    let d = go(&text);
    assert_eq!(d.quotes.len(), 40_000);
    assert!(d.quotes.iter().all(|q| q.speaker.is_some()));
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn pronoun_speakers_at_scale() {
    let unit = "Mr. Lind Moss arrived. “We lost,” he said. ";
    let text = unit.repeat(20_000);
    let t = Instant::now();
    let d = go(&text);
    assert_eq!(d.quotes.len(), 20_000);
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}

#[test]
fn stray_and_odd_marks_never_fail() {
    for text in [
        "\"\"=",
        "”",
        "“",
        "''",
        "'''",
        "\"",
        "a”b“c",
        "“\n”",
        "„",
        "«»",
        "“”",
        "’90s",
        "O’Neill said “",
        "5′9″ tall",
        "\u{feff}“x”",
        "“é́”, he said",
        "😀 “😀,” 😀 said.",
        "\n\n\n",
        "",
    ] {
        let d = go(text);
        for q in &d.quotes {
            assert!(q.start < q.end && q.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
        }
    }
}

#[test]
fn unclosed_quote_ends_at_its_paragraph() {
    let text = "“We will fight this, Whitfield said.\nThe council met.";
    let d = go(text);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(
        &text[d.quotes[0].start..d.quotes[0].end],
        "“We will fight this, Whitfield said."
    );
}

#[test]
fn long_sentence_of_cues_stays_linear() {
    // no punctuation, a cue every other word, then a quote: each cue's search is bounded
    let mut text = "and said ".repeat(N);
    text.push_str("“yes”");
    let t = Instant::now();
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(&text[d.quotes[0].start..d.quotes[0].end], "“yes”");
    let mut text = "Dana Lind, ".repeat(N / 2);
    text.push_str("said, “yes”");
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1);
    assert!(t.elapsed().as_secs() < 20, "took {:?}", t.elapsed());
}
