"""Named heuristics for recognising page furniture and metadata lines.

They are data, not code: each entry is a compiled pattern with a name that shows up in the build
report as the reason a line was dropped. Add a pattern here, not an `if` in parse.py.
"""

from __future__ import annotations

import re

from . import linear

_I = re.IGNORECASE

MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|"
    # the months of English-language editions of Dutch, German, French, Spanish and Italian outlets
    r"januari|februari|maart|mei|juni|juli|augustus|oktober|januar|februar|märz|juni|juli|"
    r"oktober|dezember|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)"
)
MONTH = MONTH_NAME + r"\.?"
# Those month names in English, for the date parser.
FOREIGN_MONTHS = {
    "januari": "January",
    "februari": "February",
    "maart": "March",
    "mei": "May",
    "juni": "June",
    "juli": "July",
    "augustus": "August",
    "oktober": "October",
    "januar": "January",
    "februar": "February",
    "märz": "March",
    "dezember": "December",
    "janvier": "January",
    "février": "February",
    "mars": "March",
    "avril": "April",
    "mai": "May",
    "juin": "June",
    "juillet": "July",
    "août": "August",
    "septembre": "September",
    "octobre": "October",
    "novembre": "November",
    "décembre": "December",
    "enero": "January",
    "febrero": "February",
    "marzo": "March",
    "abril": "April",
    "mayo": "May",
    "junio": "June",
    "julio": "July",
    "agosto": "August",
    "septiembre": "September",
    "octubre": "October",
    "noviembre": "November",
    "diciembre": "December",
    "gennaio": "January",
    "febbraio": "February",
    "aprile": "April",
    "maggio": "May",
    "giugno": "June",
    "luglio": "July",
    "settembre": "September",
    "ottobre": "October",
    "dicembre": "December",
}
_ORD = r"(?:st|nd|rd|th)?"
# RE2 has no lookaround, so the context of a date is matched around the group `found` that is the
# date (linear.Inside): before it, the start of the text or a character that is not a letter or
# digit (a word boundary, as Python's Unicode `\b`); after it, the same, or a time the copied page
# glued to the year ("Apr 16 20185:41 PM"), which is not part of the date.
_START = r"(?:^|\W)"
_END = r"(?:\W|$|\d{1,2}:\d{2})"


def _date(shape: str, flags: int = 0, after: str = _END) -> linear.Inside:
    return linear.Inside(linear.compile(f"{_START}(?P<found>{shape}){after}", flags))


# Date shapes, most specific first; `dayfirst` says how to read an all-number date.
DATE_PATTERNS: list[tuple[str, re.Pattern | linear.Inside, bool]] = [
    # "May 22, 2019", "Sept. 13, 2020", "Dec.14 2023" (a dotted month may touch the day)
    ("month-day-year", _date(rf"{MONTH_NAME}(?:\.?\s+|\.)\d{{1,2}}{_ORD},?\s+\d{{4}}", _I), False),
    # "22 May 2019", "3. Oktober 2019", "5th of June, 2020"
    (
        "day-month-year",
        _date(rf"\d{{1,2}}(?:{_ORD}|\.)\s+(?:of\s+)?{MONTH},?\s+\d{{4}}", _I),
        True,
    ),
    # "2019-05-22", also as the start of a timestamp "2019-05-22T10:00"
    ("iso", _date(r"\d{4}-\d{1,2}-\d{1,2}", after=r"(?:\W|$|T)"), False),
    ("day-dash-month", linear.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b"), True),
    ("year-slash", linear.compile(r"\b\d{4}/\d{1,2}/\d{1,2}\b"), False),
    ("cjk", linear.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"), False),
    ("year-dot", linear.compile(r"\b\d{4}\.\d{1,2}\.\d{1,2}\b"), False),
    ("day-dot-month", linear.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"), True),
    ("us-slash", linear.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), False),
    # a two-digit year only when a time follows, as in "by Jane Doe - 09/07/22 5:26 PM ET"
    (
        "us-slash-short",
        _date(r"\d{1,2}/\d{1,2}/\d{2}", after=r"\s+\d{1,2}:\d{2}"),
        False,
    ),
]
URL_DATE = linear.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|\b)"
)
URL_DATE_COMPACT = linear.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?:/|\b|_)")

# Lines that are nothing but page furniture, wherever they stand.
FURNITURE: dict[str, re.Pattern] = {
    "advertisement": linear.compile(
        r"^(?:for immediate release|media contacts?:?.{0,60}|"
        r"sponsored message|\[?advertisement\]?|advertisements|advertising|ad|"
        r"sponsored(?: content)?|promoted|"
        r"story continues(?: below)?(?: advertisement)?|continue reading(?: below|"
        r" the main story)?|"
        r"scroll (?:down )?to continue(?: with content)?|article continues (?:below|"
        r"after (?:this )?advert(?:isement)?))"
        r"[.:]?$",
        _I,
    ),
    "navigation": linear.compile(
        r"^(?:(?:home|news|world|tech(?:nology)?|business|china|asia|politics|"
        r"opinion)\s*(?:>|»|/|›|\|)\s*.{1,80}|"
        # breadcrumbs: "Business News/ Industry/ CCTV makers scramble as ..."
        r"(?-i:(?:[A-Z][\w&'’ -]{0,30}\s?[/>»›]\s+){2,}).{1,200}|"
        r"skip to (?:main )?content|menu|search|sign in|log ?in|subscribe(?: now)?|register|"
        r"learn more|get more with \w+|a personali[sz]ed news feed of stories that matter to you|"
        r"(?:share|tweet|email|print|save|copy link|whatsapp|facebook|twitter|linkedin|reddit|x)"
        r"(?:\s*(?:\||,|·)?\s*(?:share|tweet|email|print|save|copy link|whatsapp|facebook|"
        r"twitter|linkedin|"
        r"reddit|x))*|share (?:this|on \w+|article|story|post)\b.{0,40}|"
        r"voiced by artificial intelligence\.?|follow us(?: on .{1,40})?|"
        r"listen to (?:this )?article.{0,30}|(?:.{1,40}\s[·|•]\s)?\d+ min(?:ute)?s? read|"
        r"gift this article|supported by|"
        r"print this page|reuse this content|.{1,40} logo\.?|gift (?:unlocked )?article|"
        r"give this article|save this story|pinned|"
        r"listen\s*[·(]?\s*\(?\d+(?::\d{2})?\s*(?:min(?:utes?)?)?\)?|\d+-minute listen|"
        r"read [\d,]+ comments?|"
        r"posted at \d{1,2}:\d{2}.{0,10}|reporting from [A-Z].{1,40}|heard on .{1,40}|"
        r"follow your favorite stocks|"
        r"in this article:|presented by .{1,40}|a message from .{1,40}:|about sponsored content|"
        r"\((?:soundbite|sound ?bite) of .{1,40}\)|download (?:the )?pdf(?: version)?|"
        r"text size:?.{0,20}|license this article|"
        r"get emails about this page|follow .{1,40} on google\b.{0,60}|news source:.{1,40}|"
        r"(?:leestijd|lesezeit|temps de lecture)\s*:?\s*\d+.{0,12}|flag as irrelevant|"
        r"highlights \(\d+\)|"
        r".{0,60}\bby clicking here\.?|copy/paste .{0,60}embed.{0,40}|"
        r"watch .{1,30} live on .{1,80}|"
        r".{0,40}\blisten on (?:apple podcasts|spotify|google podcasts|pocket casts)\b.{0,60}|"
        r"(?:follow )?[\w&'’-]+(?: [\w&'’-]+){0,3} on (?:linkedin|twitter|facebook|"
        r"instagram|youtube|x)|"
        r"\(\d{1,2}:\d{2}(?::\d{2})?\)\s.{1,80}|refresh (?:the|this) page.{0,40}|"
        r"please use .{1,30} browser.{0,60}|"
        r"episode \d+(?:\s*·\s*\d{1,2}:\d{2}(?::\d{2})?)?|▶ ?play|watch live|add comment|"
        # forum and aggregator rows: "412 points by x 5 hours ago | hide | past", "▲ x 5
        # hours ago | next [–]"
        r".{0,80}\b\d+ (?:seconds?|minutes?|hours?|days?|months?|years?) ago\s*\|.{0,120}|"
        r"purchase licensing rights.{0,20}|share full article|"
        r"in this article|\(?\d+ minutes?\)?|"
        r"\d{1,2}:\d{2}|video player\s*close|(?:slideshow|gallery|video|watch|listen|audio|photos?)"
        r"(?:\s*\(\d+ (?:images?|photos?)\)|\s*\d{1,2}:\d{2})?|share:.{0,80}|link copied|copy link|"
        r"keywords:?|guest authors?|authors?|print(?: print)?(?: this page)?|"
        r"newspaper headline:.{0,120}|"
        r"tagged(?: with)?:.{0,200}|\d+\s*·\s*\d+\s+comments?|\d+(?:\.\d+)?k?\s+(?:points?"
        r"|upvotes?)|"
        r"\d+% upvoted|ad feedback|paid partner content|sponsored content|link copied!?|"
        r"visit website|"
        r"upgrade to .{1,30} pro|start a conversation|meet the authors?|list of \d+ items|"
        r"font size(?: up| down)?(?:,? font size (?:up|down))?|rate story|"
        r"(?:web |executive |chief )?editor:\s*[A-Z].{0,40}|"
        r"comments to \S+@\S+|billing code [\w-]+|"
        r"[\d ,.]+[kKmM]? (?:subscribers|members|followers|views)\b.{0,60}|📌 pinned message|"
        r"published by the .{1,40}(?:institute|foundation|center|centre)|"
        r"in cooperation with .{1,40}|document details|"
        r"read the original|阅读原文.{0,40}|view in browser:?.{0,200}|"
        r"(?:\#[\w-]+(?:\s+[a-z][\w-]*)?\s*){2,}|(?:previous|next) (?:post|article|story)\b.{0,80}|"
        r"«.{0,80}|.{0,80}»|"
        r"(?:(?:home|about(?: us)?|contact(?: us)?|privacy(?: policy)?|terms(?: of use)?|"
        r"blog|news|archives?|"
        r"categories|subscribe|log ?in|sign in|search|menu|shop|advertise)\s*){3,}|"
        r"topics?:.{0,120}|tags?:.{0,200}|filed under:?.{0,120}|(?:posted |"
        r"filed )?in:.{0,80}|categor(?:y|ies):.{0,120}|"
        r"enditem/?\w*|back to top|view comments|"
        r"(?:like|comment|share|restack)(?:\s+(?:like|comment|share|restack))*)$",
        _I,
    ),
    # Two patterns, one anchored at the line's start and one for what may end or stand anywhere:
    # as one alternation their automaton had to be built afresh for most new lines (measured on
    # new synthetic lines: 14 us a line as one pattern, 7.4 us as these two).
    "photo caption": linear.FirstOf(
        linear.compile(
            r"^(?:(?i:photo|picture|image|caption|file):\s.{1,300}$|(?i:figure|fig\.|chart|"
            r"graphic|map) \d{1,2}[:.]\s.{1,200}$|"
            # gallery captions: "[1/2] An Nvidia logo ...", "Item 1 of 2 An Nvidia logo ...";
            # "(Source: Huawei)"
            r"\[\d{1,2}/\d{1,2}\]|Item \d{1,2} "
            r"of \d{1,2}\s|\((?i:source|image source)s?:[^)]{1,80}\)$|"
            # trailing credits: "[SAMSUNG ELECTRONICS]", "(Rosa Linares / Los Angeles Times)",
            # "(Sheriff's Office photo)"
            r".{10,300}\s\[[A-Z][A-Z .&'’-]{2,40}\]$|.{10,300}\s\((?:[A-Z][\w.'’-]+ ){1,3}/ "
            r"[^)]{2,60}\)$|"
            r".{10,300}\s\([^)]{1,60}\b(?i:photo|photograph|file photo)\)\.?$|"
            r".{10,250}\((?:Yonhap|Reuters|AFP|AP|Xinhua|Getty Images|EPA|Bloomberg|VCG|"
            r"Kyodo|CNA)\b[^)]{0,60}\)$)"
        ),
        linear.compile(
            r"\((?:[^()]{0,30}\s)?(?i:photo)/[^)]{2,60}\)$|"
            r"(?i:credit)(?:\.{2,}|…).{1,80}$|"
            r"\b(?i:photo|photograph|photographer|image|picture|illustration|graphic|"
            r"file photo|credit)s?\s*(?::|by\s+[A-Z])"
            r"[^.]{1,80}\.?$|\((?i:photo|image|picture|credit)s?\b[^)]{0,80}\)\.?$|"
            r"(?i:getty images|via getty images|reuters/[^.]{1,40}|ap photo[^.]{0,40}|shutterstock|"
            r"file photo|xinhua/[^.]{1,40})\.?\)?$"
        ),
    ),
    # "Last updated 12 minutes ago", "Harbour Daily · 2 hours ago": a stamp relative to when the
    # page was saved, so it dates nothing; the whole line is the stamp, never a sentence of a story
    "relative timestamp": linear.compile(
        r"^(?:(?:(?:last )?updated|published|posted|edited):?\s+|.{2,60}\s[·•|]\s)?"
        r"(?:about |an? |\d{1,3} )(?:seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago\.?$",
        _I,
    ),
    # a metered paywall's counter: "You have 2 free articles remaining this month. Subscribe ..."
    "metered paywall": linear.compile(
        r"^(?:you(?:['’]ve| have) (?:\d{1,2}|one|two|three|no) (?:more )?(?:free )?"
        r"(?:articles?|stories|gift articles?) (?:left|remaining)|"
        r"this is your (?:last|final) free (?:article|story))\b",
        _I,
    ),
    # the page asking its reader for something, never a sentence of a story: a story tip ("Got a
    # story? Email the newsroom"), a letter, a share; and the page's own disclaimers about views
    # and funding ("The views expressed are the author's own")
    "reader prompt": linear.compile(
        r"^(?:(?:do you have|have you got|got|have) a (?:news )?story(?: to share| idea)?\?|"
        r"reply to this email if you have a (?:news )?tip\b|"
        r"send us your letters?\b|letters (?:to the editor )?are welcome\b|"
        r"(?:like|liked|enjoy|enjoyed|love|loved) this (?:story|article|post|piece)\? share\b|"
        r"the views expressed(?: in (?:letters|this (?:article|post|piece|column)))? are "
        r"(?:the (?:author|writer)s?['’]s?(?: own)?|"
        r"(?:solely )?those of the (?:author|writer)s?)|"
        r"support for this (?:story|program|programme|podcast|reporting) comes from\b|"
        # and its notices about itself: a browser notice, a disclaimer label, a wire's
        # first-published credit, a magazine's print-issue offer
        r"(?:please )?(?:enable|turn on|activate) javascript\b|javascript is (?:disabled|"
        r"required|turned off)\b|"
        r"your browser (?:is out of date|is not supported|does not support)|"
        r"important information\s*:|(?:this (?:material|content|document) is )?for professional "
        r"(?:investors|clients) only\b|"
        r"this (?:report|story|article) by .{1,60} was first published\b|"
        r"buy (?:the|this|our) (?:print )?(?:issue|edition)\b)",
        _I,
    ),
    # a local site's weather strip and alert banner above everything: "41°F Kelleran | Hi 46°
    # Lo 33°", "Winter Weather Advisory in effect until 7 PM for Halden County."
    "weather strip": linear.compile(
        r"^-?\d{1,3}\s?°\s?[FC]?\b|^(?:weather|traffic) alert\s*:|"
        r"^(?:winter (?:weather|storm)|wind chill|heat|excessive heat|flood|flash flood|"
        r"coastal flood|storm|severe thunderstorm|tornado|frost|freeze|dense fog|fog|"
        r"high wind|blizzard|ice storm|air quality|red flag|hurricane|tropical storm)\s+"
        r"(?:advisory|warning|watch|alert|statement)\b",
        _I,
    ),
    # a site's banners about itself, never a headline: "An official website of the State of
    # West Carrow", a station's tagline ("Your source for local news, music and conversation"),
    # "Join our WhatsApp channel for breaking local news"
    "site banner": linear.compile(
        r"^an official (?:web ?site|page) of (?:the )?.{2,60}$|"
        r"^(?:your|the) (?:source|home|destination|place|go-to|voice) for (?:local |the latest )?"
        r"(?:news|music|sport|weather|business|community|information)\b.{0,60}$|"
        r"^(?:join|follow|subscribe to) (?:us on |our )?.{0,30}(?:whatsapp|telegram|signal|viber|"
        r"google news) (?:channel|group|community|page)?\b.{0,60}$|"
        # a newsletter's own link to itself: "View this email in your browser"
        r"^view (?:this|it|the) (?:e-?mail|newsletter|message|issue)?\s*(?:in|on) (?:your|a|the) "
        r"(?:web )?browser\b.{0,20}$|"
        # a media-monitoring report's own fields: "Client: Westmarch County Council"
        r"^(?:client|prepared for|compiled for|report for)\s*:\s.{2,80}$|"
        # a blogging platform's credit to the publication carrying the post: "Published in X"
        r"^published in (?:the )?(?-i:[A-Z])[\w&'’ .-]{1,40}$",
        _I,
    ),
    # another story flagged above or inside the article: "Trending: Storm brings down power
    # lines", "Up next: Tourist rescued ...", "Most read: ..."
    "another story label": linear.compile(
        r"^(?:trending(?: now)?|up next|next up|watch next|most read|most popular|popular now|"
        r"editor['’]?s picks?|top story|also on [\w ]{2,30}|don['’]?t miss)"
        r"\s*[:|›»-]\s*.{5,200}$",
        _I,
    ),
    # a video player's text: "Play video, "Fans queue ...", duration 0:58"
    "video player": linear.compile(
        r"^play video\b.{0,200}$|\bduration \d{1,2}:\d{2}$|^video duration\b",
        _I,
    ),
    # credits of the page's editors, never the dek: "edited by Stephanie Baum, reviewed by
    # Andrew Zell"; and a market page's data notice ("Prices delayed by at least 15 minutes")
    "editor credit": linear.compile(
        r"^(?:edited|reviewed|fact[- ]checked|copy[- ]edited)(?: and \w+)? by\b.{1,80}$", _I
    ),
    "market data notice": linear.compile(
        r"^(?:prices?|quotes?|data) (?:are |is )?delayed by (?:at least )?\d{1,2} min", _I
    ),
    # a search box's placeholder: "Search company, ticker or ISIN"
    "search box": linear.compile(
        r"^search (?:for )?[\w-]+(?: [\w-]+)?(?:, [\w-]+(?: [\w-]+)?)+,? or [\w-]+(?: [\w-]+)?$",
        _I,
    ),
    # a media-monitoring report's list of coverage: "Council to rip out 410 cameras – The
    # Carrick Courier (online)", "... – The Sherbury Herald (print, p.5)"
    "coverage entry": linear.compile(
        r"^.{10,200}\s[–—-]\s(?-i:[A-Z])[\w&'’ .-]{1,50}\s\((?:online|web|print|broadcast|"
        r"radio|tv|podcast)(?:,\s*[^()]{1,30})?\)$",
        _I,
    ),
    # a library database's subject terms: "School districts; Surveillance equipment; Security
    # systems; National security"
    "subject terms": linear.compile(
        r"^(?:(?:subjects?|keywords?|tags|topics|index terms)\s*:\s*)?"
        r"(?:(?-i:[A-Z])[\w&'’ -]{1,40}; ){2,}(?-i:[A-Z])[\w&'’ -]{1,40}$",
        _I,
    ),
    # the links a screen reader skips by, run together when copied: "Skip to navigationSkip to
    # contentSkip to footer"; and a site template's placeholder text ("Lorem ipsum dolor ...")
    "skip links": linear.compile(
        r"^(?:skip to (?:the )?(?:main )?(?:navigation|content|footer|search|menu|article)\W*){2,}",
        _I,
    ),
    "template placeholder": linear.compile(
        r"\b(?:lorem ipsum|ipsum dolor sit amet|consectetur adipiscing elit)\b", _I
    ),
    # a button of the page's chrome: "Report an error", "← Back to news", an obituary's
    # "Sign the guestbook" / "Light a candle"
    "page button": linear.compile(
        r"^(?:report an? (?:error|correction|typo)|←\s*back to [\w ]{1,30}|sign the guestbook|"
        r"guestbook(?: \(\d{1,5} entries\))?|light a candle|share a memory)$",
        _I,
    ),
    "related link": linear.compile(
        r"^(?:see(?: also)?|read(?: more| also| next)?|related|also read|recommended|more|"
        r"watch|listen|"
        r"click here|further reading|don't miss|must read|more from \w+)\s*[:>»|]\s*.+",
        _I,
    ),
    "newsletter prompt": linear.compile(
        r"(?:sign up (?:for|to)\b|subscribe to (?:our|the)\b|(?:our|free|daily|"
        r"weekly) newsletters?\b|"
        r"get (?:the|our) .{0,40}(?:delivered|in your inbox)|support (?:our|"
        r"independent) journalism|"
        r"become a (?:member|subscriber|patron)|start your free trial|to continue reading|"
        r"create a free account|subscribe for full access)",
        _I,
    ),
    # Phrases no journalist writes in a story, so they may sit in long paragraphs of boilerplate.
    "subscription notice": linear.compile(
        r"(?:enter your (?:work )?email|already (?:a member|a subscriber|have an account)|"
        r"log ?in here|"
        r"join now|read this .{1,40} for free|only available to (?:members|subscribers)|"
        # "This is premium content that requires an active X subscription to view."
        r"\b(?:premium|subscriber|members?['’]?)[ -](?:only )?content\b.{0,40}\brequires?\b|"
        r"\brequires? an? (?:active|paid|current|valid) .{1,40} subscription\b|"
        r"this (?:article|report) is part of .{1,60}(?:reports?|coverage)|"
        r"please use the sharing tools|copying articles to share with others|"
        r"this article is more than \d+ (?:years?|months?) old|why you can trust \w+|"
        r"before it['’]?s here, it['’]?s on the \w+ terminal|powered by wordpress|"
        r"^a version of this article appears in print|^appeared in the .{1,60} print edition|"
        r"(?:may|might|can) earn (?:an? )?(?:affiliate )?(?:commission|compensation)|"
        r"^our standards:|"
        r"^subscribe to\b|since you['’]?re here|we have a small favou?r to ask|"
        r"please consider supporting|"
        r"thanks for reading .{1,60}[!.] subscribe|quality journalism is more crucial than ever|"
        r"by subscribing,? you can help|^content-type:|"
        r"should be understood to be solely those of the author|"
        r"this is an unofficial announcement of commission action|(?:^|"
        r"this article )appeared in the .{1,80} "
        r"print edition|^(?:©|\(c\)|copyright\b).{0,400}all rights reserved|"
        r"^correction:|^clarification:|^editor['’]s note:|turn off your ad ?blocker|"
        r"we rely on advertising|"
        r"download (?:the|our) .{0,40}app\b|save articles to read later|"
        r"this story has been viewed \d|"
        r"comments will be moderated|our live coverage has ended|get access to exclusive|"
        r"join (?:over|more than) [\d,.]+k? .{0,40}(?:professionals|readers|subscribers)|"
        r"is a reader-supported publication|become a (?:paid )?member to support|"
        r"this document has been published in the federal register|transcripts? (?:are|"
        r"is) generated automatically|"
        r"this (?:episode|newsletter|podcast) is sponsored by|forward this email|"
        r"you (?:have )?received this email because|"
        r"^unsubscribe\b|if you would like to learn how .{1,40} can drive|"
        r"is an impartial platform|support press freedom|flagship (?:evening |morning )?newsletter|"
        r"(?:straight|right|directly|delivered) to your inbox|log in or subscribe|"
        r"subscribe to read|"
        r"subscribe now for (?:unlimited|full) access|please (?:click here|"
        r"visit our (?:blog|website))|"
        r"got a confidential news tip|^want more (?:analysis|news|coverage|reporting) from|"
        r"(?:stock quote|market|intraday) data (?:is )?provided by|"
        r"data is (?:a real-time snapshot|delayed at least)|"
        r"newsletter in your inbox|we['’]d like your feedback|"
        r"transcripts are created on a rush deadline|"
        r"opinions expressed (?:are|by) .{0,40}(?:those of|their own)|"
        r"receives (?:financial )?support from .{0,40}foundations|"
        r"for more insights like these|follow us on (?:facebook|x|twitter|"
        r"instagram)\b|^follow me on\b|"
        r"posts from this (?:topic|author) will be added to your|"
        r"available exclusively to .{1,40} subscribers|"
        r"thank you for submitting your email|discover special offers|talk to our sales team|"
        r"^this story (?:first |originally )?appeared in\b|for a reprint of this article|"
        r"support from (?:wonderful )?readers like you|becoming a (?:paying )?(?:member|"
        r"subscriber)|"
        r"please log ?in (?:in order )?to comment|save by subscribing|"
        r"available on (?:apple['’]s )?app store|"
        r"do you like the content of this article|provides? funding as (?:a )?members? of|"
        r"republish (?:our|this) articles?|published in the print edition|"
        r"^this article was translated from|"
        r"^to contact the (?:authors?|reporters?|writers?|"
        r"editors?)\b|open government licence|does not constitute legal advice|"
        r"^attorney advertising|"
        r"prior results do not guarantee|is committed to quality, independence,? and impact|"
        r"does not take institutional positions|views (?:represented|"
        r"expressed) herein are those of|"
        r"^join (?:the|our) .{1,40}communit(?:y|ies)\b|^join thought-provoking conversations|"
        r"^(?:have|got) a (?:news )?tip\?|^enjoying this (?:issue|newsletter|post|article)\?|"
        r"^sign up (?:for|to) (?:the|our) .{1,60}(?:newsletter|brief|briefing|email|digest)\b|"
        r"^for more information,? (?:please )?visit\b|(?:is|was) brought to you by\b|"
        r"^stay current on the issues that matter|delivered (?:weekly|daily|every \w+)\.?$|"
        r"do not necessarily reflect (?:the|those)|"
        r"^get .{1,60} in your inbox\b|^listen to this (?:story|"
        r"article)\b|^\(?catch all the .{1,80} (?:news|updates)\b|"
        r"market indices are shown in real time)",
        _I,
    ),
    "cookie notice": linear.compile(
        r"(?:we(?:['’]d like to| also)? (?:use|set) (?:some )?(?:\w+ )?cookies|^cookies on \S+|"
        r"cookie (?:policy|settings|preferences)|(?:accept|reject) (?:all |additional |"
        r"optional )?cookies|"
        r"^we value your privacy|we and our (?:\d{1,4} )?partners (?:store|use|process)|"
        r"manage (?:your )?(?:choices|preferences|consent)|"
        # "You can accept, reject or change your choices at any time by clicking ..."
        r"\byou can (?:accept|reject|change|manage|withdraw|review)\b.{0,60}\b(?:choices|consent|"
        r"preferences|cookies|settings)\b|"
        # the dialog's button row: "Accept all | Manage options", "Reject all · Customise"
        r"^(?:accept|reject) all\s*[|·•]\s*(?:manage|reject|accept|customi[sz]e)\b)",
        _I,
    ),
    # Market tickers in a finance site's header: "HSI 17,295.89 -0.72% HSCEI 5,912.40 -0.85%".
    # two changes in percent and no prose word; or a row of figures, "34721.91"
    "market ticker": linear.FirstOf(
        linear.Unless(
            linear.compile(r"^(?:.*[+-]\d+(?:[.,]\d+)?%){2,}"), linear.compile(r"\b[a-z]{4,}\b")
        ),
        linear.compile(
            r"^[+\-−▲▼]?[\d,]+(?:\.\d+)?%?(?:\s+[+\-−▲▼(]?[\d,]+(?:\.\d+)?%?\)?)*$"
        ),
    ),
    # A browser's print header and footer: "12/6/19, 9:41 AM Page title - Site", "https://... 1/3".
    "print header": linear.compile(
        r"^(?:\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}(?: ?[AP]M)? .{3,200}|"
        r"https?://\S+\s+\d{1,3}/\d{1,3})$"
    ),
    "comment form": linear.compile(
        r"^(?:leave a (?:comment|reply)|post (?:a )?comment|add (?:a )?comment|cancel reply|"
        r"your email address will not be published.*|required fields are marked.*|"
        r"you must be logged in to post a comment.*|notify me of .{1,60}|"
        r"save my name, email, and website.*|name\s*\*|email\s*\*|website|comment\s*\*|"
        r"(?:\d+\s+)?comments? (?:are )?closed\.?|be the first to comment\.?)$",
        _I,
    ),
    "page metadata": linear.compile(
        r"^(?:(?:date|dated)\s*:?\s+(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\w+\.? \d{1,2},? \d{4})|"
        r"permalink\s*:?\s+\S+|(?:keywords|related subjects)\s*:?\s+.+|feedback\s*:.*|"
        r"ok|got it|accept|i agree|close|bookmark|follow|\+ follow|·|\d+ followers?|"
        r"open in app|write|"
        r"(?:\d+\s*)?(?:likes?|claps?|responses?|comments?)?\s*\d+|reader comments \d+|"
        r"(?:staff writer|staff reporter|contributor|correspondent))$",
        _I,
    ),
    "email header": linear.compile(
        r"^(?:-{5,}\s*forwarded message\s*-{5,}|(?:from|to|cc|sent|date|subject):\s.{1,200})$", _I
    ),
    "contact details": linear.compile(
        r"^(?:(?:tel|phone|email|e-mail|fax)\s*:?\s*)?(?:\+?[\d() .-]{10,20}|\S+@\S+\.\w+)$", _I
    ),
    # A reporter's or editor's contact line closing wire copy: "Jane Doe in London at
    # jd@example.com"
    "contact line": linear.compile(
        r"^[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}(?:\s+in\s+[A-Z][\w .-]{1,30})?"
        r"\s+at\s+\S+@\S+\.\w+[;,.]?$"
    ),
    "site footer": linear.compile(
        r"^(?:editorial standards|©.*|\(c\)\s*\d{4}.*|copyright\s*(?:©\s*)?\d{4}.*|"
        r".*all rights reserved\.?|"
        r"terms (?:of (?:use|service)|and conditions)|privacy(?: policy| notice)?|"
        r"about us|contact us|"
        r"contact|careers|advertise with us|site ?map|accessibility|"
        r"do not sell my .{1,40}|the trust project|"
        r"corrections(?: send us news)?|send us news|#{3}|-30-|\(?end\)?|\(end\)\s.{1,40}|"
        r"-?\s*ends\s*-?|source\(s\):.{1,60}|"
        r"copyright\s*(?:\(c\)|©)\s*\d{4}.*|\(with (?:agency )?inputs?(?: from .{1,40})?\)|"
        r"(?:privacy policy|accessibility|terms of (?:use|service)|cookie policy|"
        r"contact us|site ?map)"
        r"(?:\s*[|·•]\s*(?:privacy policy|accessibility|terms of (?:use|service)|"
        r"cookie policy|contact us|site ?map))+|"
        # wire update notes: "(Updates with analyst comment in fifth paragraph.)"
        r"\((?:updates|adds|recasts|corrects|rewrites)\b.{0,120}\)|"
        # link prompts of press releases: "Read the full letter here.", "Full text of the
        # bill is available here."
        r"(?:read|view|download|see) the (?:full )?(?:letter|text|report|statement|bill|"
        r"rule|release|document)s?"
        # "(PDF)", "(PDF, 2.4 MB)": the file behind the link
        r"(?: here)?(?: \((?:pdf|\d[\d.,]* ?[km]b)[^)]{0,24}\))?\.?|"
        r"(?:the )?full text of the \w+ is available here\.?|"
        r"(?-i:SOURCE) [A-Z].{1,60}|powered by (?:wordpress|ghost|blox|substack|drupal|"
        r"wix|squarespace|arc xp|beehiiv|letterhive).{0,80}|\((?:web )?editor:.{1,60}\)|"
        # a site builder's credit: "Government Websites by CivicPlus®"
        r"(?:government |municipal |church |school )?web ?sites? (?:by|powered by) "
        r"[\w.®™ -]{2,40}|"
        # the holder before the sign, alone on its line: "Bayside Now © 2024"
        r"(?-i:[A-Z])[^©.!?]{1,60}\s(?:©|\(c\))\s*\d{4}(?:\s*[-–]\s*\d{4})?\.?)$",
        _I,
    ),
}

# A heading that opens a list of other headlines; the list runs until the body resumes.
RELATED_HEADING = linear.compile(
    r"^(?:related(?: [\w&-]+){0,4}|recommended by \w+|see also|"
    r"recent (?:reports|posts|articles|stories)|more (?:from|on|in|about) .{1,40}|more stories|"
    r"read more|read next|you (?:may|might) also like|recommended(?: for you| stories| reading)?|"
    r"most (?:popular|read|viewed)|trending(?: now| stories)?|further reading|top stories|"
    r"latest (?:news|stories|articles)|also read|what to read next|editor['’]?s picks|"
    r"[\w ]{1,20} recommends|"
    r"also worth reading|read more (?:with|from|on|at) .{1,30}|others also viewed|"
    r"more on this story|"
    r"article topics|[\w ]{1,20} stories of the day|explore more on these topics|"
    r"latest(?: [\w-]+){0,2} (?:news|stories|articles|posts)|"
    r"get our .{1,30} resources)[:.]?$",
    _I,
)

# A label over links to other stories, alone on its line: the headline under it is another
# story's ("Top stories" / "Storm warnings issued ...", "UP NEXT" / "Oil slips as ...").
TEASER_LABEL = linear.compile(
    r"^(?:top stories|top story|up next|next up|watch next|read next|trending(?: now)?|"
    r"most read|most popular|popular now|don['’]?t miss|recommended(?: for you)?|"
    r"editor['’]?s picks?|you may also like|more stories|more top stories|breaking news)[:.]?$",
    _I,
)


# A label over a list of summary points under the headline (CNBC, ABC News, Axios): the points are
# the dek.
KEY_POINTS = linear.compile(
    r"^(?:key (?:points|takeaways|facts)|highlights|in brief|at a glance|the big picture|"
    r"story highlights|what you need to know|tl;?dr|synopsis|summary|in summary)[:.]?$",
    _I,
)

COMMENTS_HEADING = linear.compile(
    r"^(?:(?:reader |user )?comments?(?:\s*\(\d+\))?|\d+(?:[.,]\d+)?k?\s+(?:comments?|"
    r"responses?|replies)|"
    r"sort by:.{0,30}|"
    r"(?:join|show|view) the (?:conversation|discussion|comments)|discussion(?:\s*\(\d+\))?|"
    r"what (?:readers|people) are saying|have your say)[:.…]*$",
    _I,
)

# Lines that end a comments section and start the page footer.
COMMENTS_END = (
    "newsletter prompt",
    "subscription notice",
    "comment form",
    "site footer",
    "cookie notice",
)

# Reprint credits naming the outlet that first ran the story: "Provided by Harbour Herald",
# "Continue reading on Midland Examiner", "This report by The Maple Press was first published ...".
REPRINT_CREDIT = linear.compile(
    r"^(?:provided by|continue reading (?:on|at)|read the (?:full|original) (?:story|article) "
    r"(?:on|at)|this (?:report|story|article) by|originally (?:published|appeared) (?:in|on|by)|"
    # "This story was originally published by X", "Republished with permission from X"
    r"this (?:report|story|article|piece) (?:was )?(?:first |originally )?(?:published|appeared) "
    r"(?:in|on|by)(?: the)?|republished (?:with permission )?(?:from|by))"
    r"\s+(?P<name>(?-i:[A-Z])[^.,;:|]{1,60}?)(?:\s+was first published\b.*|\.)?$",
    _I,
)

# Credit lines at the end of wire copy: who reported and who edited.
CREDIT_LINE = linear.compile(
    r"^[-–—\s]*\(?\s*(?:(?:additional )?reporting|writing|written|editing|edited|compiled|"
    r"research|translated|produced)"
    r"\s+by\b.*",
    _I,
)

BRACKET_BYLINE = linear.compile(r"^\(\s*by\s+(?P<names>[^)]{3,120})\)$", _I)

BYLINE = [
    # "By political reporter Nadia Kowalczyk": a role between "By" and the name.
    (
        "role-by-line",
        linear.compile(
            r"^by\s+(?:[a-z-]+\s+){0,3}(?:reporter|correspondent|editor|writer|columnist|analyst)"
            r"\s+(?P<names>(?-i:[A-Z]).+)$",
            _I,
        ),
    ),
    # The name must start with a capital: "By the end of 2019, ..." opens a sentence, not a byline.
    (
        "by-line",
        linear.compile(
            r"^(?:written |reported |authored |words |posted |story |text |hosted |compiled |"
            r"opinion |analysis |(?:match )?report |"
            r"commentary |column |review |(?:a )?guest (?:post|column|essay) |summary |recap |"
            r"notes )?by\b[:\s]*"
            r"(?P<names>(?-i:[A-Z\u00C0-\u024F\u3400-\u9fff]).+)$",
            _I,
        ),
    ),
    # "Photographs by Lena Marsh · Words by Owen Pryce", "Photographs and words by Mateo
    # Lindgren": a photo story's credits, the writer's after the photographer's
    (
        "words-credit",
        linear.compile(
            r"^(?:(?:photo(?:graph)?s|pictures|images) by [^·|•]{2,60}[·|•]\s*|"
            r"(?:photo(?:graph)?s|pictures) and )(?:words|text|story) by\s+"
            r"(?P<names>(?-i:[A-Z\u00C0-\u024F]).{2,80})$",
            _I,
        ),
    ),
    # "ByDan Childs": the byline's "By" and its linked name run together when copied. Only with
    # "By" as written and a capitalised first and last name, so "BYD Auto" and "ByteDance" stay.
    (
        "glued-by-line",
        linear.compile(r"^By(?P<names>[A-Z][a-z]+(?:[ .-][A-Z][\w'’.-]*){1,3}\b.{0,60})$"),
    ),
    # "Text: Nikos Papadakis" over "Photo: ...": the writer's credit on Nordic and German sites.
    (
        "text-label",
        linear.compile(r"^(?:text|tekst|texte)\s*:\s*(?P<names>(?-i:[A-Z\u00C0-\u024F]).+)$", _I),
    ),
    # "Words: Niamh Colter" over "Pictures: ...", "Story: Mereana Tui" over "Photo: ...": a
    # magazine's or community paper's credit block, the writer's credit first. Magazines also
    # drop the colon ("Words Fenella Crow"); "Story" without one starts sentences, so not there.
    (
        "words-label",
        linear.compile(
            r"^(?:words\s*:?|story\s*:)\s*(?P<names>(?-i:[A-Z\u00C0-\u024F])[^:]{2,60})$", _I
        ),
    ),
    # "Source: Aditya Menon, Consultant Editor": a trade site's byline, a person with a role.
    (
        "source-person",
        linear.compile(
            r"^source:\s*(?P<names>(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){1,3}),\s*"
            r"(?:[\w-]+\s+){0,3}(?:editor|reporter|writer|correspondent|contributor|analyst)s?$",
            _I,
        ),
    ),
    (
        "author-label",
        linear.compile(
            r"^(?:(?:original )?(?:authors?|author\(s\)|writer|reporter|byline)\s*[:|]?|"
            # other credit labels, only with a colon: "Correspondent Ana Moss said" is prose
            r"(?:contributors?|correspondents?|journalists?|columnists?|writers|reporters|"
            r"reported by|written by)\s*:)\s+"
            r"(?P<names>(?-i:[A-Z\u00C0-\u024F\u3400-\u9fff]).+)$",
            _I,
        ),
    ),
]
# "Jane Doe on May 5, 2021" / "Jane Doe | May 5, 2021" / "Jane Doe - 22 May 2019"
NAME_THEN_DATE = linear.compile(
    r"^(?P<names>[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|and|&|van|von|de|der|da|di|le|la|"
    r"bin|al-\w+)){1,6})"
    r"(?:\s+@\w+)?\s*(?:on|\||-|–|—|,|·|/|•)\s+(?P<rest>.+)$"
)
AUTHOR_BIO = linear.compile(
    r"^(?P<names>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}) is (?:a|an|the)\s+(?:\w+\s+){0,4}"
    r"(?:reporter|correspondent|journalist|writer|editor|contributor|columnist|analyst|"
    r"producer|fellow)\b",
    _I,
)

DATE_LINE = linear.compile(
    r"^(?:(?:first )?published|posted|updated|last updated|modified|date|dated|release date)?\s*"
    r"(?:on|at|:)?\s*",
    _I,
)
# Labelled fields of an export or a reading pack: header material like a byline.
FIELD_LINE = linear.compile(
    r"^(?:title|subtitle|headline|dek|outlet|publication|publisher|word count|added by|"
    r"clipped by|saved by)\s*:\s+\S.{0,200}$",
    _I,
)
UPDATED_WITHOUT_DATE = linear.compile(
    r"^(?:updated|published|posted|last updated)(?: on| at)?:?$", _I
)

URL_LINE = linear.compile(
    r"^(?:(?:source|url|link|permalink|originally published at|original article|via|read it at|"
    r"view in browser|saved from|clipped from|the wayback machine\s*-|"
    # labels of an export or a citation: "Source URL:", "Original link:", "Retrieved from"
    r"(?:source|original|article|story|canonical|page|web)\s+(?:url|link|address)|"
    r"link to (?:the )?(?:article|story|original)|found at|retrieved from|accessed at|"
    r"read online|shared from|canonical|from)\s*:?\s*)?"
    r"<?(?P<url>https?://[^\s<>\"]+)>?(?:\s+\d{1,3}/\d{1,3}|"
    r"\s*\((?:accessed|retrieved|viewed)\b[^)]{0,40}\))?$",
    _I,
)  # "... 1/3": a print footer; "(accessed 3 May 2024)": a citation

# Wire and agency credits in the first paragraph or a sign-off: "(Reuters) -", "BEIJING, May 5
# (Xinhua) --".
WIRE_CREDIT = linear.compile(
    r"\((?P<name>Reuters|AP|AFP|Xinhua|Bloomberg|UPI|Kyodo|Yonhap|dpa|IANS|PTI|"
    r"CNA|ANI|Sputnik|TASS)\)\s*[-–—]",
    _I,
)
PART_OF_REPORTS = linear.compile(r"part of (?P<name>[\w .&-]{2,40}?)['’]s\b", _I)
COPYRIGHT = linear.compile(
    # "All content ©", "© Copyright 2024 -", "Copyright (c) 2024": the sign and the word in any
    # order, a dash or comma before the holder
    r"^(?:all content\s+)?(?:©|\(c\)|copyright)\s*(?:(?:©|\(c\)|copyright)\s*)?"
    r"(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?:[,–—-]\s*)?(?:by\s+(?:the\s+)?)?"
    r"(?P<name>[^.|]+?)\s*(?:[.|].*)?$",
    _I,
)  # the name ends at the first . or |
SOURCE_LINE = linear.compile(
    r"^(?:source|from|via|outlet|publication|publisher|originally published (?:in|by|on)|"
    # a library database's record: "Publication info: The Brazos Ledger; Cedar Bluff, Tex."
    r"publication (?:info|title|name)|source title)\s*:\s*"
    r"(?P<name>[^,|/(;]{2,60})",
    _I,
)
# A print plugin's footer: "Article printed from The Strategist: https://www.aspistrategist.org.au".
PRINTED_FROM = linear.compile(r"^article printed from (?P<name>[^:]{2,60}):", _I)
# "Write to Nora Whitfield at nora.whitfield@wsj.com and Caleb Ng at caleb.ng@wsj.com"
WRITE_TO = linear.compile(
    r"^(?:write to|contact the (?:authors?|reporters?|writers?)(?: at)?:?|"
    r"email the (?:authors?|reporters?):?)\s+(?P<names>[A-Z].{2,200})$",
    _I,
)

# Words that mark the end of a person's name in a byline: roles and places.
ROLE_WORDS = linear.compile(
    r"\b(?:contributor|contributing|correspondent|reporter|writer|editor|columnist|staff|"
    r"senior|chief|"
    # a think tank's or a campus's titles after the name: "Claire Huang, Program Coordinator"
    r"(?:research |programme |program |senior |visiting )?(?:fellow|associate|coordinator|"
    r"director|researcher|professor|lecturer|intern)|"
    r"bureau|analyst|producer|journalist|in (?:beijing|shanghai|washington|hong kong|"
    r"taipei|tokyo|london|"
    r"new york|san francisco|brussels|shenzhen|singapore|seoul)|for\b|at\b|special to)\b.*$",
    _I,
)

# An office holder under a committee's or ministry's masthead ("Chairman Dale Hutchins") is site
# chrome, not the author of the page.
OFFICE_TITLE = linear.compile(
    r"^(?:chair(?:man|woman|person)?|ranking member|senator|sen\.|rep\.|representative|"
    r"congress(?:man|woman)|"
    r"secretary|minister|governor|mayor|president|vice president|commissioner|ambassador|"
    r"spokes(?:man|woman|person))\s",
    _I,
)

# Companies that own many mastheads: their name in a copyright line says nothing about which one
# published the page ("© 2022 Vox Media, LLC" is at the foot of The Verge, Vox and Polygon alike).
PARENT_COMPANY = linear.compile(
    r"\b(?:vox media|cond[ée] nast|hearst(?: communications)?|gannett|lee enterprises|"
    r"tribune (?:publishing|content agency)|"
    r"future (?:us|plc)|informa|questex|idg(?: communications)?|foundry|emerald x|"
    r"axel springer|news corp|nexstar(?: media)?|"
    r"dotdash meredith|advance (?:local|publications)|mcclatchy|penske media|ziff davis|"
    r"red ventures|"
    r"united publications|messe frankfurt|sinclair broadcast(?: group)?|portfolio media|"
    r"notting hill media|"
    r"sph media|nation media group|graham media group|tegna|scripps)\b",
    _I,
)

# A role line under an author's name in a firm's or institute's author block.
CREDENTIAL = linear.compile(
    r"^(?:partner|counsel|of counsel|(?:senior )?associate|(?:managing )?director|principal|"
    r"(?:assistant |associate )?professor|(?:senior |visiting |non-resident )?fellow|researcher|"
    r"attorney|lawyer|solicitor|barrister|economist|scholar)\b",
    _I,
)

# Units with these many asterisk-blocked tokens are redacted paywall text.
REDACTED_TOKEN = linear.compile(r"^[^\w]*\*{2,}[^\w]*$|^\*+[^\s*]{0,3}\*+$")

# A line that is only a site's address ("SecurityInfoWatch.com"): a masthead, not a headline.
DOMAIN_LINE = linear.compile(
    r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|co|io|cn|uk|news|info|biz)(?:\.\w{2})?$", _I
)

# A bullet or a list number opening a line: "• ", "– ", "3) ".
BULLET = linear.compile(r"^\s*(?:[•·▪◦‣∙●■–—*-]|\d{1,2}[.)])\s+")
# What separates the entries of a menu row: "World | Business · Tech / Markets".
MENU_SEPARATOR = linear.compile(r"\s[|·•/]\s")
# A time of day or a time zone, which a date line may carry besides its date: "5:41 PM EDT".
TIME_OF_DAY = linear.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:[A-Z]{2,4}T|ET|GMT|UTC)\b", _I
)
# One word of a bare name byline ("Lydia Shaw").
NAME_WORD = linear.compile(r"^[A-Z][a-z'’-]+$")
# Where one sentence ends and the next begins (counted, so the capital is matched, not looked at).
SENTENCE_BREAK = linear.compile(r"[.!?][”’\"')]?\s+[A-Z“‘\"']")
