//! Long texts in windows: a text longer than [`ExtractOptions::window_bytes`] is cut
//! at paragraph boundaries into windows that the stages read one at a time, and the
//! windows' [`Document`]s are merged into one.
//!
//! Why: the stages after the matcher keep per-token arrays (16 bytes a token, one token
//! per ~5 bytes of news) and per-mention working copies for the whole text they read;
//! over a 100 MB text that is most of the call's memory. Read in windows, the working
//! memory is that of one window, and only the results grow with the text.
//!
//! What a window changes: linking, attribution and pronouns read one window. A short
//! form ("Mr. Froman") links to a full name in its own window, and a quote spans no
//! window boundary. Across windows, clusters of the same gazetteer entity, or of the
//! same name and label when no entity is known, are merged into one; paragraph
//! numbers count from the start of the text. The default window (1 MiB) is longer than
//! any news article, so one article is always read whole.
//!
//! [`ExtractOptions::window_bytes`]: crate::ExtractOptions::window_bytes

use std::ops::Range;

use crate::{Cluster, Document, FastMap, Label};

/// The byte ranges of the windows of `text`, in order, covering it: each (but the
/// last) at least `max` bytes long. A window ends after a blank line within half a
/// window past `max`, else after a newline within a window past it, else (a text of
/// very long lines) after the first whitespace from there; a text without any is one
/// window. Linear in the text: each search reads from its window's end onwards, at
/// most to the next window's start.
pub(crate) fn windows(text: &str, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let Some(end) = cut_after(text.as_bytes(), start + max, max) else {
            break;
        };
        out.push(start..end);
        start = end;
    }
    out.push(start..text.len());
    out
}

/// Where a window that may end at `from` or later ends: the byte after the boundary,
/// or `None` when the rest of the text stays in this window.
fn cut_after(bytes: &[u8], from: usize, max: usize) -> Option<usize> {
    let within = |len: usize| &bytes[from..(from + len).min(bytes.len())];
    let end = if let Some(i) = within(max / 2).windows(2).position(|w| w == b"\n\n") {
        from + i + 2
    } else if let Some(i) = within(max).iter().position(|&b| b == b'\n') {
        from + i + 1
    } else {
        // Any whitespace (ASCII, so the cut is on a char boundary): a text of very
        // long lines is still cut, between words.
        let far = (from + max).min(bytes.len());
        far + bytes[far..].iter().position(u8::is_ascii_whitespace)? + 1
    };
    // a boundary at the very end leaves nothing for another window
    Some(end).filter(|&end| end < bytes.len())
}

/// Paragraph numbers across windows. The tokenizer numbers the lines with a
/// non-space character from 0 in each window; a window cut inside a line (only in
/// texts of very long lines) continues that line's paragraph.
#[derive(Default)]
struct Paragraphs {
    /// Lines with text that ended (a newline) before the next window.
    ended: u32,
    /// The line the next window starts in already has text.
    open: bool,
}

impl Paragraphs {
    /// The number of the window's first paragraph in the whole text, and the count
    /// moved past `window` (the window's text).
    fn take(&mut self, window: &str) -> u32 {
        let mut lines = window.split('\n');
        let has_text = |line: &str| line.chars().any(|c| !c.is_whitespace());
        let first = lines.next().unwrap_or("");
        // a line with text before the window but none in it is a paragraph the
        // window does not count
        let offset = self.ended + u32::from(self.open && !has_text(first));
        let mut open = self.open || has_text(first);
        for line in lines {
            self.ended += u32::from(open);
            open = has_text(line);
        }
        self.open = open;
        offset
    }
}

/// Merges the documents of a text's windows as they come, in text order: each
/// window's items are renumbered into the whole document's and handed on, and the
/// merged clusters are kept until the end.
#[derive(Default)]
pub(crate) struct Merger {
    clusters: Vec<Cluster>,
    /// Speakers handed on so far (the next window's speaker indices start here).
    speakers: u32,
    paragraphs: Paragraphs,
    /// The merged cluster of each gazetteer entity, and of each name and label
    /// without one.
    by_entity: FastMap<u32, u32>,
    by_name: FastMap<(Label, String), u32>,
}

impl Merger {
    /// The document of the window `window` of `text` as part of the whole one:
    /// offsets into `text`, speaker, cluster and paragraph numbers of the whole
    /// document, no clusters (they come from [`finish`](Self::finish)).
    pub fn add(&mut self, text: &str, window: Range<usize>, mut part: Document) -> Document {
        let shift = window.start;
        let first_paragraph = self.paragraphs.take(&text[window]);
        let clusters: Vec<u32> = std::mem::take(&mut part.clusters)
            .into_iter()
            .map(|c| self.cluster(c))
            .collect();
        let renumber = |c: &mut Option<u32>| *c = c.map(|c| clusters[c as usize]);
        for m in part.entities.iter_mut().chain(&mut part.speakers) {
            (m.start, m.end) = (m.start + shift, m.end + shift);
            renumber(&mut m.cluster);
        }
        for q in &mut part.quotes {
            (q.start, q.end) = (q.start + shift, q.end + shift);
            q.cue = q.cue.map(|(s, e)| (s + shift, e + shift));
            q.speaker = q.speaker.map(|s| s + self.speakers);
            q.paragraph += first_paragraph;
        }
        self.speakers += part.speakers.len() as u32;
        part
    }

    /// The merged index of a window's cluster `c`, its counts added to the merged one.
    fn cluster(&mut self, c: Cluster) -> u32 {
        let next = self.clusters.len() as u32;
        let index = match c.entity {
            Some(e) => *self.by_entity.entry(e).or_insert(next),
            None => *self
                .by_name
                .entry((c.label.clone(), c.name.clone()))
                .or_insert(next),
        };
        if index == next {
            self.clusters.push(c);
            return index;
        }
        let merged = &mut self.clusters[index as usize];
        merged.mentions += c.mentions;
        merged.quotes += c.quotes;
        merged.indirect_quotes += c.indirect_quotes;
        if merged.gender.is_none() {
            (merged.gender, merged.gender_evidence) = (c.gender, c.gender_evidence);
        }
        index
    }

    /// The clusters of the whole document.
    pub fn finish(self) -> Vec<Cluster> {
        self.clusters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str, max: usize) -> Vec<&str> {
        windows(text, max).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_short_text_is_one_window() {
        assert_eq!(
            cut("One paragraph.\n\nTwo.", 100),
            ["One paragraph.\n\nTwo."]
        );
        assert_eq!(cut("", 10), [""]);
    }

    #[test]
    fn windows_end_after_a_blank_line_then_a_newline_then_a_space() {
        // a blank line within 4 bytes of byte 8: after "bbbb\n\n"
        let text = "aaaa bbbb\n\ncccc cccc cccc dddd";
        assert_eq!(cut(text, 8), ["aaaa bbbb\n\n", "cccc cccc cccc dddd"]);
        // none, but a newline within 8 bytes
        let text = "aaaa aaaa bbbb\ncccc cccc dddd dddd";
        assert_eq!(cut(text, 8), ["aaaa aaaa bbbb\n", "cccc cccc dddd dddd"]);
        // one long line: the first space 16 bytes in
        let text = "aaaa aaaa bbbb cccc dddd eeee ffff gggg";
        assert_eq!(
            cut(text, 8),
            ["aaaa aaaa bbbb cccc ", "dddd eeee ffff gggg"]
        );
    }

    #[test]
    fn windows_cover_the_text_and_cut_only_at_whitespace() {
        let text = "Ünïcode wörds “quoted” here\nand there ".repeat(40);
        for max in [1, 7, 30, 64, 500] {
            let parts = windows(&text, max);
            assert_eq!(parts.first().unwrap().start, 0);
            assert_eq!(parts.last().unwrap().end, text.len());
            for pair in parts.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
                assert!(text[..pair[0].end].ends_with(char::is_whitespace));
                assert!(pair[0].len() >= max);
            }
        }
    }

    #[test]
    fn a_text_without_whitespace_is_one_window() {
        let word = "x".repeat(1000);
        assert_eq!(cut(&word, 10), [word.as_str()]);
        let text = format!("{word} tail");
        assert_eq!(cut(&text, 10), [&format!("{word} ")[..], "tail"]);
    }

    #[test]
    fn paragraphs_count_on_across_windows_cut_inside_a_line() {
        // "a\n\n  \nb one\r\nc two three\n d": paragraphs "a", "b one", "c two three", "d"
        let mut count = Paragraphs::default();
        // windows "a\n\n  \nb o", "ne\r\nc two", " ", "three\n d"
        assert_eq!(count.take("a\n\n  \nb o"), 0);
        assert_eq!(count.take("ne\r\nc two"), 1);
        assert_eq!(count.take(" "), 3);
        assert_eq!(count.take("three\n d"), 2);
        assert_eq!((count.ended, count.open), (3, true));
    }
}
