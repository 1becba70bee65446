//! Adversarial inputs for the quote scanner and the whole pipeline: many quote marks,
//! only opening marks, alternating “ ” " marks, odd scraps. Spans must be right and the
//! work linear (the doubling measurement is in benches/quotes.rs; no test here times
//! anything).

use namedrop::{
    run, Document, Gender, Lexicons, LinkOptions, MentionSource, NoEntities, QuoteKind, Rule,
};

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
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].start, 0);
    assert_eq!(d.quotes[0].end, text.trim_end().len());
}

#[test]
fn alternating_curly_marks_pair_up() {
    let unit = "“a” ";
    let text = unit.repeat(N / 2);
    let d = go(&text);
    assert_eq!(d.quotes.len(), N / 2);
    for (i, q) in d.quotes.iter().enumerate() {
        assert_eq!(
            (q.start, q.end),
            (i * unit.len(), i * unit.len() + unit.len() - 1)
        );
        assert_eq!(q.kind, QuoteKind::Other);
    }
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
    let d = go(&text);
    assert_eq!(d.quotes.len(), 40_000);
    assert!(d.quotes.iter().all(|q| q.speaker.is_some()));
}

#[test]
fn pronoun_speakers_at_scale() {
    // every "he" resolves to the man named right before it (one discovered person)
    let unit = "Mr. Lind Moss arrived. “We lost,” he said. ";
    let text = unit.repeat(20_000);
    let d = go(&text);
    assert_eq!(d.quotes.len(), 20_000);
    let moss = d
        .clusters
        .iter()
        .position(|c| c.name == "Lind Moss")
        .expect("Lind Moss is discovered") as u32;
    for q in &d.quotes {
        assert_eq!((q.kind, q.rule), (QuoteKind::Direct, Rule::A7));
        let sp = &d.speakers[q.speaker.expect("every quote has a speaker") as usize];
        assert_eq!(
            (&text[sp.start..sp.end], sp.source, sp.cluster),
            ("he", MentionSource::Pronoun, Some(moss))
        );
    }
    let c = &d.clusters[moss as usize];
    assert_eq!(
        (c.quotes, c.mentions, c.gender),
        (20_000, 20_000, Some(Gender::Male))
    );
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
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(&text[d.quotes[0].start..d.quotes[0].end], "“yes”");
    let mut text = "Dana Lind, ".repeat(N / 2);
    text.push_str("said, “yes”");
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1);
}

#[test]
fn ten_megabytes_of_alternating_curly_and_straight_marks() {
    // 10^6 units of “ab” "cd": 4 * 10^6 marks, ~14 MB, one paragraph.
    let unit = "“ab” \"cd\" ";
    let n = 1_000_000;
    let text = unit.repeat(n);
    let d = go(&text);
    assert_eq!(d.quotes.len(), 2 * n);
    let first = "“ab”".len();
    for (i, q) in d.quotes.iter().enumerate() {
        let base = (i / 2) * unit.len();
        let want = if i % 2 == 0 {
            (base, base + first)
        } else {
            (base + first + 1, base + unit.len() - 1)
        };
        assert_eq!((q.start, q.end), want, "quote {i}");
    }
}

#[test]
fn a_million_opening_marks_close_at_their_paragraph() {
    // 10^6 opening marks in 1,000 paragraphs: one unclosed quote per paragraph.
    let para = "“x ".repeat(1_000);
    let text = vec![para.trim_end(); 1_000].join("\n\n");
    let d = go(&text);
    assert_eq!(d.quotes.len(), 1_000);
    for q in &d.quotes {
        assert_eq!(&text[q.start..q.end], para.trim_end());
    }
}

#[test]
fn ten_megabytes_of_combining_marks_out_of_canonical_order() {
    // One letter carrying ~10 MB of marks typed against canonical order (virama, class
    // 9, before nukta, class 7; both kept by folding): the run is sorted once, whole.
    use namedrop::gazetteer::{Entity, Gazetteer, MatchOptions};
    let pairs = 1_700_000;
    let text = format!("Ram \u{915}{} Ram", "\u{94d}\u{93c}".repeat(pairs));
    let mut g = Gazetteer::new();
    g.add(Entity::new("r", "Ram", "PERSON")).unwrap();
    let spans: Vec<(usize, usize)> = g
        .find(&text, &MatchOptions::default())
        .iter()
        .map(|m| (m.start, m.end))
        .collect();
    assert_eq!(spans, [(0, 3), (text.len() - 3, text.len())]);
    let folded = namedrop::text::fold(&text, true);
    let run = &folded.as_str()[7..7 + 6 * pairs];
    assert!(run[..3 * pairs].chars().all(|c| c == '\u{93c}'));
    assert!(run[3 * pairs..].chars().all(|c| c == '\u{94d}'));
    // the whole run maps back to the whole run
    assert_eq!(folded.original_range(4, 7 + 6 * pairs), (4, text.len() - 4));
}
