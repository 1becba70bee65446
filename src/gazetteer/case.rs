//! The case and diacritic checks of a candidate match: the trie compares folded keys,
//! these decide whether the original span's letter case (and, when diacritics are not
//! folded, its marks) fit the alias.

use super::{AliasRecord, CaseMode, Gazetteer, MatchOptions, NOT_SHORT_ASCII};
use crate::text;

impl AliasRecord {
    /// The smart-case rule for this alias and an original span whose folded form
    /// equals the alias's; `text` gives the alias text (read only when needed).
    pub(super) fn smart_ok<'a>(&self, span: &str, text: impl FnOnce() -> &'a str) -> bool {
        if !self.has_upper {
            return true;
        }
        if self.ascii_len != NOT_SHORT_ASCII && span.len() == self.ascii_len as usize {
            let (mut upper, mut lower) = (0u64, false);
            for (k, b) in span.bytes().enumerate() {
                upper |= (b.is_ascii_uppercase() as u64) << k;
                lower |= b.is_ascii_lowercase();
            }
            if span.is_ascii() {
                // ASCII folds byte for byte: compare positions directly.
                return !lower || self.upper_mask & !upper == 0;
            }
        }
        smart_case_ok(text(), span)
    }
}

impl Gazetteer {
    /// Case and diacritic checks of one alias against an original text span whose
    /// folded form equals the alias's folded key.
    pub(super) fn alias_ok(&self, aid: u32, span: &str, opts: &MatchOptions) -> bool {
        let rec = &self.aliases[aid as usize];
        let mode = rec.case.unwrap_or(opts.case);
        match mode {
            CaseMode::Insensitive => {}
            CaseMode::Smart => {
                if !rec.smart_ok(span, || self.alias_text(aid)) {
                    return false;
                }
            }
            CaseMode::Exact => {
                return same_key(span, self.alias_text(aid), false, opts.fold_diacritics);
            }
        }
        if !opts.fold_diacritics {
            return same_key(span, self.alias_text(aid), true, false);
        }
        true
    }
}

/// `fold_key(a, lower, strip) == fold_key(b, lower, strip)`, with the keys folded into
/// buffers kept per thread (this runs for every match in exact-case or
/// diacritic-sensitive matching).
fn same_key(a: &str, b: &str, lower: bool, strip: bool) -> bool {
    thread_local! {
        static KEYS: std::cell::RefCell<(String, String)> = Default::default();
    }
    KEYS.with(|keys| match keys.try_borrow_mut() {
        Ok(mut keys) => {
            let (ka, kb) = &mut *keys;
            ka.clear();
            kb.clear();
            text::fold_key_into(a, lower, strip, ka);
            text::fold_key_into(b, lower, strip, kb);
            ka == kb
        }
        // Not reentrant in practice; fall back to fresh strings if it ever is.
        Err(_) => text::fold_key(a, lower, strip) == text::fold_key(b, lower, strip),
    })
}

/// The capitalisation pattern of `s` on its folded characters: one flag per folded char
/// (whitespace runs give one `false`).
fn case_pattern(s: &str, out: &mut Vec<bool>) {
    let mut pending_space = false;
    for c in s.chars() {
        if text::is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        let up = c.is_uppercase();
        let before = out.len();
        if pending_space {
            out.push(false);
        }
        let mark = out.len();
        text::fold_char(c, true, true, &mut |_| out.push(up));
        if out.len() == mark {
            out.truncate(before);
        } else {
            pending_space = false;
        }
    }
}

fn smart_case_ok(alias: &str, span: &str) -> bool {
    if alias.len() == span.len() && alias.is_ascii() && span.is_ascii() {
        // ASCII folds one byte to one byte: compare position by position.
        return !span.bytes().any(|c| c.is_ascii_lowercase())
            || alias
                .bytes()
                .zip(span.bytes())
                .all(|(a, t)| !a.is_ascii_uppercase() || t.is_ascii_uppercase());
    }
    if !span.chars().any(char::is_lowercase) {
        return true; // all capitals (or no cased letters)
    }
    let mut a = Vec::with_capacity(alias.len());
    let mut t = Vec::with_capacity(span.len());
    case_pattern(alias, &mut a);
    case_pattern(span, &mut t);
    a.len() == t.len() && a.iter().zip(&t).all(|(&au, &tu)| !au || tu)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_rules() {
        assert!(smart_case_ok("May", "May"));
        assert!(smart_case_ok("May", "MAY"));
        assert!(!smart_case_ok("May", "may"));
        assert!(!smart_case_ok("US", "us"));
        assert!(!smart_case_ok("US", "Us"));
        assert!(smart_case_ok("İstanbul", "Istanbul"));
        assert!(smart_case_ok("Straße", "Strasse"));
        assert!(smart_case_ok("New York", "New\u{a0}\u{a0}York"));
        assert!(!smart_case_ok("New York", "New york"));
    }
}
