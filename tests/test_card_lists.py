"""Which list templates may be put together from kept cards, and how the cards are found and replaced."""

from __future__ import annotations

from array import array

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader, UndefinedError

from build_cache.card_lists import Slots, card_loop, find_cards, splice
from directory_site.site_pages import CARD_LISTS as LISTS
from support import ROOT

MACROS = '{% macro card(item, extra=1) %}<b>{{ item }}</b>{% endmacro %}'
BASE = "<html>{% block content %}{% endblock %}</html>"


def environment(page: str, **templates: str) -> Environment:
    return Environment(loader=DictLoader({"m.html": MACROS, "base.html": BASE, "page.html": page, **templates}),
                       autoescape=True, extensions=["jinja2.ext.i18n"])


GOOD = ('{% extends "base.html" %}{% from "m.html" import card %}{% block content %}'
        '{% if listed %}<ul>{% for v in listed %}<li>{{ card(v, extra=x) }}</li>{% endfor %}</ul>{% endif %}'
        '{{ listed|length }}{% endblock %}')


def test_a_loop_of_one_imported_macro_call_is_a_card_loop():
    env = environment(GOOD)
    loop = card_loop(env, "page.html", LISTS)
    assert loop is not None
    assert (loop.list_name, loop.macro_template, loop.macro, loop.before, loop.after) == \
        ("listed", "m.html", "card", "<li>", "</li>")
    assert loop.free == ("x",)
    assert loop.simple is not None
    assert loop.arguments(env, {"listed": ["a", "b"], "x": 7}) == [(("a",), {"extra": 7}), (("b",), {"extra": 7})]


@pytest.mark.parametrize("call", ["card(v.name, extra=x['k'])", "card(v.name|upper, extra=x['k'])"],
                         ids=["simple", "collector"])
def test_card_arguments_are_what_jinja_passes(call):
    """Simple arguments are evaluated directly, others by a template; both as Jinja does, and a
    name the page does not have is Jinja's undefined."""
    env = environment(GOOD.replace("card(v, extra=x)", call))
    loop = card_loop(env, "page.html", LISTS)
    assert (loop.simple is not None) == (call == "card(v.name, extra=x['k'])")
    context = {"listed": [{"name": "a"}, {"name": "b"}], "x": {"k": 7}}
    found = loop.arguments(env, context)
    upper = call != "card(v.name, extra=x['k'])"
    assert found == [(("A" if upper else "a",), {"extra": 7}), (("B" if upper else "b",), {"extra": 7})]
    missing = loop.arguments(env, {"listed": [{}], "x": {}})  # no name, no key
    assert missing[0][0][0] == "" if upper else type(missing[0][0][0]).__name__ == "Undefined"
    assert type(missing[0][1]["extra"]).__name__ == "Undefined"
    with pytest.raises(UndefinedError):  # as rendering the page would
        loop.arguments(env, {"listed": [{}]})


def test_the_themes_list_pages_are_card_loops():
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True,
                      extensions=["jinja2.ext.i18n"])
    assert card_loop(env, "vacancies.html", LISTS).list_name == "listed"
    assert card_loop(env, "company.html", LISTS).list_name == "open_vacancies"
    assert card_loop(env, "company_poster.html", LISTS).list_name == "poster_vacancies"
    assert card_loop(env, "vacancy.html", LISTS) is None  # no list


@pytest.mark.parametrize("page", [
    GOOD.replace("{{ listed|length }}", "{{ listed[0] }}"),  # an item read outside the loop
    GOOD.replace("{{ listed|length }}", "{{ listed|first }}"),
    GOOD.replace("{% block content %}", "{% block content %}{% set listed = [1] %}"),  # bound by the template
    GOOD.replace("</li>{% endfor %}", "</li>{{ v }}{% endfor %}"),  # more output in the loop
    GOOD.replace("card(v, extra=x)", "card(v, extra=loop.index)"),  # the card depends on its place
    GOOD.replace("card(v, extra=x)", "card(v, extra=heading)").replace("{% block content %}",
                                                                        "{% block content %}{% set heading = 1 %}"),
    GOOD.replace("{% if listed %}", "{% filter upper %}").replace("{% endif %}", "{% endfilter %}"),
    GOOD.replace("{% if listed %}", "{% for y in [1] %}").replace("{% endif %}", "{% endfor %}"),
    GOOD.replace("{% endblock %}", "{% endblock %}{% block other %}{{ self.content()|upper }}{% endblock %}"),
    GOOD.replace('{% from "m.html" import card %}', '{% macro card(v, extra) %}{{ v }}{% endmacro %}'),
    GOOD.replace("{% for v in listed %}", "{% for v in listed if v %}"),
    GOOD.replace("</li>{% endfor %}", "</li>{% else %}none{% endfor %}"),
    GOOD.replace("{% if listed %}", "{% autoescape false %}").replace("{% endif %}", "{% endautoescape %}"),
    GOOD.replace("{{ listed|length }}", "{% for w in listed %}{{ card(w) }}{% endfor %}"),  # two loops
], ids=["item-read", "first-filter", "list-bound", "more-output", "loop-index", "bound-argument",
        "filter-block", "outer-loop", "block-reused", "own-macro", "loop-test", "loop-else", "autoescape", "two-loops"])
def test_a_list_read_any_other_way_is_no_card_loop(page):
    assert card_loop(environment(page), "page.html", LISTS) is None


def test_a_list_read_by_the_parent_template_is_no_card_loop():
    env = environment(GOOD, **{"base.html": "<html>{% block content %}{% endblock %}{{ listed|join }}</html>"})
    assert card_loop(env, "page.html", LISTS) is None


def test_cards_are_found_only_where_they_stand_once():
    page = b"<ul><li>a</li><li>b</li></ul>"
    assert list(find_cards(page, [b"<li>a</li>", b"<li>b</li>"])) == [4, 14, 24]
    assert find_cards(page, [b"<li>b</li>", b"<li>a</li>"]) is None  # not in this order
    assert find_cards(b"<li>a</li>" + page, [b"<li>a</li>"]) is None  # twice
    assert find_cards(page, []) is None


def test_splice_makes_only_the_changed_cards_again():
    page = b"<ul><li>a</li><li>b</li><li>c</li></ul>"
    slots = Slots(b"shell", find_cards(page, [b"<li>a</li>", b"<li>b</li>", b"<li>c</li>"]), (b"1", b"2", b"3"))
    made = []

    def card(number: int) -> bytes:
        made.append(number)
        return b"<li>bee</li>"

    data, offsets = splice(page, slots, (b"1", b"2x", b"3"), card)
    assert data == b"<ul><li>a</li><li>bee</li><li>c</li></ul>" and made == [1]
    assert offsets == array("Q", [4, 14, 26, 36])
    assert find_cards(data, [b"<li>a</li>", b"<li>bee</li>", b"<li>c</li>"]) == offsets
