//! Synthetic gazetteers and news-like text for the benchmark and the 1M-alias example.
//! Everything is generated from a seed: no third-party text.
#![allow(dead_code)]

use namedrop::gazetteer::{Entity, Gazetteer};

/// xorshift64* — deterministic and dependency-free.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const SYL: &[&str] = &[
    "ka", "lo", "mi", "ran", "tor", "vel", "sen", "dar", "qui", "bel", "mon", "ta", "ri", "son",
    "ler", "gan", "hu", "pet", "nor", "wel", "as", "ber", "cor", "di", "el", "fa", "gor", "ha",
    "is", "jan", "ko", "lin", "ma", "ne", "ol", "pra", "ru", "sta", "tin", "ul", "vin", "wy",
];

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "that",
    "is",
    "for",
    "on",
    "it",
    "with",
    "as",
    "was",
    "he",
    "she",
    "they",
    "at",
    "by",
    "this",
    "from",
    "but",
    "not",
    "have",
    "said",
    "will",
    "would",
    "about",
    "officials",
    "government",
    "year",
    "people",
    "new",
    "state",
    "plan",
    "week",
    "percent",
    "report",
    "policy",
    "election",
    "vote",
    "budget",
    "minister",
    "court",
    "law",
    "campaign",
    "party",
    "leader",
    "city",
    "council",
    "police",
    "market",
    "trade",
    "deal",
    "talks",
    "may",
    "president",
    "bill",
    "house",
    "agency",
    "spokesman",
    "statement",
    "after",
    "before",
    "during",
    "while",
    "more",
    "than",
    "also",
    "which",
    "who",
    "their",
    "its",
    "were",
    "been",
    "has",
    "had",
    "an",
    "or",
    "one",
    "two",
    "three",
    "last",
    "first",
    "told",
    "reporters",
    "monday",
    "friday",
    "economy",
    "tax",
    "health",
    "security",
    "foreign",
];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn word(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    (0..n).map(|_| rng.pick(SYL)).collect()
}

/// Person names "First Last" (alias "First M. Last") and places "Word Word" (alias
/// "New|Port|San|Lake|North Word Word"): 2 multi-word aliases per entity.
pub fn names(rng: &mut Rng, i: usize) -> (String, String) {
    if i % 2 == 0 {
        let (first, last) = (cap(&word(rng)), cap(&word(rng)));
        let middle = (b'A' + rng.below(26) as u8) as char;
        (
            format!("{first} {last}"),
            format!("{first} {middle}. {last}"),
        )
    } else {
        let (a, b) = (cap(&word(rng)), cap(&word(rng)));
        let prefix = ["New", "Port", "San", "Lake", "North"][rng.below(5)];
        (format!("{a} {b}"), format!("{prefix} {a} {b}"))
    }
}

/// A gazetteer of `entities` entities with two aliases each (name + one alias), and
/// every `sample_every`-th alias (for generating text).
pub fn gazetteer(entities: usize, seed: u64, sample_every: usize) -> (Gazetteer, Vec<String>) {
    let mut rng = Rng::new(seed);
    let mut g = Gazetteer::new();
    let mut sample = Vec::new();
    for i in 0..entities {
        let (name, alias) = names(&mut rng, i);
        let label = if i % 2 == 0 { "PERSON" } else { "GPE" };
        if i % sample_every.max(1) == 0 {
            sample.push(name.clone());
            sample.push(alias.clone());
        }
        g.add(Entity::new(format!("e{i}"), name, label).alias(alias))
            .expect("synthetic entity");
    }
    (g, sample)
}

/// News-like text of about `bytes` bytes: paragraphs of sentences of common words, 4%
/// aliases and 5% other capitalised words. `typographic` adds curly quotes and
/// apostrophes (non-ASCII), as real news has.
pub fn news(aliases: &[String], bytes: usize, seed: u64, typographic: bool) -> String {
    let mut rng = Rng::new(seed);
    let (apos, open, close) = if typographic {
        ("\u{2019}", "\u{201c}", "\u{201d}")
    } else {
        ("'", "\"", "\"")
    };
    let mut s = String::with_capacity(bytes + 200);
    while s.len() < bytes {
        let sentences = 2 + rng.below(4);
        for _ in 0..sentences {
            let quoted = rng.below(4) == 0;
            if quoted {
                s.push_str(open);
            }
            let n = 8 + rng.below(18);
            for k in 0..n {
                let r = rng.below(100);
                let w = if r < 4 {
                    aliases[rng.below(aliases.len())].clone()
                } else if r < 9 {
                    // Capitalised words that are not names (four syllables, while
                    // name words have two or three).
                    cap(&(0..4).map(|_| rng.pick(SYL)).collect::<String>())
                } else {
                    rng.pick(WORDS).to_string()
                };
                if k == 0 {
                    s.push_str(&cap(&w));
                } else {
                    s.push_str(&w);
                }
                match rng.below(30) {
                    0 => s.push(','),
                    1 => {
                        s.push_str(apos);
                        s.push('s');
                    }
                    _ => {}
                }
                if k + 1 < n {
                    s.push(' ');
                }
            }
            s.push('.');
            if quoted {
                s.push_str(close);
            }
            s.push(' ');
        }
        s.push_str("\n\n");
    }
    s
}
