from generator.extract.convert_html import html_to_text, visible_headline

LEDE = ("The US has revoked licences that allowed Intel and Qualcomm to sell chips to Huawei, in the latest step "
        "by Washington to restrict the Chinese telecoms company's access to American technology.")
BODY = "".join(f"<p>{LEDE} Paragraph {i} adds detail about the licences and the company's laptops.</p>"
               for i in range(6))


def page(head: str = "", header: str = "", after: str = "") -> str:
    return (f"<html><head><title>US revokes licences for Intel and Qualcomm | The Guardian</title>{head}</head>"
            f"<body><nav>Home World Business</nav><header><h1>US revokes licences for Intel and Qualcomm</h1>"
            f"{header}</header><article>{BODY}</article>{after}<footer>About us</footer></body></html>")


def test_a_dek_element_or_a_shown_description_is_the_subtitle():
    dek = "Move by commerce department comes after Chinese firm launched a laptop"
    _, hints = html_to_text(page(header=f'<p class="standfirst">{dek}</p>'))
    assert hints["subtitle"] == dek
    _, hints = html_to_text(page(head=f'<meta name="description" content="{dek}">', header=f"<div>{dek}</div>"))
    assert hints["subtitle"] == dek
    _, hints = html_to_text(page(head=f'<meta name="description" content="{dek}">'))
    assert "subtitle" not in hints  # only in the meta tags: not shown to readers


def test_a_date_only_in_the_comments_is_not_the_article_date():
    comment = '<ol class="comments"><li><time datetime="2022-11-29T08:14:22-05:00">Nov 29, 2022</time> Great</li></ol>'
    _, hints = html_to_text(page(after=comment))
    assert "date" not in hints
    _, hints = html_to_text(page(head='<meta property="article:published_time" content="2024-05-08T10:00:00Z">'))
    assert hints["date"].startswith("2024-05-08")


def test_visible_byline_is_kept_as_a_hint():
    _, hints = html_to_text(page(head='<meta name="author" content="Nadia Ferreira">',
                                 header='<p class="post__byline">By <a href="/a">Nadia Ferreira</a> and '
                                        '<a href="/b">Owen Castellano</a></p>'))
    assert hints["author"] == "Nadia Ferreira"
    assert hints["byline"] == "By Nadia Ferreira and Owen Castellano"


def test_a_saved_from_comment_is_the_address_when_the_page_names_none():
    saved = "<!DOCTYPE html>\n<!-- saved from url=(0031)https://harbour.example/a/one -->\n"
    _, hints = html_to_text(saved + page())
    assert hints["url"] == "https://harbour.example/a/one"
    _, hints = html_to_text(saved + page(head='<link rel="canonical" href="https://harbour.example/a/1">'))
    assert hints["url"] == "https://harbour.example/a/1", "the page's own canonical address wins"
    _, hints = html_to_text(page(after="<!-- saved from url=(0031)https://harbour.example/a/one -->"))
    assert "url" not in hints, "only a comment at the top of the page records where it was saved from"


def test_the_visible_h1_beats_a_search_engine_title():
    seo = "Intel and Qualcomm licences: what the move means"
    other = page().replace("US revokes licences for Intel and Qualcomm | The Guardian", seo)
    _, hints = html_to_text(other)
    assert hints["title"] == "US revokes licences for Intel and Qualcomm"


def test_a_title_holding_the_h1_is_kept_and_two_h1s_say_nothing():
    shown = "<h1>US revokes licences for Intel and Qualcomm</h1>"
    title = "US revokes licences for Intel and Qualcomm | The Guardian"
    assert visible_headline(shown, title) is None
    site = "<h1>Bureau of Industry and Security</h1>"  # the site's name, not the story's
    assert visible_headline(site, "Commerce adds 23 entities to the Entity List") is None
    seo = "Intel and Qualcomm licences: what the move means"
    listing = page(after="<h1>Most read stories on the site today</h1>").replace(
        "US revokes licences for Intel and Qualcomm | The Guardian", seo
    )
    _, hints = html_to_text(listing)
    assert hints["title"] == seo
    assert visible_headline("<h1>Guardian</h1>", seo) is None  # one word: a logo, not a headline


def test_a_time_element_above_the_lede_dates_a_page_that_shows_only_the_time():
    stamp = '<time datetime="2025-03-11T14:05:00Z">Updated 2:05 PM GMT</time>'
    _, hints = html_to_text(page(header=stamp))
    assert hints["date"] == "2025-03-11"
    _, hints = html_to_text(page(after=f"<aside>{stamp} Markets slip</aside>"))
    assert "date" not in hints  # below the article: another story's or a comment's


def test_the_header_logo_alt_is_kept_when_the_page_names_no_site():
    bare = (f'<html><head><title>US revokes licences</title></head><body><header><a href="/">'
            f'<img src="/l.png" alt="The Corran Herald"></a></header><article>{BODY}'
            f'<img src="/p.jpg" alt="A photo"></article></body></html>')
    _, hints = html_to_text(bare)
    assert hints["logo_alt"] == "The Corran Herald"
    _, hints = html_to_text(page(head='<meta property="og:site_name" content="The Guardian">'))
    assert "logo_alt" not in hints  # the page names its site


def test_a_note_apps_export_gives_the_page_address_not_the_clippers_name_and_time():
    from generator.extract.convert_html import html_to_text

    page = (
        '<html><head><meta name="exporter-version" content="Evernote Mac 7.14 (458244)"/>'
        '<meta name="author" content="k.lam.research"/>'
        '<meta name="created" content="2025-05-22 01:37:12 +0000"/>'
        '<meta name="source-url" content="https://www.harbourmail.hk/news/ferry-route-3311842"/>'
        "<title>New ferry route to link two islands | Harbour Mail</title></head><body>"
        "<h1>New ferry route to link two islands from July</h1>"
        + "<p>The transport department said the new route would run every hour from July, "
        "with the first boat leaving at six in the morning and the last one at midnight.</p>" * 3
        + "</body></html>"
    )
    _, hints = html_to_text(page)
    assert hints.get("url") == "https://www.harbourmail.hk/news/ferry-route-3311842"
    assert "author" not in hints and "date" not in hints


def test_the_lines_between_the_headline_and_the_lede_are_put_back_above_the_text():
    from metadata_text import CONFIG

    from generator.extract.ingest import decode_seed
    from generator.pipeline import process_seed

    paragraph = (
        "<p>The transport department said on Tuesday that the new route would run every hour "
        "from July, with the first boat leaving at six in the morning.</p>"
    )
    page = (
        "<html><head><title>New ferry route | Harbour Mail</title></head><body><div>"
        "<h1>New ferry route to link Tsing Yi and Mui Wo from July</h1>"
        "<div>Operator wins five-year licence, with adult fares starting at HK$18</div>"
        "<div><span>Harriet Yiu</span></div>"
        "<div><span>Published: 6:00am, 21 May 2025</span></div>"
        + paragraph * 4
        + "</div></body></html>"
    )
    a = process_seed(decode_seed("page.html", page.encode()), CONFIG)
    assert (a.author, a.date) == ("Harriet Yiu", "2025-05-21")
    assert a.blocks[0].text.startswith("The transport department said")
