"""A deterministic synthetic corpus of messy clipped news articles, for the benchmark.

Each seed looks like something pasted out of a browser: page furniture above the headline
("Advertisement", navigation crumbs, share buttons), a kicker, the headline, a dek or bullet
summary, one of several byline and date shapes, sometimes the source address with tracking
parameters, then the body with photo captions, "Read more" links, related headlines and ads
between the paragraphs, sometimes paywalled (asterisked) paragraphs, a related-articles list,
reader comments and a site footer. A small share of seeds are hard-wrapped, CRLF, Windows-1252,
UTF-8 with a BOM, saved HTML pages, carry a front-matter override block, duplicate another seed,
or are not text at all, so every branch of the pipeline has work.

Bodies are built from sentence templates that name the companies (by name, alias and possessive)
and use the topic keywords of the digest.yml in use, so enrichment and summaries do real work.
The same (count, seed, config) always writes byte-identical files.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Config

FIRST = ("John", "Mei", "David", "Sarah", "Chen", "Karen", "Michael", "Li", "Emily", "Raymond", "Sophia",
         "Wei", "James", "Alexandra", "Yuan", "Paul", "Jennifer", "Kenji", "Laura", "Hui", "Thomas", "Isabel",
         "Daniel", "Ananya", "Cyrus", "Rachel", "Zhou", "Martin", "Olivia", "Patrick")
LAST = ("Honovich", "Lee", "Gilbert", "Wang", "Zhang", "Freifeld", "Shepardson", "Nellis", "Alper", "Liu",
        "Bartz", "Kubota", "Mozur", "Feng", "Chin", "Lin", "Stecklow", "Dastin", "Osawa", "Bradsher",
        "Horwitz", "Nakashima", "Hao", "Kharpal", "O'Brien", "Sevastopulo", "Yang", "van der Berg", "McMorrow",
        "Pan")
CITIES = ("WASHINGTON", "BEIJING", "SHANGHAI", "HONG KONG", "SHENZHEN", "TAIPEI", "LONDON", "SAN FRANCISCO",
          "BRUSSELS", "TOKYO", "SINGAPORE", "NEW YORK")
WIRES = ("Reuters", "AP", "AFP", "Xinhua", "Bloomberg")
AGENCIES = ("the U.S. Commerce Department", "the Federal Communications Commission", "the Treasury Department",
            "the White House", "the State Department", "the Pentagon", "China's Ministry of Commerce",
            "the Chinese Foreign Ministry", "the House Select Committee on China", "the European Commission")
OFFICIALS = ("a senior administration official", "a Commerce Department spokesperson", ("Foreign Ministry "
             "spokesperson Lu Kang"), "Senator Marco Rubio", "Representative Mike Gallagher", "an industry analyst",
             "a person familiar with the matter", "Commerce Secretary Gina Raimondo", "a company spokeswoman",
             "Dr. Alan Chen of the Center for Strategic and International Studies")
PLACES = ("Hangzhou", "Shenzhen", "Hefei", "Xiamen", "Beijing", "Urumqi", "Kashgar", "Dongguan", "Wuhan")
NUMBERS = ("two", "three", "five", "eight", "a dozen", "28", "33", "more than 40", "dozens of", "several")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

GENERIC = (
    "{co} did not immediately respond to a request for comment on {weekday}.",
    "Shares of {co} fell as much as {pct} percent in {place} after the report, before recovering some losses.",
    ("\u201cWe have always complied with the laws and regulations of the countries where we operate,\u201d {co} "
    "said in a statement."),
    "The decision was announced by {agency} late on {weekday}, according to {official}.",
    ("{co}\u2019s revenue rose {pct} percent last year to about US${bn} billion, the company said in its annual "
    "report."),
    "Analysts said the move could push {co} and {co2} to accelerate efforts to build their own technology.",
    ("The U.S. government has been increasingly concerned about the reach of Chinese technology companies such "
    "as {co}."),
    "{official} told reporters that the administration would keep up pressure on {co}.",
    "It was not immediately clear how the measure would affect {co}'s customers in Europe and Latin America.",
    "Founded in {founded}, {co} employs tens of thousands of people, most of them in China.",
    "The company, formally known as {alias}, has repeatedly denied any wrongdoing.",
    ("Beijing has accused Washington of abusing state power to suppress Chinese companies such as {co} Co. and "
    "{co2}."),
    "The latest step follows months of talks between officials of the two countries, {official} said.",
    "Investors have been watching closely for signs of how far the U.S. is willing to go against {co}.",
    "{co} said it would \u201cclosely study\u201d the decision and take steps to protect its rights.",
    "Last year, {co} and {co2} together accounted for a large share of the global market.",
    "Mr. Wang, who asked not to be named because the talks are private, said no decision had been made.",
    "The two companies have said they operate independently and are not controlled by the government.",
    "Some lawmakers argued that the measures did not go far enough, while industry groups warned of higher costs.",
    "{co}, based in {place}, has grown rapidly over the past decade on the back of government contracts.",
)
TOPIC_SENTENCES = {
    "entity-list": (
        ("{agency} added {co} and {num} other Chinese companies to the Entity List, which bars them from buying "
        "U.S. technology without a licence."),
        ("Being placed on the trade blacklist means American suppliers need a licence from the Bureau of Industry "
        "and Security to sell to {co}."),
        "The Commerce Department said the blacklisted firms were acting contrary to U.S. foreign policy interests.",
        "{co} was blacklisted alongside {co2}, a step that took effect immediately.",
        "The export ban on {co} would be the same as the one applied to Huawei Technologies Co. in May 2019.",
    ),
    "export-controls": (
        "{co} has been stockpiling chips and other components since the export controls were first discussed.",
        "The company sources only a small share of its components from American suppliers, {official} said.",
        "New export controls on advanced semiconductors are likely to disrupt the supply chain of {co}.",
        "Without access to US technology, {co} will have to find replacement chips from domestic suppliers.",
        "Restrictions on American technology have forced {co} to redesign several of its products.",
    ),
    "xinjiang-surveillance": (
        "Human rights groups say {co}\u2019s cameras are used to monitor Uyghurs in Xinjiang.",
        ("The United Nations has said more than a million Uyghurs and other minorities may be held in internment "
        "camps in Xinjiang."),
        "{co} has denied that its equipment is used in detention centers or re-education facilities.",
        "Researchers said the software could single out Uighurs by their facial features.",
        "Lawmakers cited the surveillance of Uyghurs in Xinjiang as a human rights crisis.",
    ),
    "trade-war": (
        "The measures come as the trade war between Washington and Beijing enters its {nth} year.",
        "China has vowed to retaliate against any new tariffs on its exports.",
        "The two sides are expected to resume trade talks in {month}, {official} said.",
        "Tariffs on $200 billion of imports from China were raised to 25 percent.",
        "Beijing threatened retaliation, including reducing exports of rare earths to the U.S.",
    ),
    "video-surveillance": (
        ("{co} is the world\u2019s largest maker of video surveillance equipment, with {pct} percent of the global "
        "market."),
        "Surveillance cameras made by {co} and {co2} are installed in schools, airports and military bases.",
        "The company\u2019s cameras use facial recognition to identify people in crowds.",
        "Sales of security cameras to police departments in {place} have grown quickly.",
        "{co} makes surveillance cameras and video recorders sold under dozens of brand names.",
    ),
    "national-security": (
        "Officials say {co}\u2019s equipment poses a national security risk because it could contain backdoors.",
        "Cybersecurity researchers found that the devices sent sensitive data to servers in China.",
        "The company has rejected allegations of espionage as baseless.",
        "The FBI has warned that hacking by state-backed groups threatens American intellectual property.",
        "Security experts said there was no public evidence of a backdoor in {co}\u2019s products.",
    ),
    "procurement-bans": (
        "Section 889 of the NDAA bans federal agencies from buying equipment made by {co} and {co2}.",
        "The FCC voted to ban approvals of new equipment from {co} on national security grounds.",
        "Companies with government contracts must certify they do not use gear from {co}.",
        "The procurement ban took effect in August 2019, one year after the NDAA was signed.",
        "Several states have banned the procurement of drones made by {co}.",
    ),
    "5g-telecoms": (
        "{co} is the world\u2019s largest maker of telecoms network equipment and a leader in 5G.",
        "Telcos in Europe have been urged to remove {co} gear from their 5G networks.",
        "Without Google\u2019s Android services, {co}\u2019s smartphone sales outside China collapsed.",
        "Smaller telecom operators in rural America still rely on network equipment from {co} and {co2}.",
        "The 5G race has become a central front in the rivalry between the two countries.",
    ),
}
FALLBACK_TOPIC = ("Officials also raised concerns about {kw} during the hearing.",
                  "The debate over {kw} has intensified in recent months, {official} said.")
HEADLINES = (
    "US weighs adding {co} to trade blacklist as tensions rise",
    "{co} shares slump after report of new US restrictions",
    "Exclusive: {agency_short} to restrict exports to {co}, sources say",
    "Why {co} matters in the US\u2013China tech fight",
    "{co} and {co2} hit by new US curbs over Xinjiang",
    "China vows to retaliate after US targets {co}",
    "{co} says it can cope with US ban, plans new chips",
    "US lawmakers urge tougher action against {co}",
    "How {co}\u2019s cameras ended up on US military bases",
    "{co} cut off from American suppliers: what it means",
    "Biden administration keeps pressure on {co} and {co2}",
    "{co} profit falls as US sanctions bite",
    "FCC moves to ban new {co} equipment approvals",
    "{co} denies role in Xinjiang surveillance",
    "Trade war: Beijing hits back after Washington blacklists {co}",
)
KICKERS = ("US-China tech war", "Technology", "Exclusive", "Analysis", "Business", "World", "Trade", "Opinion")
SUBHEADINGS = ("What happens next", "A growing list", "Supply chain worries", "Reaction in Beijing",
               "The Xinjiang question", "Market impact", "Background")
TOP_FURNITURE = ("Advertisement", "Skip to content", "Menu", "Sign in", "Subscribe", "Share | Tweet | Email",
                 "Home > Tech > China", "Listen to this article", "5 min read", "Get more with myNEWS",
                 "A personalised news feed of stories that matter to you", "Learn more")
MID_FURNITURE = ("Advertisement", "Story continues below advertisement", "Continue reading the main story",
                 "Sign up for our daily newsletter to get the latest on US-China tech",
                 "Scroll to continue with content", "Share this article")
COMMENTS_HEADINGS = ("Comments", "Comments ({n})", "{n} Comments", "Join the conversation", "Reader comments")
COMMENT_LINES = (
    "This is exactly what happens when you let one country make all of your electronics.",
    "Good. They should have done this years ago, the cameras are everywhere in my city.",
    "I don't see how this helps American workers at all, prices will just go up.",
    "Does anyone know whether the older models are affected too?",
    "The article ignores that {co} makes the best value equipment on the market, by far.",
    "Posted by a reader on {date}: this is the third ban in a row and nothing changes.",
    "Great reporting, thank you for covering {co} in such detail.",
)
COMMENT_END = ("Leave a comment", "You must be logged in to post a comment.", "Comments are closed.")
FOOTERS = ("\u00a9 {year} {pub}. All rights reserved.", "Terms of Use", "Privacy Policy", "Contact us",
           "Editorial standards", "Copyright {year} {pub}", "About us", "Do not sell my personal information")


@dataclass
class CorpusStats:
    files: int = 0
    bytes: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, size: int) -> None:
        self.files += 1
        self.bytes += size
        self.kinds[kind] = self.kinds.get(kind, 0) + 1


class _Article:
    """Draws one synthetic article from the random stream."""

    def __init__(self, rng: random.Random, config: Config, index: int):
        self.rng = rng
        self.config = config
        self.index = index
        companies = list(config.companies)
        self.focus = rng.sample(companies, k=min(len(companies), rng.choice((1, 1, 2, 2, 3))))
        self.others = [c for c in companies if c not in self.focus]
        topics = list(config.topics)
        self.topics = rng.sample(topics, k=min(len(topics), rng.choice((1, 2, 2, 3, 4))))
        start = dt.date(2017, 1, 1).toordinal()
        self.date = dt.date.fromordinal(start + rng.randrange(dt.date(2024, 12, 31).toordinal() - start))
        pubs = [p for p in config.publications if p.domains] or list(config.publications)
        self.pub = rng.choice(pubs) if pubs else None
        self.authors = [self.person() for _ in range(rng.choice((1, 1, 1, 2)))]
        self.used: set[str] = set()

    # ---- small helpers ----------------------------------------------------------------------

    def pick(self, seq):
        return self.rng.choice(seq)

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def company_mention(self, company) -> str:
        """A company by name mostly, by an alias sometimes."""
        aliases = [a for a in company.aliases if a != company.name]
        return self.pick(aliases) if aliases and self.rng.random() < 0.25 else company.name

    def fill(self, template: str) -> str:
        main = self.pick(self.focus)
        second = self.pick(self.others or self.focus)
        alias = self.pick(main.aliases)
        keywords = [k for t in self.topics for k in t.keywords] or ["technology"]
        return template.format(
            co=self.company_mention(main), co2=self.company_mention(second), alias=alias,
            agency=self.pick(AGENCIES), agency_short=self.pick(("US", "Commerce", "Washington", "White House")),
            official=self.pick(OFFICIALS), place=self.pick(PLACES), num=self.pick(NUMBERS),
            weekday=self.pick(WEEKDAYS), month=self.pick(MONTHS), pct=self.rng.randint(2, 48),
            bn=self.rng.randint(2, 120), founded=self.rng.randint(1987, 2014),
            nth=self.pick(("second", "third", "fourth", "fifth")), kw=self.pick(keywords),
            date=self.date_text("long"), year=self.date.year, pub=self.pub.name if self.pub else "The Publisher",
        )

    def date_text(self, style: str) -> str:
        d = self.date
        month = MONTHS[d.month - 1]
        return {
            "long": f"{month} {d.day}, {d.year}",
            "short": f"{month[:3]} {d.day}, {d.year}",
            "dotted": f"{month[:3]}. {d.day}, {d.year}" if len(month) > 3 else f"{month} {d.day}, {d.year}",
            "dmy": f"{d.day} {month} {d.year}",
            "iso": d.isoformat(),
            "slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
            "us": f"{d.month}/{d.day}/{d.year}",
        }[style]

    def sentence(self) -> str:
        """A filled sentence template, preferring templates this article has not used yet."""
        for _ in range(4):
            if self.rng.random() < 0.55:
                topic = self.pick(self.topics)
                template = self.pick(TOPIC_SENTENCES.get(topic.slug, FALLBACK_TOPIC))
            else:
                template = self.pick(GENERIC)
            if template not in self.used:
                break
        self.used.add(template)
        text = self.fill(template)
        return text[:1].upper() + text[1:]

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.choice((1, 2, 2, 3, 3, 4))))

    def headline(self) -> str:
        return self.fill(self.pick(HEADLINES))

    # ---- the page ---------------------------------------------------------------------------

    def header(self) -> tuple[list[str], str]:
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.4:
            lines += rng.sample(TOP_FURNITURE, k=rng.randint(1, 4))
        if rng.random() < 0.3:
            lines.append(self.pick(KICKERS))
        title = self.headline()
        lines.append(title)
        dek = rng.random()
        if dek < 0.25:
            lines.append(self.fill(self.pick(GENERIC)))
        elif dek < 0.4:
            lines += [f"  \u2022 {self.fill(self.pick(GENERIC))}" for _ in range(2)]
        names = " and ".join(self.authors)
        shape = rng.randrange(9)
        if shape == 0:
            lines.append(f"By {names}")
            lines.append(self.date_text(self.pick(("long", "short", "dmy"))))
        elif shape == 1:
            lines.append(f"By: {names}, Published on {self.date_text('short')}")
        elif shape == 2:
            lines.append(f"{self.authors[0]} | {self.date_text(self.pick(('long', 'dmy')))}")
        elif shape == 3:
            lines.append(f"Written by {self.authors[0]}, Contributor")
            lines.append(f"Published {self.date_text('dotted')}")
        elif shape == 4:
            lines.append(f"Author: {names}")
            lines.append(f"Updated: {self.date_text('iso')} 10:{rng.randint(10, 59)} GMT")
        elif shape == 5:
            lines.append(f"By {names.upper()}")
            lines.append(f"Posted on {self.date_text('slash')}")
        elif shape == 6:
            lines.append(f"{self.authors[0]} - {self.date_text('dmy')}")
        elif shape == 7:
            lines.append("Updated on")  # no date anywhere: the article stays undated
        # shape 8: no byline, no date
        if self.pub and rng.random() < 0.35:
            slug = "-".join(title.lower().split()[:8]).replace("\u2019", "").replace(":", "")
            tracking = self.pick(("", "?utm_source=twitter&utm_medium=social", "?fbclid=IwAR3sB4zJ969",
                                  "?ref=rss", "?id=" + str(rng.randint(1000, 99999))))
            d = self.date
            lines.append(f"https://www.{self.pub.domains[0]}/{d.year}/{d.month:02d}/{d.day:02d}/{slug}{tracking}")
        return lines, title

    def body(self) -> list[str]:
        rng = self.rng
        count = rng.choice((4, 6, 8, 10, 12, 14, 16, 20)) if rng.random() > 0.05 else rng.randint(35, 60)
        paywalled = rng.random() < 0.05
        out: list[str] = []
        for i in range(count):
            if i == 0 and rng.random() < 0.2:
                wire = self.pick(WIRES)
                lead = (f"{self.pick(CITIES)} ({wire}) - " if rng.random() < 0.5 else
                        f"{self.pick(CITIES)}, {self.date_text('short')[:-6]} ({wire}) -- ")
                out.append(lead + self.paragraph())
                continue
            if paywalled and i >= 3:
                out.append(_redact(rng, self.paragraph()))
                continue
            roll = rng.random()
            if roll < 0.06:
                out.append(self.pick(MID_FURNITURE))
            elif roll < 0.10:
                out.append(f"{self.pick(('Read more', 'See also', 'Related'))}: {self.headline()}")
            elif roll < 0.13:
                out.append(self.headline())  # a linked related headline between paragraphs
            elif roll < 0.16:
                who = self.pick(("Reuters", "Getty Images", "AFP", "Bloomberg", "AP Photo/Andy Wong"))
                out.append(f"{self.company_mention(self.focus[0])}\u2019s headquarters in {self.pick(PLACES)}. "
                           f"Photo: {who}")
            elif roll < 0.19 and i > 2:
                out.append(self.pick(SUBHEADINGS))
            out.append(self.paragraph())
        return out

    def tail(self) -> list[str]:
        rng = self.rng
        lines: list[str] = []
        if rng.random() < 0.2:
            lines.append(f"(Reporting by {self.person()}; Additional reporting by {self.person()}; "
                         f"Editing by {self.person()})")
        if rng.random() < 0.2:
            lines.append(self.pick(("Related Articles", "Read more", "More from Tech", "Recommended")))
            lines += [self.headline() for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.25:
            n = rng.randint(1, 6)
            lines.append(self.pick(COMMENTS_HEADINGS).format(n=n))
            for _ in range(n):
                lines.append(f"{self.pick(FIRST).lower()}{rng.randint(1, 999)}")
                lines.append(self.fill(self.pick(COMMENT_LINES)))
            lines.append(self.pick(COMMENT_END))
        if rng.random() < 0.5:
            lines += [self.fill(f) for f in rng.sample(FOOTERS, k=rng.randint(1, 3))]
        return lines


def _redact(rng: random.Random, text: str) -> str:
    """Paywall redaction: most words replaced by asterisks of the same length."""
    return " ".join(w if rng.random() < 0.2 else "*" * len(w) for w in text.split())


def _html_page(title: str, lines: list[str], art: _Article) -> str:
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in lines)
    author = " and ".join(art.authors)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>{esc(title)}</title>\n"
            f"<meta name=\"author\" content=\"{esc(author)}\">\n"
            f"<meta property=\"article:published_time\" content=\"{art.date.isoformat()}T08:00:00Z\">\n"
            f"<meta property=\"og:site_name\" content=\"{esc(art.pub.name if art.pub else 'News')}\">\n"
            "</head><body>\n<nav><a href=\"/\">Home</a> <a href=\"/tech\">Tech</a></nav>\n"
            f"<article><h1>{esc(title)}</h1>\n<div class=\"byline\">By {esc(author)}</div>\n{paragraphs}\n"
            "</article>\n<footer><p>All rights reserved.</p></footer>\n</body></html>\n")


def make_seed(rng: random.Random, config: Config, index: int) -> tuple[str, bytes, str]:
    """One seed: (file name, bytes, kind). Kinds: text, wrapped, crlf, cp1252, bom, override, html."""
    art = _Article(rng, config, index)
    header, title = art.header()
    body = art.body()
    tail = art.tail()
    roll = rng.random()
    kind = "text"
    suffix = rng.choice((".txt", ".txt", ".txt", ".md", ""))
    if roll < 0.02:
        kind, suffix = "html", ".html"
        text = _html_page(title, body, art)
    else:
        gap = "\n\n" if rng.random() < 0.7 else "\n"  # some clippings lose the blank lines
        text = "\n".join(header) + "\n\n" + gap.join(body) + "\n\n" + "\n".join(tail) + "\n"
        if roll < 0.07:
            kind = "wrapped"
            text = "\n".join(textwrap.fill(line, 72, break_on_hyphens=False, break_long_words=False)
                              if len(line) > 72 else line for line in text.split("\n"))
        elif roll < 0.10:
            kind = "override"
            text = (f"---\ntitle: \"{title.replace(chr(34), '')} (corrected)\"\ndate: {art.date.isoformat()}\n"
                    f"companies: [{art.focus[0].name}]\n---\n") + text
    encoding = "utf-8"
    if kind == "text":
        enc_roll = rng.random()
        if enc_roll < 0.08:
            kind, text = "crlf", text.replace("\n", "\r\n")
        elif enc_roll < 0.13:
            kind, encoding = "cp1252", "cp1252"
        elif enc_roll < 0.16:
            kind, encoding = "bom", "utf-8-sig"
    data = text.encode(encoding, errors="replace")
    name = f"{index:05d}_{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    return name, data, kind


def write_corpus(folder: Path, count: int, config: Config, seed: int = 2024) -> CorpusStats:
    """Write `count` seed files into `folder` (created); deterministic for a given seed and config."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    stats = CorpusStats()
    written: list[bytes] = []
    for index in range(count):
        roll = rng.random()
        if written and roll < 0.01:  # the same article saved twice under another name
            data, kind = rng.choice(written), "duplicate"
            name = f"{index:05d}_copy.txt"
        elif count >= 100 and roll < 0.012:  # something that is not an article at all
            data, kind = b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048), "binary"
            name = f"{index:05d}_screenshot.png"
        else:
            name, data, kind = make_seed(rng, config, index)
            written.append(data)
        (folder / name).write_bytes(data)
        stats.add(kind, len(data))
    return stats
