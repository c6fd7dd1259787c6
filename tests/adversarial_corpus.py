"""An adversarial corpus, invented here, one case per way an attacker (or bad luck) abuses a seed.

Each case is a seed file with the sentences of its body that must survive: on the page, or in
the dropped-lines list. Classes: `regex` (inputs shaped after each pattern's structure to make a
backtracking engine slow), `yaml` (front-matter that expands or builds objects), `address`
(clashes and hijacks), `lost` (markup merely mentioned), `spoof` (bidirectional and invisible
controls, odd file names) and `inject` (markup in every field). Big inputs are generated, never
committed.
"""

from __future__ import annotations

from dataclasses import dataclass

SENTENCES = (
    "The Commerce Department added the camera maker to its export blacklist on a quiet Tuesday morning.",
    "Officials in the capital said the listing would stop American suppliers from selling chips to it.",
    "The company said in a statement that it would keep serving customers while it studied the rules.",
    "Analysts expected the decision to weigh on the shares of suppliers that depend on the business.",
)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    kind: str
    keep: tuple[str, ...] = SENTENCES
    """Sentences that must be on the page or in the dropped lines; () for a seed that is refused."""


_SERIAL = iter(range(1, 1_000_000))


def _unique() -> str:
    """A closing line that makes each case's text its own: identical texts would be merged into one page."""
    return f"This is report number {next(_SERIAL)} in the invented corpus."


def body(*extra: str, title: str = "Camera Maker Faces New Export Blacklist") -> str:
    """A plain article with the four sentences and `extra` paragraphs between them."""
    paras = [SENTENCES[0], SENTENCES[1], *extra, SENTENCES[2], SENTENCES[3], _unique()]
    return f"{title}\n\nBy Dana Whitfield\nMarch 3, 2021\n\n" + "\n\n".join(paras) + "\n"


def page(*inner: str, title: str = "Camera Maker Faces New Export Blacklist") -> str:
    """A saved web page with the four sentences as paragraphs and `inner` markup between them."""
    ps = [f"<p>{s}</p>" for s in SENTENCES]
    middle = "\n".join(inner)
    return (
        f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><article>"
        f'<h1>{title}</h1><p class="byline">By Dana Whitfield</p>{ps[0]}{ps[1]}\n{middle}\n'
        f"{ps[2]}{ps[3]}<p>{_unique()}</p></article></body></html>\n"
    )


def front(block: str, text: str) -> str:
    return f"---\n{block}\n---\n{text}"


def _cases_regex() -> list[Case]:
    shares = ["share", "tweet", "email", "print", "facebook", "linkedin", "reddit", "whatsapp"]
    line = lambda words, sep: sep.join(shares[i % len(shares)] for i in range(words))
    cases = [
        ("share-row-25-words-unfinished.txt", body(line(25, " ") + " now")),
        ("share-row-40-words-double-spaces.txt", body(line(40, "  ") + " okay")),
        ("share-row-pipes-unfinished.txt", body(line(30, " | ") + " |x")),
        ("share-row-dots-unfinished.txt", body(line(30, " · ") + " ·")),
        ("share-rows-30-lines.txt", body(*[line(25, " ") + " now"] * 30)),
        (
            "like-comment-row.txt",
            body(" ".join(["like", "comment", "share", "restack"] * 10) + " yes"),
        ),
        ("breadcrumb-long.txt", body(" / ".join(["News"] * 2000) + " /")),
        ("breadcrumb-caps.txt", body("".join(f"Section{i} / " for i in range(3000)))),
        ("hashtags.txt", body(" ".join(f"#tag{i} word" for i in range(3000)) + " ?")),
        ("guillemets.txt", body("«" * 50_000)),
        ("menu-words.txt", body(" ".join(["home", "about", "contact", "blog"] * 3000) + " 1")),
        ("ticker-percent.txt", body(" ".join("+1.5%" for _ in range(20_000)) + " tail")),
        ("figures-row.txt", body(" ".join("1,234.5" for _ in range(20_000)) + " x")),
        ("copyright-dots.txt", body("© 2021 " + "A." * 50_000)),
        (
            "byline-many-names.txt",
            body(SENTENCES[0]).replace("By Dana Whitfield", "By " + ", ".join(["Ann Lee"] * 3000)),
        ),
        ("dates-glued.txt", body(" ".join("Jan 5, 20215:41" for _ in range(5000)))),
        ("spaces-run.txt", body("Jan 5" + " " * 200_000 + "x")),
        ("photo-credit-run.txt", body("Photo: " + "credit " * 20_000)),
        ("caption-brackets.txt", body("(" * 50_000 + "photo")),
        ("tagged-run.txt", body("Tagged: " + ", ".join(["chips"] * 20_000))),
        ("short-lines-20k.txt", body(*["word line here"] * 20_000)),
        ("one-line-prose-300k.txt", body(" ".join([SENTENCES[1]] * 3000))),
        (
            "md-brackets.md",
            front(
                "title: Brackets",
                "# Head\n\n**bold** text\n\n"
                + "[" * 200_000
                + "\n\n"
                + "\n\n".join(SENTENCES)
                + "\n",
            ),
        ),
        (
            "md-emphasis.md",
            front(
                "title: Emphasis",
                "# Head\n\n**bold**\n\n" + "*a " * 30_000 + "\n\n" + "\n\n".join(SENTENCES) + "\n",
            ),
        ),
        (
            "md-underscores.md",
            front(
                "title: Underscores",
                "# Head\n\n**bold**\n\n" + "_a " * 30_000 + "\n\n" + "\n\n".join(SENTENCES) + "\n",
            ),
        ),
        (
            "md-link-parens.md",
            front(
                "title: Parens",
                "# Head\n\n**bold**\n\n[x]("
                + "(" * 100_000
                + "\n\n"
                + "\n\n".join(SENTENCES)
                + "\n",
            ),
        ),
        (
            "md-code-ticks.md",
            front(
                "title: Ticks",
                "# Head\n\n**bold**\n\n" + "`" * 100_001 + "\n\n" + "\n\n".join(SENTENCES) + "\n",
            ),
        ),
        ("html-unclosed-bylines-deep.html", page('<div class="byline">' * 40_000)),
        ("html-unclosed-bylines.html", page('<p class="byline">' * 40_000)),
        ("html-unclosed-deks.html", page('<div class="dek">' * 30_000)),
        ("html-open-angles.html", page("<" * 100_000)),
        ("html-long-class.html", page('<div class="' + "sub " * 50_000 + '">x</div>')),
    ]
    # An unclosed <script> or <style> makes the rest of the page its code: a browser shows only what
    # comes before it, and so does the site.
    before = SENTENCES[:2]
    unclosed = [
        ("html-unclosed-scripts.html", page("<script>" * 60_000)),
        ("html-unclosed-styles.html", page("<style>" * 30_000)),
    ]
    return [Case(name, text.encode(), "regex") for name, text in cases] + [
        Case(name, text.encode(), "regex", before) for name, text in unclosed
    ]


def _cases_yaml() -> list[Case]:
    levels = ["l0: &l0 [a, a, a, a, a, a, a, a, a, a]"]
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    bomb = "\n".join(levels)
    cases = [
        ("yaml-bomb-companies.txt", front(bomb + "\ncompanies: *l9", body())),
        ("yaml-bomb-author.txt", front(bomb + "\nauthor: *l6", body())),
        ("yaml-bomb-title.txt", front(bomb + "\ntitle: *l3", body())),
        ("yaml-alias-simple.txt", front("x: &x Some Title\ntitle: *x", body())),
        ("yaml-merge-key.txt", front("base: &b {title: T}\n<<: *b", body())),
        (
            "yaml-python-object.txt",
            front("title: !!python/object/apply:os.system ['true']", body()),
        ),
        ("yaml-custom-tag.txt", front("title: !custom thing", body())),
        ("yaml-binary-tag.txt", front("title: !!binary aGVsbG8=", body())),
        ("yaml-set-tag.txt", front("companies: !!set {Huawei: null}", body())),
        ("yaml-str-tag.txt", front("title: !!str 42", body())),
        ("yaml-deep-nesting.txt", front("title: " + "[" * 3000 + "]" * 3000, body())),
        ("yaml-many-keys.txt", front("\n".join(f"k{i}: v" for i in range(2000)), body())),
        ("yaml-long-scalar.txt", front("title: " + "x" * 19_000, body())),
        (
            "yaml-clipper-bomb.md",
            front(
                "source: https://example.com/a\n" + bomb + "\nauthor: *l5",
                "# Head\n\n**bold**\n\n" + "\n\n".join(SENTENCES) + "\n",
            ),
        ),
        (
            "yaml-clipper-tag.md",
            front(
                "source: https://example.com/a\ntitle: !!python/name:os.system",
                "# Head\n\n**bold**\n\n" + "\n\n".join(SENTENCES) + "\n",
            ),
        ),
        (
            "yaml-meta-huge.html",
            page().replace(
                "<head>", '<head><meta name="author" content="' + "Dana " * 50_000 + '">'
            ),
        ),
        (
            "yaml-meta-jsonld.html",
            page().replace(
                "<head>",
                '<head><script type="application/ld+json">'
                + '{"author": '
                + "[" * 5000
                + "]" * 5000
                + "}</script>",
            ),
        ),
    ]
    return [Case(name, text.encode(), "yaml") for name, text in cases]


def _cases_address() -> list[Case]:
    victim = body(title="Huawei Ban Lifted After Long Review")
    cases = [
        ("address-victim.txt", victim),
        (
            "0-address-duplicate-with-front-matter.txt",
            front("title: Hijacked Page\nurl: https://evil.example/x", victim),
        ),
        ("0-address-duplicate-plain.txt", victim),
        (
            "address-same-headline-1.txt",
            body(
                "A different paragraph one for the clash test here.",
                title="Huawei Ban Lifted After Long Review",
            ),
        ),
        (
            "address-same-headline-2.txt",
            body(
                "A different paragraph two for the clash test here.",
                title="Huawei Ban Lifted After Long Review",
            ),
        ),
        (
            "address-slug-index.txt",
            front("slug: index", body("Paragraph for the index slug case.")),
        ),
        (
            "address-slug-traversal.txt",
            front("slug: ../../../etc/passwd", body("Paragraph for traversal.")),
        ),
        (
            "address-slug-report.txt",
            front("slug: report", body("Paragraph for the report slug case.")),
        ),
        (
            "address-slug-empty.txt",
            front("slug: '!!!'", body("Paragraph for the empty slug case.")),
        ),
        (
            "address-slug-long.txt",
            front("slug: " + "a" * 500, body("Paragraph for the long slug case.")),
        ),
    ]
    return [Case(name, text.encode(), "address") for name, text in cases]


def _cases_lost() -> list[Case]:
    prose = (
        "A web developer explained that a <div> element with an onmouseover handler and a <p> tag "
        "inside <html> and <body> can carry a script."
    )
    md = "# Camera Maker Faces New Export Blacklist\n\n**By Dana Whitfield**\n\n"
    cases = [
        ("lost-prose-mentions-tags.txt", body(prose)),
        ("lost-prose-starts-with-tag.txt", "<div> is an element.\n\n" + body(prose)),
        ("lost-prose-many-tags.txt", body(" ".join(["<p> <div> <span> </p>"] * 50) + " end.")),
        (
            "lost-md-inline-html.md",
            md
            + "\n\n".join(SENTENCES[:2])
            + "\n\nA line with <b>bold</b> HTML in it.\n\n"
            + "\n\n".join(SENTENCES[2:])
            + "\n",
        ),
        (
            "lost-md-html-block.md",
            md
            + '<div class="note">\n<p>A note in an HTML block.</p>\n</div>\n\n'
            + "\n\n".join(SENTENCES)
            + "\n",
        ),
        (
            "lost-md-html-table.md",
            md + "<table><tr><td>cell</td></tr></table>\n\n" + "\n\n".join(SENTENCES) + "\n",
        ),
        (
            "lost-md-doctype-in-code.md",
            md + "`<!DOCTYPE html>` starts a page.\n\n" + "\n\n".join(SENTENCES) + "\n",
        ),
        (
            "lost-md-front-matter-html.md",
            front(
                "title: Camera Maker Faces New Export Blacklist",
                "<div>\n\n" + "\n\n".join(SENTENCES) + "\n",
            ),
        ),
        (
            "lost-html-embed.html",
            page('<embed src="movie.swf" type="application/x-shockwave-flash">'),
        ),
        ("lost-html-embed-many.html", page(*['<embed src="a.swf">'] * 20)),
        ("lost-html-param.html", page('<object data="x"><param name="a" value="b"></object>')),
        ("lost-html-source.html", page('<video><source src="a.mp4"></video>')),
        ("lost-html-iframe-unclosed.html", page('<iframe src="https://example.com/player">')),
        ("lost-html-unknown-element.html", page("<fancy-widget data-x=1>")),
        ("lost-html-unknown-void.html", page("<spacer type=block>")),
        ("lost-html-wbr.html", page("<wbr>")),
        ("lost-html-track.html", page('<audio><track src="a.vtt"></audio>')),
        (
            "lost-html-area.html",
            page('<map name="m"><area shape="rect" coords="0,0,1,1" href="#"></map>'),
        ),
        ("lost-html-keygen.html", page("<keygen name=k>")),
        ("lost-html-applet.html", page('<applet code="a.class">')),
        (
            "lost-html-comment-start.html",
            "<!-- saved from url=(0040)https://example.com/ -->\n" + page(),
        ),
        ("lost-html-xml-decl.html", '<?xml version="1.0" encoding="utf-8"?>\n' + page()),
        ("lost-text-html-suffix.html", body(prose)),
        (
            "lost-text-with-closing-tags.txt",
            body("</p></div></body></html> were typed here by mistake."),
        ),
        ("lost-text-cdata.txt", body("<![CDATA[ some data ]]> sits in the text.")),
    ]
    return [Case(name, text.encode(), "lost") for name, text in cases]


def _cases_spoof() -> list[Case]:
    rlo, pdf, lri, pdi = "\u202e", "\u202c", "\u2066", "\u2069"
    cases = [
        ("spoof-title-rlo.txt", body(title=f"Huawei Ban {rlo}exe.gnp{pdf} Lifted")),
        ("spoof-title-isolate.txt", body(title=f"Huawei {lri}Ban{pdi} Lifted Again")),
        ("spoof-title-lro.txt", body(title="Huawei \u202dBan\u202c Lifted Once More")),
        ("spoof-title-embedding.txt", body(title="Huawei \u202aBan\u202b Lifted Twice")),
        ("spoof-company-rlo.txt", front(f"companies: [Hua{rlo}wei]", body())),
        ("spoof-author-rlo.txt", front(f"author: Dana {rlo}Whitfield", body())),
        ("spoof-front-title-rlo.txt", front(f"title: Huawei {rlo}nab{pdf} Story", body())),
        (f"spoof-name-{rlo}txt.exe.txt", body(title="A Seed With A Reversed File Name")),
        (f"spoof-name-{lri}isolate{pdi}.txt", body(title="A Seed With An Isolate In Its Name")),
        ("spoof-name-`code`.txt", body(title="A Seed With Backticks In Its Name")),
        ("spoof-name-*stars*_under_.txt", body(title="A Seed With Emphasis Marks In Its Name")),
        ("spoof-name-<b>bold<\\b>.txt", body(title="A Seed With A Tag In Its Name")),
        ("spoof-zero-width-title.txt", body(title="Hua\u200bwei Ban\u200d Lifted\u2060 Quietly")),
        ("spoof-html-title-rlo.html", page(title=f"Huawei Ban {rlo}exe.gnp{pdf} Lifted Page")),
        ("spoof-soft-hyphen.txt", body(title="Hua\u00adwei Ban Lifted With A Soft Hyphen")),
    ]
    return [Case(name, text.encode(), "spoof") for name, text in cases]


def _cases_inject() -> list[Case]:
    cases = [
        ("inject-title-script.txt", body(title="<script>alert(1)</script> Camera Maker Story")),
        ("inject-title-img.txt", body(title="<img src=x onerror=alert(1)> Camera Maker Story")),
        ("inject-body-svg.txt", body("An <svg onload=alert(2)> was typed into the text here.")),
        (
            "inject-body-link.txt",
            body("A [link](javascript:alert(3)) was typed into the text here."),
        ),
        ("inject-front-subtitle.txt", front("subtitle: '<b onclick=alert(4)>sub</b>'", body())),
        (
            "inject-front-summary.txt",
            front("summary: '<script>alert(5)</script> a summary'", body()),
        ),
        (
            "inject-front-url.txt",
            front("url: 'https://example.com/\" onmouseover=\"alert(6)'", body()),
        ),
        (
            "inject-jinja.txt",
            body("The template {{ config.site_name }} and {% include 'x' %} appear here."),
        ),
        ("inject-attr-list.txt", body('## Heading {#id onclick="alert(7)"}')),
        (
            "inject-html-page-script.html",
            page("<script>alert(8)</script><img src=x onerror=alert(9)>"),
        ),
        (
            "inject-md-raw-html.md",
            "# Camera Maker Faces New Export Blacklist\n\n**By Dana Whitfield**\n\n"
            + "\n\n".join(SENTENCES)
            + "\n\n<script>alert(10)</script>\n",
        ),
    ]
    return [Case(name, text.encode(), "inject") for name, text in cases]


def cases() -> list[Case]:
    every = [
        *_cases_regex(),
        *_cases_yaml(),
        *_cases_address(),
        *_cases_lost(),
        *_cases_spoof(),
        *_cases_inject(),
    ]
    assert len({c.name for c in every}) == len(every), "two cases with one name"
    return every
