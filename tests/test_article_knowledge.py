"""generator.site.article_knowledge: people, passing mentions and topic evidence on article pages."""
from __future__ import annotations

from generator.config import parse_config
from generator.records import Article, Block, Person, TopicEvidence
from generator.site.article_knowledge import knowledge_context
from generator.site.render import render_article

CONFIG = parse_config({"site": {"title": "T"}, "companies": [{"name": "Huawei"}, {"name": "Baidu"}],
                       "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["x"]}]})
ARTICLE = Article(seed="s.txt", seed_sha256="0" * 64, slug="s", title="T", blocks=(Block("p", "Text."),),
                  companies=("Huawei",), passing_companies=("Baidu",), topics=("entity-list",),
                  people=(Person("Liu Guohong", "director at <b>Institute</b>"),),
                  topic_evidence=(TopicEvidence("entity-list", 5.0, (("Entity List", 1), ("blacklist", 1))),))


def test_context_escapes_roles_and_links_passing_companies():
    context = knowledge_context(ARTICLE, CONFIG, "articles/s.md")
    assert context["people"] == ["Liu Guohong, director at &lt;b&gt;Institute&lt;/b&gt;"]
    assert context["passing_links"] == "[Baidu](../companies/baidu.md)"
    assert context["topic_why"] == [{"title": "Entity List", "score": "5", "phrases": "Entity List ×1, blacklist ×1"}]


def test_article_page_shows_them():
    text = render_article(ARTICLE, CONFIG).text
    assert "**Named in passing:** [Baidu](../companies/baidu.md)" in text
    assert '??? note "Why these topics"\n    - Entity List (score 5): Entity List ×1, blacklist ×1' in text
    assert '!!! info "People in this article"\n    - Liu Guohong, director at &lt;b&gt;Institute&lt;/b&gt;' in text
    assert "companies_in_passing:\n- Baidu" in text
