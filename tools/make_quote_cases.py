"""Builds tests/cases/quotes.json from the readable case list below.

Each case: name, pattern id, text, and the expected quotes, written as the quoted text
(marks included, located by search from the previous quote), kind, speaker text (None
for no speaker) and rule. Offsets in the JSON are code points, end-exclusive.
Run: python tools/make_quote_cases.py  (from the repository root).
"""

import json

CASES = [
    (
        "A1 base case",
        "A1",
        "“We expect the bridge to reopen by March,” Dana Whitfield said.",
        [("“We expect the bridge to reopen by March,”", "direct", "Dana Whitfield", "A1")],
    ),
    (
        "A2 inversion",
        "A2",
        "“The figures do not add up,” said Priya Raman.",
        [("“The figures do not add up,”", "direct", "Priya Raman", "A2")],
    ),
    (
        "A3 relative clause aside",
        "A3",
        "“Nobody saw the water coming,” Tomasz Lind, who runs a bakery on Quay Street, said.",
        [("“Nobody saw the water coming,”", "direct", "Tomasz Lind", "A3")],
    ),
    (
        "A4 appositive after inversion",
        "A4",
        "“It is a setback, not a defeat,” said Ruth Adeyemi, the union’s regional secretary.",
        [("“It is a setback, not a defeat,”", "direct", "Ruth Adeyemi", "A4")],
    ),
    (
        "A5 title and name",
        "A5",
        "“The budget is balanced,” Finance Minister Karl Otten said.",
        [("“The budget is balanced,”", "direct", "Karl Otten", "A5")],
    ),
    (
        "A6 descriptor",
        "A6",
        "“We are reviewing the footage,” a police spokeswoman said.",
        [("“We are reviewing the footage,”", "direct", "a police spokeswoman", "A6")],
    ),
    (
        "A6 descriptor for org, inverted",
        "A6",
        "“The line stays closed,” said a spokesman for Northlink Rail.",
        [("“The line stays closed,”", "direct", "a spokesman for Northlink Rail", "A2")],
    ),
    (
        "A7 pronoun",
        "A7",
        "Dana Whitfield toured the site. “I have no regrets,” she said.",
        [("“I have no regrets,”", "direct", "she", "A7")],
    ),
    (
        "A8 recipient and setting",
        "A8",
        "“The talks are over,” Otten told reporters on Tuesday.",
        [("“The talks are over,”", "direct", "Otten", "A8")],
    ),
    (
        "A8 in a statement",
        "A8",
        "“We will appeal,” Whitfield said in a statement.",
        [("“We will appeal,”", "direct", "Whitfield", "A8")],
    ),
    (
        "A9 question without comma",
        "A9",
        "“Who signed off on this?” Whitfield asked.",
        [("“Who signed off on this?”", "direct", "Whitfield", "A9")],
    ),
    (
        "A10 adverb",
        "A10",
        "“That is simply false,” Raman later said.",
        [("“That is simply false,”", "direct", "Raman", "A10")],
    ),
    (
        "A11 organisation",
        "A11",
        "“Service will resume at noon,” Northlink Rail Company said in a statement.",
        [("“Service will resume at noon,”", "direct", "Northlink Rail Company", "A11")],
    ),
    (
        "A12 group",
        "A12",
        "“We were never consulted,” residents said.",
        [("“We were never consulted,”", "direct", "residents", "A12")],
    ),
    (
        "A13 auxiliary",
        "A13",
        "“Our doors stay open,” Whitfield has said repeatedly.",
        [("“Our doors stay open,”", "direct", "Whitfield", "A13")],
    ),
    (
        "A13 quoted as saying",
        "A13",
        "“The vote was rigged,” Lind was quoted as saying.",
        [("“The vote was rigged,”", "direct", "Lind", "A13")],
    ),
    (
        "B1 cue then comma",
        "B1",
        "Raman said, “The model was wrong from the start.”",
        [("“The model was wrong from the start.”", "direct", "Raman", "B1")],
    ),
    (
        "B2 colon with recipient",
        "B2",
        "Lind told the inquiry: “I called the council twice.”",
        [("“I called the council twice.”", "direct", "Lind", "B2")],
    ),
    (
        "B3 framing phrase",
        "B3",
        "In a statement posted online, Otten said: “I will not resign.”",
        [("“I will not resign.”", "direct", "Otten", "B3")],
    ),
    (
        "B4 according to, after",
        "B4",
        "“The sensors failed at 3 a.m.,” according to the utility’s incident report.",
        [("“The sensors failed at 3 a.m.,”", "direct", "the utility’s incident report", "B4")],
    ),
    (
        "B4 according to, before",
        "B4",
        "According to Moss, “the audit was rushed.”",
        [("“the audit was rushed.”", "direct", "Moss", "B4")],
    ),
    (
        "B5 colon without verb",
        "B5",
        "Whitfield was blunt: “This project is over budget and late.”",
        [("“This project is over budget and late.”", "direct", "Whitfield", "B5")],
    ),
    (
        "B5 colon, next paragraph",
        "B5",
        "And from the chair of the committee, Ana Sousa:\n\n“We will not be rushed.”",
        [("“We will not be rushed.”", "direct", "Ana Sousa", "B5")],
    ),
    (
        "B7 reported lead-in",
        "B7",
        "Moss is not convinced, she said. “The audit was rushed.”",
        [("“The audit was rushed.”", "continuation", "she", "B7")],
    ),
    (
        "C1 split sentence",
        "C1",
        "“The deal is signed,” Raman said, “but the hard part starts now.”",
        [
            ("“The deal is signed,”", "direct", "Raman", "A1"),
            ("“but the hard part starts now.”", "continuation", "Raman", "C1"),
        ],
    ),
    (
        "C2 same paragraph continuation",
        "C2",
        "“We lost everything,” Lind said. “Even the ovens were ruined.”",
        [
            ("“We lost everything,”", "direct", "Lind", "A1"),
            ("“Even the ovens were ruined.”", "continuation", "Lind", "C2"),
        ],
    ),
    (
        "C3 multi-paragraph",
        "C3",
        "“We reviewed every contract,” Adeyemi said. “None of them met the standard.\n\n“That is why the board acted.”",
        [
            ("“We reviewed every contract,”", "direct", "Adeyemi", "A1"),
            ("“None of them met the standard.", "continuation", "Adeyemi", "C2"),
            ("“That is why the board acted.”", "continuation", "Adeyemi", "C3"),
        ],
    ),
    (
        "C4 next paragraph",
        "C4",
        "“We will rebuild,” Whitfield said.\n\n“Street by street, house by house.”",
        [
            ("“We will rebuild,”", "direct", "Whitfield", "A1"),
            ("“Street by street, house by house.”", "continuation", "Whitfield", "C4"),
        ],
    ),
    (
        "C5 exchange",
        "C5",
        "“Was the audit shared?” asked Councillor Moss.\n\n“Not with us,” Lind replied.\n\n“Then who saw it?”",
        [
            ("“Was the audit shared?”", "direct", "Councillor Moss", "A2"),
            ("“Not with us,”", "direct", "Lind", "A1"),
            ("“Then who saw it?”", "continuation", "Councillor Moss", "C5"),
        ],
    ),
    (
        "D1 partial in reported speech",
        "D1",
        "Raman said the forecast was “far too optimistic.”",
        [("“far too optimistic.”", "partial", "Raman", "D1")],
    ),
    (
        "D2 naming verb",
        "D2",
        "Otten called the protest “a stunt.”",
        [("“a stunt.”", "partial", "Otten", "D2")],
    ),
    (
        "D2 naming verb after an object phrase",
        "D2",
        "The two cities signed the deal, a step officials in both cities called “overdue” after years of delay.",
        [("“overdue”", "partial", "officials in both cities", "D2")],
    ),
    (
        "D2 pronoun after an object phrase",
        "D2",
        "The board approved the plan, a move he called “reckless.”",
        [("“reckless.”", "partial", "he", "D2")],
    ),
    (
        "A7 pronoun after an appositive",
        "A7",
        "Claire Dumont, a spokeswoman, said the port was ready. “Our inspectors are trained,” she said.",
        [
            ("the port was ready", "indirect", "Claire Dumont", "R1"),
            ("“Our inspectors are trained,”", "direct", "she", "A7"),
        ],
    ),
    (
        "D3 describe as",
        "D3",
        "Adeyemi described the offer as “an insult to nurses.”",
        [("“an insult to nurses.”", "partial", "Adeyemi", "D3")],
    ),
    (
        "D4 nominal cue, possessive",
        "D4",
        "Moss’s warning that costs could “spiral out of control” went unheeded.",
        [("“spiral out of control”", "partial", "Moss", "D4")],
    ),
    (
        "D4 nominal cue, pronoun",
        "D4",
        "Whitfield stood by her remark that “the bridge is safe.”",
        [("“the bridge is safe.”", "partial", "her", "D4")],
    ),
    (
        "F1 dash signature",
        "F1",
        "“Infrastructure is a promise we keep.” — Dana Whitfield, mayor",
        [("“Infrastructure is a promise we keep.”", "direct", "Dana Whitfield", "F1")],
    ),
    (
        "D4 nominal cue, claim after a pronoun possessor",
        "D4",
        "The minister stood by his claim that “the figures are sound.”",
        [("“the figures are sound.”", "partial", "his", "D4")],
    ),
    (
        "F2 one transcript label",
        "F2",
        "From the hearing record:\n\n“OTTEN: We are not leaving this room.”",
        [("“OTTEN: We are not leaving this room.”", "direct", "OTTEN", "F2")],
    ),
    (
        "F2 transcript labels",
        "F2",
        "Partial transcript:\n\n“MOSS: Was the audit shared?\n\n“LIND: Not with us.\n\n“We never saw it.”",
        [
            ("“MOSS: Was the audit shared?", "direct", "MOSS", "F2"),
            ("“LIND: Not with us.", "direct", "LIND", "F2"),
            ("“We never saw it.”", "continuation", "LIND", "C3"),
        ],
    ),
    (
        "straight quotes",
        "A1",
        '"We expect delays," Whitfield said.',
        [('"We expect delays,"', "direct", "Whitfield", "A1")],
    ),
    (
        "wire double apostrophes",
        "A1",
        "''We expect delays,'' Whitfield said.",
        [("''We expect delays,''", "direct", "Whitfield", "A1")],
    ),
    (
        "guillemets",
        "A1",
        "«We expect delays,» Whitfield said.",
        [("«We expect delays,»", "direct", "Whitfield", "A1")],
    ),
    (
        "low-high marks",
        "A1",
        "„We expect delays,“ Whitfield said.",
        [("„We expect delays,“", "direct", "Whitfield", "A1")],
    ),
    (
        "H1 scare quotes",
        "H1",
        "The so-called “efficiency savings” were never found.",
        [("“efficiency savings”", "other", None, "")],
    ),
    (
        "H2 title of a work",
        "H2",
        "The documentary “Rivers of Salt” premiered on Sunday.",
        [("“Rivers of Salt”", "other", None, "H2")],
    ),
    (
        "H3 nickname",
        "H3",
        "Tomasz “Tom” Lind opened the bakery in 1998.",
        [("“Tom”", "other", None, "H3")],
    ),
    (
        "H3 nickname before a cue",
        "H3",
        "A regular known as “Big Mike” said the bakery was the heart of the street.",
        # the reported clause's speaker phrase (with the nickname) is not found, and
        # reported speech without a speaker is no item
        [("“Big Mike”", "other", None, "H3")],
    ),
    (
        "H4 words as words",
        "H4",
        "The report uses the term “managed retreat.”",
        [("“managed retreat.”", "other", None, "")],
    ),
    (
        "H4 word as sentence subject",
        "H4",
        "“We lost,” Lind said. “Managed retreat” is the planners’ term for it.",
        [("“We lost,”", "direct", "Lind", "A1"), ("“Managed retreat”", "other", None, "")],
    ),
    (
        "H5 apostrophes and primes",
        "H5",
        "The nurses’ union met O’Neill in the ’90s; rock ’n’ roll; he is 5′ 9″ tall. “It’s Lind’s call,” Moss said.",
        [("“It’s Lind’s call,”", "direct", "Moss", "A1")],
    ),
    (
        "H6 nested quote",
        "H6",
        "“He looked at me and said, ‘Get out,’” Lind recalled.",
        [("“He looked at me and said, ‘Get out,’”", "direct", "Lind", "A1")],
    ),
    (
        "H7 no quote",
        "H7",
        "Otten declined to comment. Whitfield did not say when the bridge would reopen.",
        # no quote marks, but reported speech as PolNeAR annotates it (refusals and
        # negated saying included)
        [
            ("to comment", "indirect", "Otten", "R1"),
            ("when the bridge would reopen", "indirect", "Whitfield", "R1"),
        ],
    ),
    (
        "H8 reported speech inside",
        "H8",
        "“My doctor told me I was lucky,” Raman said.",
        [("“My doctor told me I was lucky,”", "direct", "Raman", "A1")],
    ),
    (
        "H9 closing mark lost",
        "H9",
        "“We will fight this, Whitfield said.\n\nThe council met on Monday.",
        [("“We will fight this, Whitfield said.", "direct", "Whitfield", "H9")],
    ),
    (
        "H9 unclosed scare quote",
        "H9",
        "The “reform was shelved in May.\n\nThe council met on Monday.",
        [("“reform was shelved in May.", "other", None, "")],
    ),
    (
        "H9 glued mark",
        "H9",
        "He wrote “never again”Next week the council meets.",
        [("“never again”", "partial", "He", "D1")],
    ),
    (
        "H9 closing typed as opening",
        "H9",
        "“We will fight this,“ said Dana Whitfield.",
        [("“We will fight this,“", "direct", "Dana Whitfield", "A2")],
    ),
    (
        'C6 a quote over two paragraphs, attributed at its end',
        'C6',
        '“The inspection found cracks in both piers and the rail bed.\n\n“We close the bridge until spring,” Tomasz Lind said.',
        [('“The inspection found cracks in both piers and the rail bed.', 'direct', 'Tomasz Lind', 'C6'),
            ('“We close the bridge until spring,”', 'direct', 'Tomasz Lind', 'A1')],
    ),
    (
        'C6 three paragraphs after another speaker',
        'C6',
        '“Costs rose,” Priya Raman said.\n\n“Nobody warned the council about the pumps.\n\n“Or about the levee.\n\n“We found out from the papers,” Ruth Adeyemi said.',
        [('“Costs rose,”', 'direct', 'Priya Raman', 'A1'),
            ('“Nobody warned the council about the pumps.', 'direct', 'Ruth Adeyemi', 'C6'),
            ('“Or about the levee.', 'direct', 'Ruth Adeyemi', 'C6'),
            ('“We found out from the papers,”', 'direct', 'Ruth Adeyemi', 'A1')],
    ),
    (
        'S1 single-quoted speech, curly marks',
        'A1',
        '‘We will appeal the ruling,’ Karl Otten said.',
        [('‘We will appeal the ruling,’', 'direct', 'Karl Otten', 'A1')],
    ),
    (
        'S2 single-quoted speech, straight marks',
        'A2',
        "'We will appeal the ruling,' said Priya Raman.",
        [("'We will appeal the ruling,'", 'direct', 'Priya Raman', 'A2')],
    ),
    (
        'S3 single-quoted speech after a colon',
        'B2',
        'Ruth Adeyemi told the court: ‘We will appeal.’',
        [('‘We will appeal.’', 'direct', 'Ruth Adeyemi', 'B2')],
    ),
    (
        'S4 single marks over two paragraphs',
        'C6',
        '‘The inspection found cracks in both piers.\n\n‘We close the bridge until spring,’ Tomasz Lind said.',
        [('‘The inspection found cracks in both piers.', 'direct', 'Tomasz Lind', 'C6'),
            ('‘We close the bridge until spring,’', 'direct', 'Tomasz Lind', 'A1')],
    ),
    (
        'S5 apostrophes are not quotes',
        'H1',
        "Fans of ’90s rock ’n’ roll packed O’Rourke’s bar, and the players’ union said it was the team’s best night since '08.",
        [("it was the team’s best night since '08", 'indirect', 'the players’ union', 'R1')],
    ),
    (
        'S6 single marks inside double marks stay nested',
        'H6',
        '“He told me, ‘Get out of the office,’” Tomasz Lind said.',
        [('“He told me, ‘Get out of the office,’”', 'direct', 'Tomasz Lind', 'A1')],
    ),
    (
        'S7 a Title Case phrase in single marks is a title, not speech',
        'H2',
        "Under the heading 'The Long Road Back,' the mayor wrote about the flood.",
        [("'The Long Road Back,'", 'other', None, 'H2'), ('the flood', 'indirect', 'the mayor', 'R1')],
    ),
    (
        'R1 subject, cue and reported clause',
        'R1',
        'Transport Minister Mara Voss said on Monday that the new line would open in June.',
        [('that the new line would open in June', 'indirect', 'Mara Voss', 'R1')],
    ),
    (
        'R1 plural nominal source',
        'R1',
        'Officials warned that the fares would rise.',
        [('that the fares would rise', 'indirect', 'Officials', 'R1')],
    ),
    (
        'R2 content first, trailing cue',
        'R2',
        'The new line will open in June, Transport Minister Mara Voss said on Monday.',
        [('The new line will open in June', 'indirect', 'Mara Voss', 'R2')],
    ),
    (
        'R2 content first, inverted cue',
        'R2',
        'The new line will open in June, said the transport minister.',
        [('The new line will open in June', 'indirect', 'the transport minister', 'R2')],
    ),
    (
        'R2 interposed: an attribution between commas splits the content in two items',
        'R2',
        'The harbour plan, Mara Voss said on Monday, is dead in the water.',
        [('The harbour plan', 'indirect', 'Mara Voss', 'R2'),
         ('is dead in the water', 'indirect', 'Mara Voss', 'R2')],
    ),
    (
        'R2 interposed with a pronoun speaker and a recipient',
        'R2',
        'Karl Otten chairs the port board. The new quay, he told reporters, will open in June.',
        [('The new quay', 'indirect', 'he', 'R2'), ('will open in June', 'indirect', 'he', 'R2')],
    ),
    (
        'R2 interposed after an opener: the opener alone is no content',
        'R2',
        'Still, Mara Voss said, the ferries will run all winter.',
        [('the ferries will run all winter', 'indirect', 'Mara Voss', 'R2')],
    ),
    (
        'R3 according to, leading',
        'R3',
        'According to Mara Voss, the vote will be close.',
        [('the vote will be close', 'indirect', 'Mara Voss', 'R3')],
    ),
    (
        'R3 according to, trailing',
        'R3',
        'The new line will open in June, according to the transport ministry.',
        [('The new line will open in June', 'indirect', 'the transport ministry', 'R3')],
    ),
    (
        'R4 participle cue',
        'R4',
        'The minister toured the depot on Monday, saying the new line would open in June.',
        [('the new line would open in June', 'indirect', 'minister', 'R4')],
    ),
    (
        'R4 participle cue after a dash',
        'R4',
        'The minister toured the depot on Monday – saying the new line would open in June.',
        [('the new line would open in June', 'indirect', 'minister', 'R4')],
    ),
    (
        'R no guessed source: a place near a cue is no speaker',
        'R1',
        'The concert will take place in Vancouver on Friday, days after Tanaka was announced '
        'the winner of the prize.',
        [],
    ),
    (
        'R5 light verb and noun cue',
        'R5',
        'The minister expressed concern that the new line would not open in June.',
        [('that the new line would not open in June', 'indirect', 'The minister', 'R5')],
    ),
    (
        'R6 headline colon',
        'R6',
        'Poll: most voters back the new rail line.',
        [('most voters back the new rail line', 'indirect', 'Poll', 'R6')],
    ),
    (
        'R reported and quoted speech by one speaker',
        'R1',
        'Mara Voss said the vote would be close. “We have the numbers,” she added.',
        [('the vote would be close', 'indirect', 'Mara Voss', 'R1'),
            ('“We have the numbers,”', 'direct', 'she', 'A7')],
    ),
    (
        'R a relative that is no cue',
        'R1',
        'The plan that the council approved will cost more than the old one.',
        [],
    ),
    (
        'R nested cues take the outer one',
        'R1',
        'Polls showed that few voters thought the plan would work.',
        [('that few voters thought the plan would work', 'indirect', 'Polls', 'R1')],
    ),
    (
        'R phrasal cue',
        'R1',
        'Mara Voss pointed out that the plan had no funding.',
        [('that the plan had no funding', 'indirect', 'Mara Voss', 'R1')],
    ),
    (
        'R content first with a trailing clause',
        'R2',
        'The bill would raise taxes, Mara Voss said, since most of the cost falls on the states.',
        [('The bill would raise taxes', 'indirect', 'Mara Voss', 'R2')],
    ),
    (
        'R content ends at a clause boundary',
        'R1',
        'Elin Haas has indicated an interest in the seat, but she refuses to say when she will decide.',
        [('an interest in the seat', 'indirect', 'Elin Haas', 'R1'),
            ('to say when she will decide', 'indirect', 'she', 'R1')],
    ),
    (
        'R a document reports',
        'R1',
        'The report found that the agency had ignored the warnings.',
        [('that the agency had ignored the warnings', 'indirect', 'The report', 'R1')],
    ),
    (
        'R mixed quote: the quoted fragment is the item',
        'D1',
        'Mara Voss urged members to “vote your conscience” before the session ended.',
        # reported content holding a quoted fragment gives no indirect item (docs/reported.md)
        [('“vote your conscience”', 'partial', 'Mara Voss', 'D1')],
    ),
    (
        "B1 participle after a fronted time phrase: the subject follows its comma",
        "B1",
        "Hours later, Mara Voss returned the compliment, telling reporters, “We are old friends.”",
        [("“We are old friends.”", "direct", "Mara Voss", "B1")],
    ),
    (
        "D1 after a dateline: the dateline is not the sentence's subject",
        "D1",
        "WASHINGTON — Sen. Mara Voss on Wednesday played down the ruling and said it was “a small thing.”",
        [("“a small thing.”", "partial", "Mara Voss", "D1")],
    ),
    (
        'R coordinated verb phrase: the sentence subject speaks',
        'R1',
        'Mara Voss urged members to back the bill and said she was confident it would pass.',
        [('she was confident it would pass', 'indirect', 'Mara Voss', 'R1')],
    ),
    (
        'D1 nested cue: the outer speaker',
        'D1',
        'Mara Voss said she recalls the committee being “confused,” and the chair staying calm.',
        [('“confused,”', 'partial', 'Mara Voss', 'D1')],
    ),
    (
        'B1 nested cue after that: the outer speaker',
        'B1',
        'Tom Reyes said that he recalled thinking, “This is what the hearing was for.”',
        [('“This is what the hearing was for.”', 'direct', 'Tom Reyes', 'B1')],
    ),
    (
        'D1 nested cue: a plural pronoun inside is another speaker',
        'D1',
        'Mara Voss said they recall the room being “silent.”',
        [('“silent.”', 'partial', 'they', 'D1')],
    ),
    (
        'R the writer\'s impression has no speaker (the subject is its own fragment)',
        'R2',
        'Mara Voss seemed to lose patience with the committee on Tuesday.',
        [('Mara Voss', 'indirect', None, 'R2'),
         ('to lose patience with the committee on Tuesday', 'indirect', None, 'R1')],
    ),
    (
        'R an agentless passive cue has no speaker',
        'R1',
        'The council is widely expected to approve the harbour plan next week.',
        [('to approve the harbour plan next week', 'indirect', None, 'R1')],
    ),
    (
        'R a passive of criticism names no critic: no speaker, not the subject',
        'R1',
        'Mara Voss has been criticized for delaying the harbour plan.',
        [('delaying the harbour plan', 'indirect', None, 'R1')],
    ),
    (
        'R the question of an unnamed asker is nobody\'s speech; the answer is the speaker\'s',
        'R1',
        '“We will see,” Karl Otten said when asked about the strike.',
        [('“We will see,”', 'direct', 'Karl Otten', 'A8'), ('the strike', 'indirect', None, 'R1')],
    ),
    (
        'H2 title after a genre noun and a comma',
        'H2',
        'Her first memoir, “Salt and Iron,” sold out in a week.',
        [('“Salt and Iron,”', 'other', None, 'H2')],
    ),
    (
        'H2 title of an ad after a comma',
        'H2',
        'The union released one ad, “Bread Not Bonuses,” on Friday.',
        [('“Bread Not Bonuses,”', 'other', None, 'H2')],
    ),
    (
        'H2 long title with a subtitle',
        'H2',
        'According to “The Quay Street Years: A Bakery, a Flood and the Town That Rebuilt It” by Tomasz Lind, the water rose in an hour.',
        [('“The Quay Street Years: A Bakery, a Flood and the Town That Rebuilt It”', 'other', None, 'H2')],
    ),
    (
        'A1 comma left out before the speaker',
        'A1',
        '“The bridge will reopen by March” Whitfield said.',
        [('“The bridge will reopen by March”', 'direct', 'Whitfield', 'A1')],
    ),
    (
        'A1 comma left out, the clause going on',
        'A1',
        '“We had no warning at all” Raman said after the meeting on Tuesday.',
        [('“We had no warning at all”', 'direct', 'Raman', 'A1')],
    ),
    (
        'B1 time phrase before the speaker is no speaker',
        'B1',
        'Tuesday at the town hall in Marlow, after the vote, Councillor Dana Whitfield said, “We will rebuild the bridge.”',
        [('“We will rebuild the bridge.”', 'direct', 'Dana Whitfield', 'B1')],
    ),
    (
        'B1 April the name, not the month',
        'B1',
        'April Ryan, a ferry pilot, said, “The river is higher than last year.”',
        [('“The river is higher than last year.”', 'direct', 'April Ryan', 'B1')],
    ),
    (
        'B3 own cue after a quoted fragment of another speaker',
        'B3',
        'His aide had urged him to sound “calm,” but Whitfield said he answered: “Calm is for people with dry basements.”',
        [('“calm,”', 'partial', 'His aide', 'D1'), ('“Calm is for people with dry basements.”', 'direct', 'he', 'B3')],
    ),
    (
        'C1 a cue in a subordinate clause keeps the first speaker',
        'C1',
        'Voss said the mayor was “half right” when he said that under the old plan, “the river always wins.”',
        [('“half right”', 'partial', 'Voss', 'D1'), ('“the river always wins.”', 'continuation', 'Voss', 'C1')],
    ),
    (
        'B1 participle of its own clause',
        'B1',
        'Although she thanked the volunteers first, Raman struck a grim note, saying, “The river is not done with us.”',
        [('“The river is not done with us.”', 'direct', 'Raman', 'B1')],
    ),
    (
        'H2 subheading in single marks in a double-marked story',
        'H2',
        "Flood barriers go up on Quay Street\n“We had no warning,” said Priya Raman, who runs the ferry. “None at all.”\n'The river always wins.'\nThe council will vote on Monday.",
        [('“We had no warning,”', 'direct', 'Priya Raman', 'A4'), ('“None at all.”', 'continuation', 'Priya Raman', 'C2'), ("'The river always wins.'", 'other', None, 'H2')],
    ),
    (
        'C4 a single-marked paragraph continues in a single-marked story',
        'C4',
        '‘We had no warning,’ said Priya Raman, who runs the ferry.\n‘The river always wins.’\nThe council will vote on Monday.',
        [('‘We had no warning,’', 'direct', 'Priya Raman', 'A4'), ('‘The river always wins.’', 'continuation', 'Priya Raman', 'C4')],
    ),
    (
        'D2 the pronoun of a relative naming clause is the sentence subject',
        'D2',
        'Councillor Whitfield attacked what she calls the “bridge to nowhere” plan.',
        [('“bridge to nowhere”', 'partial', 'Councillor Whitfield', 'D2')],
    ),
    (
        'D2 a plain opening phrase is no speaker for a naming clause',
        'D2',
        'A week later the council voted down what she calls the “bridge to nowhere” plan.',
        [('“bridge to nowhere”', 'partial', 'she', 'D2')],
    ),
    (
        "A1 a month-word surname after its given name is the speaker's",
        "A1",
        "Prime Minister Helen May opened the session. “We will not pause the talks,” May said.",
        [("“We will not pause the talks,”", "direct", "May", "A1")],
    ),
    (
        "A4 a function-word surname stays in the inverted speaker phrase",
        "A4",
        "“The numbers are wrong,” said Rob From, a columnist. “They always were,” From said.",
        [
            ("“The numbers are wrong,”", "direct", "Rob From", "A4"),
            ("“They always were,”", "direct", "From", "A1"),
        ],
    ),
    (
        "A1 a surname that opens a question is the modal there",
        "A1",
        "Rob Will writes a column. Will he run? “Not this year,” Will said.",
        [("“Not this year,”", "direct", "Will", "A1")],
    ),
    (
        "B1 the month after a preposition is no surname in a text about Helen May",
        "B1",
        "Councillor Helen May chairs the board.\nIn May, Dana Whitfield said, “The port will open.”",
        [("“The port will open.”", "direct", "Dana Whitfield", "B1")],
    ),
    (
        "A1 no surname without a given name: a Title Case headline's Will is no evidence",
        "A1",
        "Voss Will Win\n“We will see,” Will said.",
        [("“We will see,”", "other", None, "")],
    ),
    (
        "B1 the present of a multi-word cue (\"as she puts it\")",
        "B1",
        "Whitfield is hopeful because, as she puts it, “the river has had its turn.”",
        [("“the river has had its turn.”", "direct", "she", "B1")],
    ),
    (
        "A5 the present of a phrasal cue (\"fires back\"), the quote going on after it",
        "A5",
        "“It is a disgrace,” Councillor Voss fires back, “and the minutes will show it.”",
        [
            ("“It is a disgrace,”", "direct", "Councillor Voss", "A5"),
            ("“and the minutes will show it.”", "continuation", "Councillor Voss", "C1"),
        ],
    ),
    (
        "B5 a colon introduction after \"More from\": the phrase after it is the source",
        "B5",
        "The gap is closing. More from Dana Voss: “The river always wins.”",
        [("“The river always wins.”", "direct", "Dana Voss", "B5")],
    ),
    (
        "B5 a document after \"More from\" behind a headline dash",
        "B5",
        "TURNOUT FELL IN THE EAST - More from the report: “Younger voters stayed home.”",
        [("“Younger voters stayed home.”", "direct", "the report", "B5")],
    ),
    (
        "B5 a preposition before a phrase that names no source gives no speaker",
        "B5",
        "From the start: “The river always wins.”",
        [("“The river always wins.”", "other", None, "")],
    ),
    (
        "D1 a participle after \"with NAME\" and an adverb takes that name, not the sentence's subject",
        "D1",
        "Voss and Lin have pushed hard against the levy, with Lin recently promising to “scrap it on day one.”",
        [("“scrap it on day one.”", "partial", "Lin", "D1")],
    ),
    (
        "D1 a pronoun, one verb and \"and\" before the cue: the pronoun is the speaker",
        "D1",
        "Mara Quist kept in touch with the senator, although at the mention of the letters she laughed and admitted “they were a blessing and a curse.”",
        [("“they were a blessing and a curse.”", "partial", "she", "D1")],
    ),
    (
        "B5 a conjunctive adverb opens the sentence: the clause's subject is the source",
        "B5",
        "Likewise, a study from the Lakeview Institute had this to say about the levy: “Families at the top would gain the most.”",
        [("“Families at the top would gain the most.”", "direct", "a study", "B5")],
    ),
    (
        "B5 the clause after the last comma has a determiner's phrase for its subject (a verb and its particle left out)",
        "B5",
        "In the hours after the flood in Dale, Ohio, a familiar voice spoke up on the radio: “We will rebuild.”",
        [("“We will rebuild.”", "direct", "a familiar voice", "B5")],
    ),
    (
        "R1 content that runs into a second verb phrase of its subject ends before it; the second cue gives an item of its own",
        "R1",
        "Judge Ivers said she would not rule on the appeal, and predicted that the council would lose.",
        [
            ("she would not rule on the appeal", "indirect", "Judge Ivers", "R1"),
            ("that the council would lose", "indirect", "Judge Ivers", "R1"),
        ],
    ),
    (
        "R1 trap: \"and\" before a word that is no cue stays inside the content",
        "R1",
        "Ivers said the council and the mayor would lose.",
        [("the council and the mayor would lose", "indirect", "Ivers", "R1")],
    ),
    (
        "A4 a verb of saying and a name right after the closing mark, the comma left out",
        "A4",
        '"We have run out of road" said Nell Ardent, a port spokeswoman. "The cranes stop tonight."',
        [
            ('"We have run out of road"', "direct", "Nell Ardent", "A4"),
            ('"The cranes stop tonight."', "continuation", "Nell Ardent", "C2"),
        ],
    ),
    (
        "A2 trap: a verb after the closing mark with no name after it is no attribution",
        "A2",
        '"The river" said to be the best film of the year opened on Friday.',
        [('"The river"', "other", None, "")],
    ),
    (
        "B1 trap: the pronoun of a clause another cue reports is not the speaker of a coordinated cue",
        "B1",
        "Lee said they lied and added, “We will never give up.”",
        [
            ("they lied", "indirect", "Lee", "R1"),
            ("“We will never give up.”", "direct", "Lee", "B1"),
        ],
    ),
    (
        "B5 trap: an adverb after the clause's subject is no particle (the phrase keeps its noun)",
        "B5",
        "In the hours after the vote, a top aide again struck a defiant tone: “We will rebuild.”",
        [("“We will rebuild.”", "direct", "a top aide", "B5")],
    ),
    (
        "B5 trap: an ordinal that starts a title is no introductory word",
        "B5",
        "First Lady Jill Biden, a teacher, delivered a blunt message to the crowd: “We will rebuild.”",
        [("“We will rebuild.”", "direct", "Jill Biden", "B5")],
    ),
]


def main():
    out = []
    for name, pattern, text, quotes in CASES:
        exp, pos = [], 0
        for qtext, kind, speaker, rule in quotes:
            i = text.find(qtext, pos)
            assert i >= 0, (name, qtext)
            exp.append(
                {"start": i, "end": i + len(qtext), "kind": kind, "speaker": speaker, "rule": rule}
            )
            pos = i + len(qtext)
        out.append({"name": name, "pattern": pattern, "text": text, "quotes": exp})
    with open("tests/cases/quotes.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
