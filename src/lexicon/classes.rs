//! The word classes: short lists that rules test a word against, declared once with
//! a doc comment each and read from a `[class]` file by the lexicon's one reader
//! ([`grammar_lines`]). `grammar.txt` holds the attribution grammar's classes (the
//! reported-speech tagger reads them as features too); `linking.txt` those of
//! linking and speaker resolution, and `reported.txt` those of the reported-speech
//! stage's pairing rules, kept apart so that the tagger's input stays the grammar;
//! `name_suffixes.txt` is one case-sensitive list.

use std::sync::OnceLock;

use super::{
    grammar_lines, rows, GrammarLine, GRAMMAR, INTRO_WORDS, LINKING, NAME_SUFFIXES, REPORTED,
};

/// A struct of word classes read from one `[class]` file.
trait WordClasses: Default + Sized {
    /// The file's name, for errors.
    const FILE: &'static str;

    /// The list of class `name`, if the struct has one.
    fn class(&mut self, name: &str) -> Option<&mut Vec<&'static str>>;

    /// Every class and its name (for the data tests).
    #[cfg(test)]
    fn classes(&self) -> Vec<(&'static str, &Vec<&'static str>)>;

    /// Parses `[class]` headers and one word per line; an unknown class is a bug in
    /// the shipped data, caught by the tests below.
    fn parse(data: &'static str) -> Result<Self, String> {
        let mut g = Self::default();
        let mut current: Option<&str> = None;
        for (n, line) in grammar_lines(data) {
            match line {
                GrammarLine::Class(name) => {
                    if g.class(name).is_none() {
                        return Err(format!("{} line {n}: unknown class {name}", Self::FILE));
                    }
                    current = Some(name);
                }
                GrammarLine::Word(word) => match current.and_then(|c| g.class(c)) {
                    Some(list) => list.push(word),
                    None => return Err(format!("{} line {n}: word before a class", Self::FILE)),
                },
            }
        }
        Ok(g)
    }
}

/// Declares a struct of word classes once: its fields, the section names its file
/// uses, and the list of every class (for the data tests).
macro_rules! word_classes {
    (
        $(#[doc = $sdoc:expr])* $ty:ident in $file:literal
        { $($(#[doc = $doc:expr])* $name:ident,)* }
    ) => {
        $(#[doc = $sdoc])*
        #[derive(Debug, Default)]
        pub(crate) struct $ty {
            $($(#[doc = $doc])* pub $name: Vec<&'static str>,)*
        }

        impl WordClasses for $ty {
            const FILE: &'static str = $file;

            fn class(&mut self, name: &str) -> Option<&mut Vec<&'static str>> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }

            #[cfg(test)]
            fn classes(&self) -> Vec<(&'static str, &Vec<&'static str>)> {
                vec![$((stringify!($name), &self.$name)),*]
            }
        }
    };
}

word_classes! {
    /// The word classes of the attribution grammar (`data/lexicon/grammar.txt`),
    /// parsed once: each is a short list the rules test a lowercase word against.
    Grammar in "grammar.txt" {
        /// Auxiliaries and adverbs that may stand between a subject and its cue.
        aux,
        /// Determiners that can start a speaker phrase ("the", "a", "senior").
        determiners,
        /// Determiners that can stand alone as a speaker ("another", "some", "many").
        group_heads,
        /// Verb-like words between a subject and its cue ("she began saying").
        pre_cue,
        /// Clause words that end a speaker phrase ("that", "because", "when").
        boundary,
        /// Prepositions and time words that end a speaker phrase after an inverted cue.
        np_stop,
        /// Nouns of saying that introduce a quote (`her remark that “…”`): rule D4.
        speech_nouns,
        /// Nouns of a light-verb cue in reported speech ("expressed concern that"): rule R5.
        opinion_nouns,
        /// Phrases that name rather than report ("known as"): no reported speech.
        naming_phrases,
        /// Words opening a clause after a reported-speech attribution (rule R2).
        trailing_clause_words,
        /// Function and calendar words that are also surnames ("Theresa May").
        surname_words,
        /// Lowercase words before a month name that make it a date ("in May").
        calendar_before,
        /// Words opening a colon introduction before its source ("More from Voss:").
        colon_source_openers,
        /// Particles after a verb that the noun phrase before it may have swallowed (“a
        /// familiar voice spoke up:”).
        verb_particles,
        /// Words before a cue form that make it a noun ("the report", "in remarks").
        noun_before,
        /// Words before a quoted Title Case fragment that make it a title (H2).
        title_before,
        /// Nouns that name a work right before a comma and a Title Case quote
        /// (`the ad, “Playing Trump,”`): the quote is the work's title (H2).
        title_appositions,
        /// Function words inside a Title Case title after its first word.
        title_small_words,
        /// Words that make a following -ing cue a noun ("the warning").
        gerund_determiners,
        /// Cues that form a passive after a form of "be" ("was asked").
        passive_cues,
        /// Words after which a base-form cue ("call", "say") is a verb.
        base_form_subjects,
        /// Words a leading apostrophe shortens ("'n'", "'em"): not quoted speech.
        elisions,
        /// Abbreviations a period ends without ending the sentence ("Mr.", "Corp.").
        abbreviations,
        /// Lowercase words inside a longer proper name ("University of Texas").
        name_connectors,
        /// Auxiliaries between a quote's subject and its cue that make the two a verb group (“…,” she had said).
        subject_aux,
        /// Particles and adverbs that may close a bare cue verb after a quote (“…,” he shot back).
        cue_tails,
        /// Words after a cue in a late attribution that take what follows as its complement.
        late_cue_complements,
        /// Cue forms that are verbs whatever stands before them (no noun reading, unlike “the report”).
        verb_only_cues,
        /// Forms of “be” before a passive cue (“was asked”).
        be_forms,
        /// Base-form cues that are verbs after “to” (“to say”).
        to_cues,
        /// Cue forms that are never weak, besides the -s, -ed and -ing forms.
        strong_cue_forms,
        /// Verbs after a quoted word that make the quote a term being defined (“…” means).
        definition_verbs,
        /// Cues of a reply: the speaker answers the one who asked.
        reply_cues,
        /// Words after a noun of saying that introduce what was said (“her claim that”).
        cue_noun_complements,
        /// Possessive determiners before a noun of saying (“his remark”).
        possessives,
        /// Verbs of naming before a quoted name: rule D2 (“called it “…””).
        naming_verbs,
        /// Forms of “describe” before a quoted description: rule D3.
        describing_verbs,
        /// Auxiliaries that end a speaker noun phrase.
        np_aux,
        /// Conjunctions and adverbs skipped at the start of a speaker phrase segment.
        np_leading_words,
        /// Subject pronouns that start a clause of their own.
        subject_pronouns,
        /// Conjunctions before a pronoun that make it a clause's subject.
        clause_conjunctions,
        /// Words that open a subordinate clause (“when”, “because”): a cue after a quote
        /// in such a clause keeps the first quote's speaker (C1).
        subordinators,
        /// Conjunctions and adverbs skipped before a leading speaker phrase.
        leading_conjunctions,
        /// Determiners that start a quoted object phrase (“a ‘…’ plan”).
        object_determiners,
        /// Words of `np_stop` that do not end a speaker phrase.
        np_stop_exceptions,
        /// Personal pronouns that alone are no object phrase.
        personal_pronouns,
        /// Conjunctions and adverbs that may open a sentence before its attribution.
        sentence_openers,
        /// Words before a quoted nickname or title that make it a name, not a quote.
        title_intros,
        /// Verbs between a speaker phrase and a cue before the quote (“the mayor is quoted”).
        backward_verbs,
        /// Relative pronouns: the phrase before them is the speaker of the clause.
        relative_pronouns,
        /// Coordinating conjunctions between two clauses.
        coordinators,
        /// Words that start a time phrase before a cue (“on Monday”, “last week”).
        time_prefixes,
        /// Words dropped from the start of a speaker phrase found backwards.
        dropped_leading_words,
    }
}

word_classes! {
    /// The word classes of linking and speaker resolution (`data/lexicon/linking.txt`),
    /// parsed once; each is compared with a word as the caller says (lowercased or as
    /// written).
    LinkWords in "linking.txt" {
        /// Words before a place name that make it the place, not a person of that
        /// surname ("in Warren", "visited Lincoln").
        place_words,
        /// Words before a city that make it a sports team in a result ("Herro led Miami
        /// with 27 points", "City beat Brighton 3-1").
        team_before,
        /// Words after a city that make it a sports team in a result ("as Boston won
        /// its fifth straight game", "Liverpool, which drew 1-1").
        team_after,
        /// Words that end an appositive's head phrase ("of", "from", "who").
        appositive_stops,
        /// Determiners before a person noun that set a name off as its appositive ("A
        /// spokeswoman, Renee Batiste,", "the agency's spokesman").
        appositive_determiners,
        /// Lowercase words (as written) before a capitalised run that make it a place
        /// or a body, not the start of a name ("the Northlink Rail", "in New Carlisle").
        run_blockers,
        /// Indefinite words that make a speaker phrase a descriptor, the speaker itself
        /// ("a spokesman for Northlink Rail"), not the organisation inside it.
        indefinite_descriptors,
    }
}

word_classes! {
    /// The word classes of the reported-speech stage's pairing rules
    /// (`data/lexicon/reported.txt`, read by the training code too), parsed once.
    ReportedWords in "reported.txt" {
        /// Pronouns that can be an item's source on their own ("he", "they", "who").
        subject_pronouns,
        /// Words that are never content on their own: a run of one of them (and
        /// punctuation) is dropped ("that", "the", "it").
        lone_function_words,
        /// Words before a cue that open a second verb phrase, whose subject is the
        /// sentence's ("… and said …"): the cue may take the fallback source.
        second_verb_phrase_openers,
        /// First words of cues of the writer's own impression ("seemed", "appears"):
        /// the item is kept without a speaker, its subject being no source.
        impression_cues,
        /// Participles that end an agentless passive cue after "be" ("is expected").
        agentless_participles,
        /// Words that may follow the participle of an agentless passive cue ("as").
        participle_particles,
        /// Words that end the agent phrase after "by" ("asked by a reporter whether").
        question_words,
        /// Participles that, opening a sentence or clause, ask without naming the
        /// asker ("Asked about …, Voss said", "when asked").
        fronted_question_cues,
        /// Words after which such a participle opens a clause ("when asked").
        question_clause_openers,
        /// Words that may open the setting after the cue of an attribution the
        /// backstop patterns match ("…, he said on Monday, …"); another word is the
        /// cue's object.
        setting_openers,
        /// Cues whose object is the one spoken to ("told"): any setting may follow
        /// them in the backstop patterns.
        recipient_cues,
        /// Words that open an appositive of the speaker after an interposed
        /// attribution (", said Ed Rendell, who …"), not the rest of the content.
        appositive_openers,
    }
}

/// The grammar's word classes (parsed on first use).
pub(crate) fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    // The data is compiled in and checked by a test: a parse error cannot reach a user.
    G.get_or_init(|| Grammar::parse(GRAMMAR).unwrap_or_default())
}

/// The word classes of linking and speaker resolution (parsed on first use).
pub(crate) fn link_words() -> &'static LinkWords {
    static L: OnceLock<LinkWords> = OnceLock::new();
    // Compiled in and checked by a test, like the grammar.
    L.get_or_init(|| LinkWords::parse(LINKING).unwrap_or_default())
}

/// The word classes of the reported-speech pairing rules (parsed on first use).
pub(crate) fn reported_words() -> &'static ReportedWords {
    static R: OnceLock<ReportedWords> = OnceLock::new();
    // Compiled in and checked by a test, like the grammar.
    R.get_or_init(|| ReportedWords::parse(REPORTED).unwrap_or_default())
}

/// True for a suffix after a person's name, as written ("Jr.", "III"; never "ii"),
/// from `name_suffixes.txt` (parsed on first use).
///
/// A list of its own, not a class of `grammar.txt`: it is compared case-sensitively
/// (the grammar's classes are lowercase), and the reported-speech tagger reads every
/// grammar class as a feature, so a new class there would add features its model was
/// not trained with.
pub(crate) fn is_name_suffix(word: &str) -> bool {
    static S: OnceLock<Vec<&'static str>> = OnceLock::new();
    S.get_or_init(|| rows(NAME_SUFFIXES).map(|cols| cols[0]).collect())
        .contains(&word)
}

/// True for a word (lowercase) that opens an introductory phrase ("hours", "back"),
/// from `intro_words.txt` (parsed on first use). A list of its own, not a class of
/// `grammar.txt`, whose classes the reported-speech tagger reads as features.
pub(crate) fn is_intro_word(lower: &str) -> bool {
    static S: OnceLock<Vec<&'static str>> = OnceLock::new();
    S.get_or_init(|| rows(INTRO_WORDS).map(|cols| cols[0]).collect())
        .contains(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class of the three files has words, all lowercase.
    #[test]
    fn class_files_parse_and_every_class_has_words() {
        let g = Grammar::parse(GRAMMAR).expect("grammar.txt parses");
        let l = LinkWords::parse(LINKING).expect("linking.txt parses");
        let r = ReportedWords::parse(REPORTED).expect("reported.txt parses");
        let classes = g
            .classes()
            .into_iter()
            .chain(l.classes())
            .chain(r.classes());
        for (name, list) in classes {
            assert!(!list.is_empty(), "{name} is empty");
            assert!(list.iter().all(|w| *w == w.to_lowercase()), "{name}");
        }
        assert!(g.aux.contains(&"repeatedly") && g.speech_nouns.contains(&"remark"));
        assert!(l.place_words.contains(&"visited") && l.team_after.contains(&"drew"));
        assert!(r.subject_pronouns.contains(&"who") && r.lone_function_words.contains(&"of"));
        assert!(r.second_verb_phrase_openers.contains(&"and"));
        assert!(Grammar::parse("[nope]\nx").is_err());
        assert!(Grammar::parse("x\n[aux]").is_err());
        assert!(LinkWords::parse("[aux]\nx").is_err());
    }

    #[test]
    fn name_suffixes_are_case_sensitive() {
        assert!(is_name_suffix("Jr.") && is_name_suffix("III") && !is_name_suffix("ii"));
    }
}
