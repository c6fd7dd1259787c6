"""Typed records that flow between pipeline stages. No I/O lives here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Level(str, Enum):
    """How bad a problem is; ERROR fails `digest build --strict`."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """Something a user should know about one seed, kept as data for the build report."""

    seed: str
    """File name of the seed inside `seeds/`."""
    stage: str
    """Pipeline stage that noticed it (ingest, parse, metadata, ...)."""
    level: Level
    message: str
    """Plain-language message that says what is wrong and what to do."""


@dataclass(frozen=True)
class Seed:
    """One raw file from the seeds folder, decoded but not yet understood."""

    name: str
    """File name relative to the seeds folder; the seed's identity in reports."""
    sha256: str
    """Hex digest of the raw bytes, so a change of content is detectable."""
    size: int
    text: str = ""
    """Decoded, normalised text without the override front-matter block."""
    format: str = "text"
    """Detected input format: text, html or markdown."""
    encoding: str = ""
    overrides: dict = field(default_factory=dict)
    """Fields the user set in the seed's own front-matter; they beat extraction."""
    hints: dict = field(default_factory=dict)
    """Page metadata a web clipper wrote into the front-matter (title, source, published...)."""
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Block:
    """One unit of the cleaned body."""

    kind: str
    """`p` paragraph, `h` subheading, `redacted` a run of paywalled paragraphs."""
    text: str
    count: int = 1
    """For redacted runs: how many paragraphs the run hides."""


@dataclass(frozen=True)
class RuleReason:
    """A named rule dropped the line: a furniture pattern of extract/patterns.py or a rule of
    extract/parse.py ("navigation", "photo caption", "related headline" ...)."""

    rule: str

    def __str__(self) -> str:
        return f"rule: {self.rule}"


@dataclass(frozen=True)
class RoleReason:
    """The line-role model dropped the line: it tags it `role` (caption, related, chrome,
    footer, comment) with this marginal probability, and no rule kept it for that."""

    role: str
    probability: float

    def __str__(self) -> str:
        return f"role: {self.role} ({self.probability:.2f})"


DropReason = RuleReason | RoleReason


@dataclass(frozen=True)
class Dropped:
    """A line removed from the body, kept so the user can audit the cleaner."""

    line: str
    reason: DropReason

    @property
    def rule(self) -> str | None:
        """The name of the rule that dropped the line; None when the line-role model did."""
        return self.reason.rule if isinstance(self.reason, RuleReason) else None

    @property
    def role(self) -> str | None:
        """The role the model dropped the line as; None when a rule did."""
        return self.reason.role if isinstance(self.reason, RoleReason) else None


@dataclass(frozen=True)
class RoledLine:
    """One line of a seed's text as the line-role model (extract/roles.py) reads it."""

    index: int
    """Position among the text's non-blank lines."""
    text: str
    role: str
    confidence: float
    """The model's marginal probability of this role on this line."""


@dataclass(frozen=True)
class LineRoles:
    """The line-role model's reading of a seed's text, tagged once per seed and read by body
    cleaning, the metadata rules and the title correction alike."""

    lines: tuple[RoledLine, ...]
    """The first lines (roles.MAX_TAGGED_LINES), each with its most likely role on the best
    path."""
    title: RoledLine | None
    """The line most likely to be the title by its marginal, whatever the path says; None for an
    empty text."""


@dataclass(frozen=True)
class Found:
    """How one metadata field was found and how sure the extractor is (0..1)."""

    method: str
    confidence: float


@dataclass(frozen=True)
class Mention:
    """How an article names one company: its first mentioning sentence and whether it is about
    it."""

    company: str
    count: int
    sentence: str
    substantive: bool
    """False when every mention is passing: a credit, a cited source, a related link, an aside."""
    reason: str = ""
    """For a passing mention, the name of the rule that made it passing."""
    fuzzy: bool = False
    """True when the name was only found as a spelling variant (rapidfuzz)."""


@dataclass(frozen=True)
class Person:
    """Someone the article names with a role ("Liu Guohong, research director at ...")."""

    name: str
    role: str = ""
    rule: str = ""


@dataclass(frozen=True)
class Quote:
    """A quoted statement and who said it, as the text attributes it."""

    text: str
    speaker: str
    role: str = ""
    companies: tuple[str, ...] = ()
    """Companies named in the quote or in its attribution."""


@dataclass(frozen=True)
class Figure:
    """A key figure (money, a percentage, a count) with the sentence it comes from."""

    value: str
    kind: str
    """money, percent or count."""
    sentence: str
    companies: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicEvidence:
    """Why an article has a topic: its weighted score and the phrases that matched."""

    topic: str
    score: float
    phrases: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Candidate:
    """An organisation that looks like a company but is not in digest.yml (for discovery)."""

    name: str
    rule: str
    sentence: str


@dataclass(frozen=True)
class Article:
    """Everything known about one seed; each stage returns a copy with its fields filled."""

    seed: str
    seed_sha256: str
    identity: str = ""
    """Hash of the article text without overrides: stable across renames and corrections."""
    format: str = "text"
    overrides: dict = field(default_factory=dict)
    hints: dict = field(default_factory=dict)
    """Metadata a saved HTML page declares about itself; below overrides, above text extraction."""
    # parse
    header: tuple[str, ...] = ()
    """Lines before the body starts, where title, byline and date usually are."""
    footer: tuple[str, ...] = ()
    """Lines removed after the body (credits, footers), still useful to metadata."""
    blocks: tuple[Block, ...] = ()
    comments: tuple[str, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    redacted: bool = False
    roles: LineRoles | None = None
    """The line roles of the seed's text, while the per-seed stages read them (pipeline
    `process_seed` clears them after: the page never shows them, and the cache need not hold the
    text twice). None: not tagged."""
    # metadata
    title: str = ""
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    publication: str | None = None
    url: str | None = None
    found: dict[str, Found] = field(default_factory=dict)
    # enrich
    companies: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    # summarize
    summary: str = ""
    key_points: tuple[str, ...] = ()
    words: int = 0
    # cross-seed
    slug: str = ""
    duplicates: tuple[str, ...] = ()
    story: str | None = None
    """Slug of the first report of the event this article reports, when other seeds report it
    too."""
    """Other seeds with identical text, published through this page."""
    problems: tuple[Problem, ...] = ()
    copy_of: str | None = None
    """Slug of the report this one nearly duplicates (a syndicated copy); its story lists them as
    one
    report with every outlet credited."""
    # enrich (knowledge/companies, people, quotes, figures, topics, discovery)
    mentions: tuple[Mention, ...] = ()
    """Every company named, substantive or in passing, most mentioned first."""
    passing_companies: tuple[str, ...] = ()
    """Companies named only in passing; `companies` holds those the article is about."""
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    topic_evidence: tuple[TopicEvidence, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    former_slugs: tuple[str, ...] = ()
    """Addresses this article had before (a title correction), which redirect to its page."""

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks if b.kind != "redacted")


@dataclass(frozen=True)
class Page:
    """A rendered file: path relative to the docs folder, and its full text."""

    path: str
    text: str


class StoredPage(Page):
    """A page the last build wrote, found unchanged in the docs folder `root`: its text is read
    from there the first time it is asked for. A build with nothing to do needs only the paths,
    and reading 12,000 pages back cost a second at 10,000 articles. Equal to a Page of the same
    path and text."""

    def __init__(self, path: str, root: Path) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "root", root)

    def __getattr__(self, name: str) -> str:
        # Called only for attributes not set: `text` until it is first read.
        if name != "text":
            raise AttributeError(name)
        text = (self.root / self.path).read_bytes().decode("utf-8")
        object.__setattr__(self, "text", text)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        return (self.path, self.text) == (other.path, other.text)

    __hash__ = Page.__hash__

    def __repr__(self) -> str:
        return f"StoredPage(path={self.path!r}, root={self.root!r})"


class KnownPage(StoredPage):
    """A StoredPage whose bytes' SHA-256 is known (the render cache checked the file holds them),
    so writing the docs folder need not read or hash it."""

    def __init__(self, path: str, root: Path, digest: bytes) -> None:
        super().__init__(path, root)
        object.__setattr__(self, "digest", digest)


@dataclass(frozen=True)
class SeedChanges:
    """How this build's seed files compare with the last build's (kept in the cache folder)."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass(frozen=True)
class BuildReport:
    """What one build produced and every problem it met."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    pages: tuple[Page, ...] = ()
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    seeds_seen: int = 0
    addresses: str = ""
    """The addresses file (seeds/addresses.yml) as this build leaves it; the CLI writes it."""
    stages: tuple[tuple[str, float], ...] = ()
    """Seconds each stage of this build took, in order, for the summary."""
    changes: SeedChanges | None = None
    """Seeds new, changed, unchanged and removed since the last build; None without a cache."""
    rendered: int = -1
    """Pages rendered by this build (the rest came from the render cache); -1: all rendered."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level is Level.ERROR)
