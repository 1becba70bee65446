"""namedrop as a spaCy pipeline component: gazetteer entities on ``doc.ents``, quotes
and their speakers on ``doc._.quotes``, who is in the doc on ``doc._.clusters``.

The factory ``"namedrop"`` is registered through the ``spacy_factories`` entry point, so
``nlp.add_pipe("namedrop")`` works once namedrop is installed; ``import namedrop`` never
imports spaCy.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> ruler = nlp.add_pipe("namedrop", config={"gazetteer": "default"})
>>> doc = nlp("“We will not back down,” Elizabeth Warren said in Boston.")
>>> [(e.text, e.label_) for e in doc.ents]
[('Elizabeth Warren', 'PERSON'), ('Boston', 'GPE')]
>>> q = doc._.quotes[0]
>>> q.quote.text, q.speaker.text, q.cue.text, q.kind
('“We will not back down,”', 'Elizabeth Warren', 'said', 'direct')

Config (all optional):

- ``gazetteer``: ``"default"`` (the embedded gazetteer) or a path: ``.ndg`` is loaded
  with ``Gazetteer.load``, ``.jsonl``/``.json``/``.csv``/``.tsv`` with
  ``Gazetteer.from_file``. Read when the component first needs it; ``nlp.to_disk`` stores
  the compiled gazetteer in the component's folder and ``spacy.load`` reads it from
  there, so the pipeline folder is self-contained. ``component.set_gazetteer(g)`` uses
  an in-memory ``Gazetteer`` instead.
- ``case``: ``"smart"`` (default), ``"exact"`` or ``"insensitive"`` (see namedrop's
  matching rules).
- ``quotes``: find quotes and speakers (default ``True``).
- ``indirect``: find reported speech too (default ``True``; as ``namedrop.Extractor``):
  "Dana Whitfield said the line would reopen." gives a quote of kind ``"indirect"``
  whose ``quote`` span is "the line would reopen" (no quote marks). ``False`` keeps only
  quotes in quote marks.
- ``overwrite_ents``: replace existing entities that overlap namedrop's (default
  ``False``: existing entities, e.g. from a trained ``ner``, win, as with spaCy's
  EntityRuler).
- ``spans_key``: ``None`` (default) writes ``doc.ents``; a key writes every mention,
  overlapping ones included, to ``doc.spans[spans_key]`` and leaves ``doc.ents`` alone.
- ``quotes_spans_key``: where quote, speaker and cue spans go for displaCy's
  ``style="span"`` (default ``"namedrop_quotes"``; ``None`` for none).
- ``alignment_mode``: ``"expand"`` (default) or ``"strict"``: what happens to a mention
  whose characters do not fall on token boundaries (see below).
- ``n_threads``: threads namedrop uses inside ``nlp.pipe`` (default 1; ``0`` for every
  core). Use ``n_process`` of ``nlp.pipe`` for process parallelism.
- ``link``, ``discover``, ``fold_diacritics``: as ``namedrop.Extractor`` (default
  ``True``): surnames and titles linked to full names, names discovered from role cues,
  "Zürich" matching "Zurich". With all three off and ``case="insensitive"`` the
  component does what an EntityRuler with ``phrase_matcher_attr="LOWER"`` does.

What the component writes:

- ``doc.ents`` (or ``doc.spans[spans_key]``): spans with ``label_`` from the gazetteer and
  ``kb_id_`` and ``ent_id_`` set to the entity's gazetteer id (``""`` for a name that is
  ambiguous or was discovered in the text). Speaker pronouns and nominal speakers ("a
  spokesman") are not entities; they appear as quote speakers.
- ``doc._.quotes`` (also ``doc._.namedrop_quotes``): ``SpacyQuote`` tuples with the
  ``quote``, ``speaker`` and ``cue`` Spans, ``kind``, ``rule``, ``speaker_name``,
  ``speaker_entity_id``, ``speaker_gender`` and ``paragraph``.
- ``doc._.clusters`` (also ``doc._.namedrop_clusters``): namedrop ``Cluster`` tuples.
- ``doc._.namedrop_alignment``: this doc's counts of ``expanded``, ``skipped`` and
  ``overlapped`` spans; the component's ``alignment_counts`` add them up over the docs it
  processed in this process.
- ``doc.spans[quotes_spans_key]``: quote spans labelled ``QUOTE_DIRECT``,
  ``QUOTE_PARTIAL``, ... (reported speech: ``QUOTE_INDIRECT``) plus ``SPEAKER`` and
  ``CUE`` spans.

The short names ``doc._.quotes`` and ``doc._.clusters`` are registered only if no other
package has registered them (a ``UserWarning`` then says so, and the ``namedrop_`` names
still work). All values live as plain data in ``doc.user_data["namedrop"]``, ``doc.ents``
and ``doc.spans``: ``doc.to_bytes()`` and ``n_process`` keep them (call
``register_extensions()`` in a process that reads such docs without the component).

Alignment: a mention on token boundaries becomes that token span. One that starts or
ends inside a token ("Fla" in "Fla." with an alias "Fla") becomes the smallest token
span covering it with ``alignment_mode="expand"`` (counted ``expanded``), or is left
out with ``"strict"`` (counted ``skipped``). Entity spans that ``doc.ents`` cannot hold
(another span has their tokens: the first longest of namedrop's wins, and existing
entities win unless ``overwrite_ents``) are counted ``overlapped``.
"""

import collections
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example

from . import _core
from ._extractor import Extractor
from ._spacy_doc import SpacyQuote, TextReader, annotate, register_extensions

__all__ = ["NamedropComponent", "SpacyQuote", "make_namedrop", "register_extensions"]

GAZETTEER_FILE = "gazetteer.ndg"
ALIGNMENT_MODES = ("expand", "strict")
DEFAULT_CONFIG: dict[str, Any] = {
    "gazetteer": "default",
    "case": "smart",
    "quotes": True,
    "indirect": True,
    "overwrite_ents": False,
    "spans_key": None,
    "quotes_spans_key": "namedrop_quotes",
    "alignment_mode": "expand",
    "n_threads": 1,
    "link": True,
    "discover": True,
    "fold_diacritics": True,
}


def _load_gazetteer(spec: str) -> _core.Gazetteer:
    if spec == "default":
        return _core.Gazetteer.default()
    if Path(spec).suffix.lower() == ".ndg":
        return _core.Gazetteer.load(spec)
    return _core.Gazetteer.from_file(spec)


class NamedropComponent(Pipe):
    """The ``"namedrop"`` pipeline component (made by ``nlp.add_pipe("namedrop")``).

    >>> import spacy, namedrop as nd
    >>> g = nd.Gazetteer()
    >>> g.add("sousa", "Ana Sousa", label="PERSON", gender="female")
    >>> nlp = spacy.blank("en")
    >>> nlp.add_pipe("namedrop").set_gazetteer(g)
    >>> [(e.text, e.kb_id_) for e in nlp("Ana Sousa spoke.").ents]
    [('Ana Sousa', 'sousa')]
    """

    def __init__(
        self,
        nlp: Language | None = None,
        name: str = "namedrop",
        **config: Any,
    ) -> None:
        unknown = set(config) - set(DEFAULT_CONFIG)
        if unknown:
            raise _core.InputError(f"unknown namedrop component setting(s): {sorted(unknown)}")
        self.name = name
        self.cfg = {**DEFAULT_CONFIG, **config}
        if self.cfg["alignment_mode"] not in ALIGNMENT_MODES:
            raise _core.InputError(
                f"alignment_mode must be one of {ALIGNMENT_MODES}, "
                f"got {self.cfg['alignment_mode']!r}"
            )
        spans_key = self.cfg["spans_key"]
        if spans_key is not None and spans_key == self.cfg["quotes_spans_key"]:
            raise _core.InputError(
                f"spans_key and quotes_spans_key are both {spans_key!r}: "
                "entities and quotes need their own doc.spans keys"
            )
        # Checks case (and the other options) now, on an empty gazetteer: cheap.
        self._make_extractor(_core.Gazetteer())
        self._extractor: Extractor | None = None
        self.alignment_counts: collections.Counter[str] = collections.Counter()
        self._text_of = TextReader()
        register_extensions()

    def _make_extractor(self, gazetteer: _core.Gazetteer) -> Extractor:
        return Extractor(
            gazetteer,
            case=self.cfg["case"],
            quotes=self.cfg["quotes"],
            indirect=self.cfg["indirect"],
            overlapping=self.cfg["spans_key"] is not None,
            link=self.cfg["link"],
            discover=self.cfg["discover"],
            fold_diacritics=self.cfg["fold_diacritics"],
        )

    @property
    def extractor(self) -> Extractor:
        """The namedrop Extractor this component runs (loads the gazetteer when first
        asked)."""
        if self._extractor is None:
            self._extractor = self._make_extractor(_load_gazetteer(self.cfg["gazetteer"]))
        return self._extractor

    def initialize(
        self, get_examples: Callable[[], Iterable[Example]] | None = None, *, nlp: Any = None
    ) -> None:
        """Loads the configured gazetteer now rather than at the first Doc (spaCy's
        ``nlp.initialize()`` calls this); its errors surface here."""
        self.extractor  # noqa: B018 (the property loads it)

    @property
    def gazetteer(self) -> _core.Gazetteer:
        """The gazetteer in use."""
        return self.extractor.gazetteer

    def set_gazetteer(self, gazetteer: _core.Gazetteer) -> None:
        """Uses ``gazetteer`` (an in-memory ``namedrop.Gazetteer``) from now on;
        ``nlp.to_disk`` saves it with the pipeline."""
        if not isinstance(gazetteer, _core.Gazetteer):
            raise TypeError(f"expected a namedrop.Gazetteer, got {type(gazetteer).__name__}")
        self._extractor = self._make_extractor(gazetteer)

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels of the gazetteer, once it is loaded (``()`` before: spaCy
        reads this for ``nlp.meta`` while ``spacy.load`` is still restoring the
        component, when the configured path need not exist)."""
        if self._extractor is None:
            return ()
        return tuple(sorted(self._extractor.gazetteer.labels))

    def _annotate(self, doc: Doc, result: Any) -> Doc:
        counts = annotate(
            doc,
            result,
            overwrite_ents=self.cfg["overwrite_ents"],
            spans_key=self.cfg["spans_key"],
            quotes_spans_key=self.cfg["quotes_spans_key"] if self.cfg["quotes"] else None,
            alignment_mode=self.cfg["alignment_mode"],
        )
        self.alignment_counts.update(counts)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        """Annotates one Doc (``nlp(text)`` applies the pipeline's error handler)."""
        return self._annotate(doc, self.extractor(self._text_of(doc)))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        """Annotates a stream of Docs, in batches: namedrop runs each batch without the
        GIL (on ``n_threads`` threads), order kept."""
        docs = iter(stream)
        n_threads = self.cfg["n_threads"] or None
        while True:
            batch = list(islice(docs, max(batch_size, 1)))
            if not batch:
                return
            # As spaCy's own components do: a failing batch goes to the error handler
            # (which raises unless nlp.set_error_handler chose otherwise).
            try:
                texts = list(map(self._text_of, batch))
                results = list(self.extractor.pipe(texts, n_threads=n_threads))
                yield from map(self._annotate, batch, results)
            except Exception as e:
                self.get_error_handler()(self.name, self, batch, e)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Entity precision, recall and F (spaCy's ``ents_p``, ``ents_r``, ``ents_f``,
        ``ents_per_type``) when the component writes ``doc.ents``."""
        return get_ner_prf(examples) if self.cfg["spans_key"] is None else {}

    # Serialisation: the gazetteer's compact bytes are the component's only state (the
    # settings are in the pipeline's config).
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The compiled gazetteer (``Gazetteer.to_bytes``)."""
        return bytes(self.gazetteer.to_bytes())

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "NamedropComponent":
        """Loads the gazetteer from ``to_bytes()`` output."""
        self.set_gazetteer(_core.Gazetteer.from_bytes(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Writes the compiled gazetteer to ``path/gazetteer.ndg``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.gazetteer.save(str(folder / GAZETTEER_FILE))

    def from_disk(
        self, path: str | Path, *, exclude: Iterable[str] = ()
    ) -> "NamedropComponent":
        """Loads the gazetteer from ``path/gazetteer.ndg`` (``to_disk`` output)."""
        self.set_gazetteer(_core.Gazetteer.load(str(Path(path) / GAZETTEER_FILE)))
        return self

    def __reduce__(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        # Workers of nlp.pipe(n_process=...) under "spawn", and pickle.dumps(nlp): the
        # extractor pickles as the gazetteer's bytes; an unloaded one stays unloaded.
        return (_rebuild, (self.name, self.cfg, self._extractor))


def _rebuild(name: str, cfg: dict[str, Any], extractor: Extractor | None) -> NamedropComponent:
    component = NamedropComponent(None, name, **cfg)
    component._extractor = extractor
    return component


@Language.factory(
    "namedrop",
    default_config=DEFAULT_CONFIG,
    assigns=["doc.ents", "doc.spans", "doc._.quotes", "doc._.clusters"],
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_namedrop(
    nlp: Language,
    name: str,
    gazetteer: str,
    case: str,
    quotes: bool,
    indirect: bool,
    overwrite_ents: bool,
    spans_key: str | None,
    quotes_spans_key: str | None,
    alignment_mode: str,
    n_threads: int,
    link: bool,
    discover: bool,
    fold_diacritics: bool,
) -> NamedropComponent:
    """The ``"namedrop"`` factory (the ``spacy_factories`` entry point points here)."""
    return NamedropComponent(
        nlp,
        name,
        gazetteer=gazetteer,
        case=case,
        quotes=quotes,
        indirect=indirect,
        overwrite_ents=overwrite_ents,
        spans_key=spans_key,
        quotes_spans_key=quotes_spans_key,
        alignment_mode=alignment_mode,
        n_threads=n_threads,
        link=link,
        discover=discover,
        fold_diacritics=fold_diacritics,
    )
