"""List pages put together from the last build's cards, when only some of their cards changed.

A list page (the vacancies of a filter, a company's open vacancies) is a *shell* (heading,
filters, pagination, the whole ``base.html``) around one *card* per item of its list, each made
by one pure macro (``directory_site.language_templates``: its output depends on its arguments
and the language's constants only). A nightly feed run changes a few vacancies, and every list
that shows one of them would otherwise be rendered in full again. Instead, when

- the shell's fingerprint (``PageInputs.shell``: every input of the page, with the list counted
  by its length only) is the one the last build recorded for the file, and
- the file is still what that build wrote (size and digest), with as many cards,

the page is the last build's bytes with the cards whose fingerprint (the macro and the values of
its arguments) changed made again by the macro, and the others kept as they are.

That this gives the bytes a full render gives is decided from the template's syntax tree
(``card_loop``), never guessed: the template family reads the list nowhere but in one
``{% for item in list %}`` whose body writes nothing but one call of an imported pure macro
(and constant text), and in ``{% if list %}`` and ``list|length``; the loop stands in the page's
own template, inside blocks and ``{% if %}`` only (no filter block, no other loop or macro around
it, the block never reused through ``self``); the loop's arguments read the item and names no
template binds. Then everything around the cards depends on the shell's inputs only, and the
cards stand one after the other. Where the bytes of the cards are, is found in a full render:
the concatenation of the cards the macro makes, which must occur in the page exactly once
(``find_cards``); if not, the page is simply rendered in full in every build.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from jinja2 import Environment, nodes
from markupsafe import escape

from .fingerprints import Fingerprints, Unfingerprintable, digest
from .outputs import OutputFiles
from .templates import PageInputs

# What a template may do with its list besides the loop: test it and count it.
_COUNTING_FILTERS = frozenset({"length", "count"})
_RESERVED = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs"})
_MEMOS: WeakKeyDictionary = WeakKeyDictionary()  # Fingerprints of a build -> CardPages.memo
_COLLECT = "card_arguments__"
_ITEM = "card_item__"


@dataclass
class Slots:
    """Where the cards of a list page are in its file: ``offsets[i]`` is where card ``i`` starts,
    ``offsets[-1]`` where the last ends; ``prints`` the cards' fingerprints; ``shell`` the shell's."""

    shell: bytes
    offsets: array
    prints: tuple


def find_cards(data: bytes, cards: Sequence[bytes]) -> array | None:
    """The offsets of ``cards`` (one after the other) in ``data``, when they occur there exactly once."""
    if not cards:
        return None
    joined = b"".join(cards)
    start = data.find(joined)
    if start < 0 or data.find(joined, start + 1) >= 0:
        return None
    offsets = array("Q", [start])
    for card in cards:
        offsets.append(offsets[-1] + len(card))
    return offsets


def splice(data: bytes, slots: Slots, prints: Sequence[bytes], card: Callable[[int], bytes]) -> tuple[bytes, array]:
    """``data`` with card ``i`` made again by ``card(i)`` where ``prints[i]`` is not the recorded
    one; the new bytes and offsets. ``prints`` has as many cards as ``slots``."""
    offsets = slots.offsets
    parts = [data[:offsets[0]]]
    new = array("Q", [offsets[0]])
    for number, (old, found) in enumerate(zip(slots.prints, prints)):
        part = data[offsets[number]:offsets[number + 1]] if old == found else card(number)
        parts.append(part)
        new.append(new[-1] + len(part))
    parts.append(data[offsets[-1]:])
    return b"".join(parts), new


@dataclass
class CardLoop:
    """The loop of a list template (``card_loop``): over ``list_name``, calling ``macro`` of
    ``macro_template``; ``free`` are the names its arguments read besides the item, ``tree`` the
    syntax tree of a template that gathers the arguments of every card from a page's context."""

    list_name: str
    macro_template: str
    macro: str
    before: str  # constant text around the call in the loop's body
    after: str
    free: tuple[str, ...]
    tree: nodes.Template
    simple: tuple | None = None  # the arguments as names, attributes, items and constants only (_simple)

    def arguments(self, environment: Environment, context: dict) -> list[tuple[tuple, dict]]:
        """The arguments of every card of the page with ``context``, in order."""
        if self.simple is not None:
            args, kwargs = self.simple
            try:
                return [(tuple(_evaluate(arg, environment, context, item) for arg in args),
                         {name: _evaluate(value, environment, context, item) for name, value in kwargs})
                        for item in context[self.list_name]]
            except _NotSimple:
                pass
        collectors = environment.__dict__.setdefault("_card_collectors", {})
        collector = collectors.get(id(self))
        if collector is None:
            # Its item has a name no theme template assigns: compiled the plain way (language_templates).
            collector = collectors[id(self)] = (environment.from_string(self.tree), self)
        found: list[tuple[tuple, dict]] = []
        collector[0].render({**context, _COLLECT: lambda *args, **kwargs: found.append((args, kwargs)) or ""})
        return found


class _NotSimple(Exception):
    """A name the page does not have: then the collector template says what Jinja makes of it."""


def _simple(node: nodes.Node) -> tuple | None:
    """``node`` as a tuple ``_evaluate`` reads, when it is made of names, ``.attr``, ``[key]`` and constants."""
    if isinstance(node, nodes.Const):
        return ("const", node.value)
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return ("name", node.name)
    if isinstance(node, nodes.Getattr) and node.ctx == "load":
        inner = _simple(node.node)
        return None if inner is None else ("attr", inner, node.attr)
    if isinstance(node, nodes.Getitem) and node.ctx == "load":
        inner, key = _simple(node.node), _simple(node.arg)
        return None if inner is None or key is None else ("item", inner, key)
    return None


def _evaluate(expression: tuple, environment: Environment, context: dict, item: object) -> object:
    """What Jinja's compiled code computes for ``expression`` (``environment.getattr`` for ``a.b``,
    ``environment.getitem`` for ``a[b]``), with ``item`` as the loop's item."""
    kind = expression[0]
    if kind == "const":
        return expression[1]
    if kind == "name":
        name = expression[1]
        if name == _ITEM:
            return item
        if name in context:
            return context[name]
        if name in environment.globals:
            return environment.globals[name]
        raise _NotSimple(name)
    if kind == "attr":
        return environment.getattr(_evaluate(expression[1], environment, context, item), expression[2])
    return environment.getitem(_evaluate(expression[1], environment, context, item),
                               _evaluate(expression[2], environment, context, item))


def card_loop(environment: Environment, template: str, list_names: Sequence[str]) -> CardLoop | None:
    """The card loop of ``template`` (see the module docstring), or None when it has none that
    can be put together from kept cards. Kept with the templates' loader (they do not change in
    a build; every language's environment shares it)."""
    kept = environment.loader.__dict__.setdefault("_card_loops", {})
    key = (template, tuple(list_names), environment.finalize is None, environment.autoescape is True)
    if key not in kept:
        kept[key] = _card_loop(environment, template, frozenset(list_names))
    return kept[key]


def _family(environment: Environment, template: str) -> list[nodes.Template] | None:
    """The syntax trees of ``template`` and every template it extends (None: named by a variable)."""
    trees = []
    name: str | None = template
    while name is not None:
        source, _filename, _uptodate = environment.loader.get_source(environment, name)
        tree = environment.parse(source, name)
        trees.append(tree)
        extends = list(tree.find_all(nodes.Extends))
        if len(extends) > 1:
            return None
        if not extends:
            name = None
        elif isinstance(extends[0].template, nodes.Const) and isinstance(extends[0].template.value, str):
            name = extends[0].template.value
            if len(trees) > 20:
                return None
        else:
            return None
    return trees


def _imported(node: nodes.FromImport) -> list[tuple[str, str]]:
    """``(name in the template imported from, name it is bound to)`` of every name ``node`` imports."""
    return [name if isinstance(name, tuple) else (name, name) for name in node.names]


def _bound_names(trees: list[nodes.Template]) -> Counter:
    """Every name the templates bind, with how often: set, loops, macros and their arguments, with, imports."""
    bound: Counter = Counter()
    for tree in trees:
        for node in tree.find_all((nodes.Name, nodes.FromImport, nodes.Import, nodes.Macro)):
            if isinstance(node, nodes.Name) and node.ctx in ("store", "param"):
                bound[node.name] += 1
            elif isinstance(node, nodes.FromImport):
                bound.update(alias for _name, alias in _imported(node))
            elif isinstance(node, nodes.Import):
                bound[node.target] += 1
            elif isinstance(node, nodes.Macro):
                bound[node.name] += 1
    return bound


def _parents(tree: nodes.Node) -> dict[int, nodes.Node]:
    parents: dict[int, nodes.Node] = {}
    todo = [tree]
    while todo:
        node = todo.pop()
        for child in node.iter_child_nodes():
            parents[id(child)] = node
            todo.append(child)
    return parents


def _card_loop(environment: Environment, template: str, list_names: frozenset[str]) -> CardLoop | None:  # noqa: C901
    if environment.finalize is not None or environment.autoescape is not True:
        return None
    trees = _family(environment, template)
    if trees is None:
        return None
    leaf = trees[0]
    loops = [loop for tree in trees for loop in tree.find_all(nodes.For)
             if isinstance(loop.iter, nodes.Name) and loop.iter.name in list_names]
    if len(loops) != 1 or not any(loop is loops[0] for loop in leaf.find_all(nodes.For)):
        return None
    loop = loops[0]
    list_name = loop.iter.name
    bound = _bound_names(trees)
    if list_name in bound or loop.test is not None or loop.else_ or loop.recursive:
        return None
    if not isinstance(loop.target, nodes.Name):
        return None
    item = loop.target.name

    # The list is read by the loop, ``{% if list %}`` and ``list|length`` only.
    for tree in trees:
        parents = _parents(tree)
        for name in tree.find_all(nodes.Name):
            if name.name != list_name:
                continue
            parent = parents.get(id(name))
            if name is loop.iter:
                continue
            if isinstance(parent, nodes.If) and parent.test is name:
                continue
            if isinstance(parent, nodes.Filter) and parent.node is name and parent.name in _COUNTING_FILTERS \
                    and not parent.args and not parent.kwargs and parent.dyn_args is None and parent.dyn_kwargs is None:
                continue
            return None

    # The loop stands in blocks and ifs only, none of its blocks used again through ``self``.
    parents = _parents(leaf)
    blocks = set()
    node = parents.get(id(loop))
    while node is not None:
        if isinstance(node, nodes.Block):
            blocks.add(node.name)
        elif not isinstance(node, (nodes.If, nodes.Template)):
            return None
        node = parents.get(id(node))
    for tree in trees:
        for getattr_node in tree.find_all(nodes.Getattr):
            if isinstance(getattr_node.node, nodes.Name) and getattr_node.node.name == "self" \
                    and getattr_node.attr in blocks:
                return None
        if any(True for _ in tree.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier))):
            return None

    # The body: constant text and one call of an imported macro.
    if len(loop.body) != 1 or not isinstance(loop.body[0], nodes.Output):
        return None
    parts = loop.body[0].nodes
    calls = [number for number, part in enumerate(parts) if not isinstance(part, nodes.TemplateData)]
    if len(calls) != 1 or not isinstance(parts[calls[0]], nodes.Call):
        return None
    call = parts[calls[0]]
    if not isinstance(call.node, nodes.Name) or call.dyn_args is not None or call.dyn_kwargs is not None:
        return None
    macro = call.node.name
    imports = [(node, name) for tree in trees for node in tree.find_all(nodes.FromImport)
               for name, alias in _imported(node) if alias == macro]
    if len(imports) != 1 or not isinstance(imports[0][0].template, nodes.Const):
        return None
    macro_template, macro_name = imports[0][0].template.value, imports[0][1]
    if bound[macro] != 1 or macro in list_names:
        return None
    # The arguments read the item and names no template binds.
    names = [node for argument in (*call.args, *(keyword.value for keyword in call.kwargs))
             for node in (argument, *argument.find_all(nodes.Name))  # find_all: below the node only
             if isinstance(node, nodes.Name)]
    for name in names:
        if name.name in _RESERVED or name.name in list_names or name.name == macro:
            return None
        if name.name != item and name.name in bound:
            return None
    free = sorted({name.name for name in names if name.name != item})
    for name in names:  # the item under a name no template binds (see CardLoop.arguments)
        if name.name == item:
            name.name = _ITEM
    collect = nodes.Call(nodes.Name(_COLLECT, "load"), list(call.args), list(call.kwargs), None, None)
    body = nodes.Output([collect])
    tree = nodes.Template([nodes.For(nodes.Name(_ITEM, "store"), nodes.Name(list_name, "load"), [body], [], None, False)])
    tree.set_lineno(1)
    tree.set_environment(environment)
    simple_args = [_simple(argument) for argument in call.args]
    simple_kwargs = [(keyword.key, _simple(keyword.value)) for keyword in call.kwargs]
    simple = (tuple(simple_args), tuple(simple_kwargs)) \
        if all(found is not None for found in [*simple_args, *(found for _key, found in simple_kwargs)]) else None
    return CardLoop(list_name, macro_template, macro_name,
                    "".join(part.data for part in parts[:calls[0]]),
                    "".join(part.data for part in parts[calls[0] + 1:]), tuple(free), tree, simple)


class CardPages:
    """Writes the pages of one language (``environment``) and piece of work, putting list pages
    together from kept cards where it can (see the module docstring).

    ``base`` is the context every page of the language shares (the macros' module is made with
    it), ``inputs`` the pages' ``PageInputs``, ``list_names`` the page variables that are lists of cards.
    """

    def __init__(self, environment: Environment, base: dict, inputs: PageInputs, list_names: Sequence[str]) -> None:
        self.environment = environment
        self.base = base
        self.inputs = inputs
        self.prints: Fingerprints = inputs.prints
        self.list_names = tuple(list_names)
        self.macros: dict[tuple[str, str], Callable | None] = {}
        # Per build and process (every language): a page's card arguments and a card's fingerprint,
        # by the identity of what they are made from (held, so that no identity is reused).
        self.memo: dict = _MEMOS.setdefault(self.prints, {})

    def macro(self, loop: CardLoop) -> Callable | None:
        """The loop's macro, when it is pure (``language_templates``); None otherwise."""
        key = (loop.macro_template, loop.macro)
        if key not in self.macros:
            module = self.environment.get_template(loop.macro_template).make_module(self.base)
            found = getattr(module, loop.macro, None)
            pure = getattr(getattr(found, "_func", None), "pure_macro", None)
            self.macros[key] = found if pure is not None else None
        return self.macros[key]

    def arguments(self, loop: CardLoop, context: dict) -> list[tuple[tuple, dict]]:
        """``loop.arguments`` of the page, once per build for the same list and values of ``loop.free``
        (a page's cards have the same arguments in every language)."""
        globals_ = self.environment.globals
        values = [context[loop.list_name], *(context.get(name, globals_.get(name)) for name in loop.free)]
        key = (id(loop.tree), *map(id, values))
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = (loop.arguments(self.environment, context), values)
        return found[0]

    def card_prints(self, loop: CardLoop, arguments: list[tuple[tuple, dict]]) -> tuple[bytes, ...]:
        """The fingerprints of a page's cards (``arguments``, as ``self.arguments`` keeps them: once per
        build for the page's list, so once for every language)."""
        key = ("prints", id(arguments))
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = (tuple(self.card_print(loop, *each) for each in arguments), arguments)
        return found[0]

    def card_print(self, loop: CardLoop, arguments: tuple, keywords: dict) -> bytes:
        key = (loop.macro_template, loop.macro, *map(id, arguments), *(part for item in keywords.items()
                                                                      for part in (item[0], id(item[1]))))
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = (digest(
                b"card", loop.macro_template.encode(), loop.macro.encode(),
                *(self.prints.part(value) for value in arguments),
                *(part for name in sorted(keywords) for part in (name.encode(), self.prints.part(keywords[name])))),
                arguments, keywords)
        return found[0]

    def write(self, files: OutputFiles, template: str, name: str, context: dict, inputs: bytes | None) -> None:
        """Make the page ``name`` (unless ``files`` has it from ``inputs`` already) and write it."""
        if files.current(name, inputs):
            return
        loop = card_loop(self.environment, template, self.list_names) if inputs is not None else None
        macro = self.macro(loop) if loop is not None else None
        if macro is None:
            files.write(name, self.environment.get_template(template).render(context), inputs)
            return
        shell = self.inputs.shell(template, name, context, loop.list_name)
        arguments = self.arguments(loop, context) if shell is not None else []
        try:
            prints = self.card_prints(loop, arguments)
        except Unfingerprintable:
            shell = None
        if shell is None or not prints:
            files.write(name, self.environment.get_template(template).render(context), inputs)
            return

        def card(number: int) -> bytes:
            args, kwargs = arguments[number]
            return (loop.before + str(escape(macro(*args, **kwargs))) + loop.after).encode("utf-8")

        last = files.last_file(name, lambda slots: isinstance(slots, Slots) and slots.shell == shell
                               and len(slots.prints) == len(prints))
        if last is not None:
            data, offsets = splice(last[0], last[1], prints, card)
            files.spliced += 1
        else:
            data = self.environment.get_template(template).render(context).encode("utf-8")
            offsets = find_cards(data, [card(number) for number in range(len(prints))])
        files.write(name, data, inputs, Slots(shell, offsets, prints) if offsets is not None else None)
