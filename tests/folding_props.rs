//! Property tests of folding under canonical equivalence: texts made of pieces that
//! each have several canonically equal spellings (precomposed, decomposed, marks in
//! another order, Hangul syllables or jamo) fold alike whichever spelling is used,
//! offsets map back to character boundaries, and the matcher finds an alias written
//! one way in text written another. (tests/test_folding.py checks the folded text
//! itself against Python's `unicodedata.normalize("NFD", ...)`.)

use namedrop::gazetteer::{CaseMode, Entity, Gazetteer, MatchOptions};
use namedrop::text::{fold, fold_key};
use proptest::prelude::*;

/// Canonically equal spellings of one piece (each starts with a starter, so pieces do
/// not reorder into each other). Marks: 0x302/0x301/0x308/0x30A above (230), 0x323
/// below (220), 0x31B horn (216), 0x328 ogonek (202), nukta 0x93C (7), virama 0x94D (9).
const PIECES: &[&[&str]] = &[
    &[
        "ệ",
        "ê\u{323}",
        "e\u{302}\u{323}",
        "e\u{323}\u{302}",
        "ẹ\u{302}",
    ],
    &[
        "Ệ",
        "Ê\u{323}",
        "E\u{302}\u{323}",
        "E\u{323}\u{302}",
        "Ẹ\u{302}",
    ],
    &[
        "ự",
        "ư\u{323}",
        "u\u{31b}\u{323}",
        "u\u{323}\u{31b}",
        "ụ\u{31b}",
    ],
    &["ǘ", "ü\u{301}", "u\u{308}\u{301}"],
    &["ą\u{301}", "a\u{328}\u{301}", "a\u{301}\u{328}", "á\u{328}"],
    &["Å", "\u{212b}", "A\u{30a}"],
    &["서", "\u{1109}\u{1165}"],
    &["울", "\u{110b}\u{116e}\u{11af}", "우\u{11af}"],
    &["한", "\u{1112}\u{1161}\u{11ab}", "하\u{11ab}"],
    &[
        "\u{95b}\u{94d}",
        "\u{91c}\u{93c}\u{94d}",
        "\u{91c}\u{94d}\u{93c}",
    ],
    &["क\u{94d}\u{937}"],
    &["a"],
    &["B"],
    &["ß"],
    &["7"],
    &["😀"],
    &["\u{200d}"],
    &["’"],
];
/// Pieces that may start a word: a letter.
const LETTERS: usize = 11;

/// A sequence of pieces, and two random spellings of each.
fn spelled(len: std::ops::Range<usize>, first_letter: bool) -> BoxedStrategy<(String, String)> {
    let piece = (0..PIECES.len(), any::<usize>(), any::<usize>());
    let first = (0..LETTERS, any::<usize>(), any::<usize>());
    let first = if first_letter {
        first.prop_map(Some).boxed()
    } else {
        Just(None).boxed()
    };
    (first, prop::collection::vec(piece, len))
        .prop_map(|(first, rest)| {
            let (mut a, mut b) = (String::new(), String::new());
            for (p, i, j) in first.into_iter().chain(rest) {
                let forms = PIECES[p];
                a.push_str(forms[i % forms.len()]);
                b.push_str(forms[j % forms.len()]);
            }
            (a, b)
        })
        .boxed()
}

/// Texts: pieces with spaces between some of them.
fn texts() -> BoxedStrategy<(String, String)> {
    prop::collection::vec((spelled(0..4, false), any::<bool>()), 0..8)
        .prop_map(|words| {
            let (mut a, mut b) = (String::new(), String::new());
            for ((x, y), space) in words {
                a.push_str(&x);
                b.push_str(&y);
                if space {
                    a.push(' ');
                    b.push('\u{a0}');
                }
            }
            (a, b)
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn canonically_equal_texts_fold_alike((a, b) in texts()) {
        for strip in [true, false] {
            let (fa, fb) = (fold(&a, strip), fold(&b, strip));
            prop_assert_eq!(fa.as_str(), fb.as_str());
            for lower in [true, false] {
                let key = fold_key(&a, lower, strip);
                prop_assert_eq!(&key, &fold_key(&b, lower, strip));
                // Folding is idempotent: a folded key is already folded.
                prop_assert_eq!(&fold_key(&key, lower, strip), &key);
            }
        }
    }

    #[test]
    fn folded_offsets_are_sorted_char_boundaries((a, _b) in texts(), strip in any::<bool>()) {
        let f = fold(&a, strip);
        let folded = f.as_str();
        let mut last = 0;
        for (i, _) in folded.char_indices().chain([(folded.len(), ' ')]) {
            let s = f.original_start(i);
            let e = f.original_end(i);
            prop_assert!(a.is_char_boundary(s) && a.is_char_boundary(e));
            prop_assert!(s >= last, "start {} after {}", s, last);
            prop_assert!(s <= e || i == folded.len());
            last = s;
        }
        // Every folded character comes from the original span it maps back to.
        for (i, c) in folded.char_indices() {
            let (s, e) = f.original_range(i, i + c.len_utf8());
            let source = fold(&a[s..e], strip);
            prop_assert!(
                source.as_str().contains(c),
                "{:?} at folded {} maps to {:?}", c, i, &a[s..e]
            );
        }
    }

    #[test]
    fn an_alias_spelled_one_way_is_found_spelled_another(
        (alias, written) in spelled(0..5, true),
        case in prop::sample::select(vec![CaseMode::Smart, CaseMode::Exact, CaseMode::Insensitive]),
        fold_diacritics in any::<bool>(),
    ) {
        let mut g = Gazetteer::new();
        g.add(Entity::new("e", alias.as_str(), "LOC")).unwrap();
        let text = format!("« {written} » («{written}»)");
        let opts = MatchOptions { case, fold_diacritics, ..Default::default() };
        let got: Vec<&str> = g.find(&text, &opts).iter().map(|m| &text[m.start..m.end]).collect();
        prop_assert_eq!(got, vec![written.as_str(), written.as_str()]);
    }
}
