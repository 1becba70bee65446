"""Generated news-like documents for the cluster tests (deterministic, no third-party
text): names, places, quotes with speakers and pronouns, and some missing rows."""

from __future__ import annotations

import random

RECORDS = [
    {
        "id": "dw",
        "name": "Dana Whitfield",
        "label": "PERSON",
        "gender": "female",
        "aliases": ["Whitfield"],
    },
    {"id": "ok", "name": "Omar Keane", "label": "PERSON", "gender": "male"},
    {"id": "lu", "name": "Lena Uribe", "label": "PERSON", "gender": "female"},
    {"id": "cn", "name": "China", "label": "GPE"},
    {"id": "zh", "name": "Zürich", "label": "GPE"},
    {"id": "ny", "name": "New York", "label": "GPE", "aliases": ["NYC"]},
    {"id": "cd", "name": "Commerce Department", "label": "ORG"},
]

PEOPLE = ["Dana Whitfield", "Omar Keane", "Lena Uribe", "spokeswoman Jane Roe", "a spokesman"]
PLACES = ["China", "Zürich", "New York", "NYC", "the Commerce Department", "Zu\u0308rich"]
SENTENCES = [
    "“We will reopen in {month},” {person} said in {place}.",
    "{person} said: “The plan for {place} is dead.”",
    "Officials in {place} met {person} on Tuesday. “It works,” she said.",
    "According to {person}, the talks in {place} failed.",
    "{place} 🇺🇳 and {place} signed the deal — {person} called it “meaningful”.",
    "Nothing about anyone here, just {month} weather.",
]
MONTHS = ["March", "May", "June", "October"]


def documents(n: int, seed: int = 20261201) -> list[str | None]:
    """``n`` documents of 1-6 sentences; every 13th is None and every 29th empty."""
    rng = random.Random(seed)
    docs: list[str | None] = []
    for i in range(n):
        if i % 13 == 5:
            docs.append(None)
            continue
        if i % 29 == 7:
            docs.append("")
            continue
        sentences = [
            rng.choice(SENTENCES).format(
                person=rng.choice(PEOPLE), place=rng.choice(PLACES), month=rng.choice(MONTHS)
            )
            for _ in range(rng.randint(1, 6))
        ]
        docs.append(("\n\n" if rng.random() < 0.3 else " ").join(sentences))
    return docs
