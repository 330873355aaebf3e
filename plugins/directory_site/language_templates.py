"""Templates compiled once per site language, so that what is the same on every page is made once.

Every page of one language is rendered with the same translations and the same site-wide
template variables (``url``, ``label``, ``lang``, ``SITENAME``, ``seo`` ...: the *language
constants*); only the page's own variables differ. ``language_environment`` makes a Jinja
environment for one language (an overlay of Pelican's, same loader, filters and options) whose
compiler rewrites each template's syntax tree before generating code:

1. **Translations become text.** ``_('Skip to content')`` and ``{% trans %}`` blocks without a
   count are looked up in the language's catalogue when the template is compiled; the text is
   then part of the template's literal output (with variables, only the ``%`` formatting is left
   for render time). The result is the same string the newstyle gettext of ``jinja2.ext.i18n``
   returns at render time: ``Markup(translation) % variables``.
2. **Language-wide expressions are evaluated once.** An expression that reads nothing but
   language constants and calls nothing but them and pure built-in filters and tests (the
   header's links, the search configuration, Open Graph locales) is evaluated on the first page
   of the language and its value reused on every other page.
3. **Pure macros are called once per argument.** A macro whose body reads nothing but its
   arguments, language constants and other such macros of its template (a vacancy card, a
   company card) keeps its output per argument values: strings, numbers, dates and frozen
   (immutable) model objects such as ``Vacancy`` and ``Company``. Called with anything else it
   runs as usual.

What counts as a language constant is decided by ``DirectoryGenerator``: the site-wide context
minus every name any page sets (a page variable never hides a constant), minus every name any
template of the theme assigns (``{% set %}``, loops, macro arguments, imports). Nothing is
guessed from names. ``DIRECTORY_FAST_TEMPLATES = False`` compiles the plain way, and a test
builds the site both ways and compares every byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from build_cache.templates import parsed
from jinja2 import Environment, nodes
from jinja2.compiler import CodeGenerator
from jinja2.defaults import DEFAULT_TESTS
from jinja2.ext import InternationalizationExtension
from jinja2.runtime import missing
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

# Globals of the i18n extension and Jinja that give the same result on every page of a language.
LANGUAGE_GLOBALS = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext", "range", "dict"})
# Built-in filters and tests that depend on nothing but their arguments.
PURE_FILTERS = frozenset({
    "abs", "attr", "batch", "capitalize", "center", "count", "d", "default", "dictsort", "e", "escape",
    "filesizeformat", "first", "float", "forceescape", "format", "groupby", "indent", "int", "items",
    "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace",
    "reverse", "round", "safe", "select", "selectattr", "slice", "sort", "string", "striptags", "sum",
    "title", "tojson", "trim", "truncate", "unique", "upper", "urlencode", "wordcount", "wordwrap",
    "xmlattr",
})
PURE_TESTS = frozenset(DEFAULT_TESTS)
# Filters that call another filter or test named by an argument: that one must be pure too.
_NAMING_FILTERS = {"map": PURE_FILTERS, "select": PURE_TESTS, "reject": PURE_TESTS,
                   "selectattr": PURE_TESTS, "rejectattr": PURE_TESTS}
# Expression nodes that compute from their children only.
_PURE_NODES = (nodes.Const, nodes.Tuple, nodes.List, nodes.Dict, nodes.Pair, nodes.Keyword, nodes.CondExpr,
               nodes.Call, nodes.Getattr, nodes.Getitem, nodes.Slice, nodes.Concat, nodes.Compare,
               nodes.Operand, nodes.BinExpr, nodes.UnaryExpr, nodes.MarkSafe, nodes.MarkSafeIfAutoescape,
               nodes.Filter, nodes.Test, nodes.Name)
# Statements allowed in the body of a macro whose output is kept.
_PURE_STATEMENTS = (nodes.Output, nodes.If, nodes.For, nodes.Assign, nodes.AssignBlock, nodes.With)


def kept_expression(node: nodes.Expr, key: str) -> nodes.Expr:
    """``node``, evaluated once per language environment: the value is kept in
    ``environment.language_memo[key]`` (in Jinja's own nodes, which allow no new kinds)."""
    memo = nodes.EnvironmentAttribute("language_memo", lineno=node.lineno)
    return nodes.CondExpr(
        nodes.Compare(nodes.Const(key), [nodes.Operand("in", memo)], lineno=node.lineno),
        nodes.Getitem(memo, nodes.Const(key), "load", lineno=node.lineno),
        nodes.Call(nodes.Getattr(memo, "setdefault", "load"), [nodes.Const(key), node], [], None, None,
                   lineno=node.lineno),
        lineno=node.lineno)


def assigned_names(template: nodes.Template) -> set[str]:
    """Every name ``template`` binds anywhere: set, loop targets, macro names and arguments, imports."""
    names = {node.name for node in template.find_all(nodes.Name) if node.ctx in ("store", "param")}
    for node in template.find_all((nodes.Macro, nodes.CallBlock)):
        names.update(argument.name for argument in node.args)
        if isinstance(node, nodes.Macro):
            names.add(node.name)
    for node in template.find_all(nodes.FromImport):
        names.update(name[1] if isinstance(name, tuple) else name for name in node.names)
    for node in template.find_all(nodes.Import):
        names.add(node.target)
    names.update(node.target for node in template.find_all(nodes.NSRef))
    return names


def theme_assigned_names(environment: Environment) -> set[str]:
    """``assigned_names`` of every template the environment's loader lists."""
    names: set[str] = set()
    for name in environment.list_templates():
        names |= assigned_names(parsed(environment, name)[1])
    return names


def _reads_only(node: nodes.Node, allowed: frozenset[str] | set[str]) -> bool:
    """True when ``node`` is a pure expression whose names are all in ``allowed``."""
    for sub in (node, *node.find_all(nodes.Node)):
        if isinstance(sub, nodes.Name):
            if sub.ctx != "load" or sub.name not in allowed:
                return False
        elif isinstance(sub, nodes.Filter):
            if sub.name not in PURE_FILTERS or not _names_pure(sub):
                return False
        elif isinstance(sub, nodes.Test):
            if sub.name not in PURE_TESTS:
                return False
        elif not isinstance(sub, _PURE_NODES):
            return False
    return True


def _names_pure(node: nodes.Filter) -> bool:
    """``map('x')``, ``select('x')``...: the filter or test they name must be pure as well."""
    table = _NAMING_FILTERS.get(node.name)
    if table is None:
        return True
    position = 1 if node.name.endswith("attr") else 0
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return False
    if len(node.args) > position:
        named = node.args[position]
        return isinstance(named, nodes.Const) and named.value in table
    return node.name == "map"  # map(attribute=...) names no filter


def _worth_keeping(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.Call, nodes.Filter)) or any(True for _ in node.find_all((nodes.Call, nodes.Filter)))


class _Optimiser(NodeTransformer):
    """Rewrites one template's tree for ``LanguageEnvironment`` (see the module docstring)."""

    def __init__(self, environment: LanguageEnvironment, name: str | None, constants: set[str]) -> None:
        self.environment = environment
        environment.compiled += 1  # keys stay unique if a template is compiled again (reloaded)
        self.name = f"{name or '<string>'}#{environment.compiled}"
        self.constants = constants
        self.count = 0
        self.inside = False

    # 1. translations
    def translated(self, node: nodes.Call) -> nodes.Expr | None:
        """The node that gives what ``_('...')``/``gettext('...')`` returns, without the call."""
        if not (isinstance(node.node, nodes.Name) and node.node.name in ("_", "gettext")
                and {"_", "gettext"} <= self.constants and len(node.args) == 1
                and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str)
                and node.dyn_args is None and node.dyn_kwargs is None):
            return None
        text = Markup(self.environment.translations.gettext(node.args[0].value))
        if not node.kwargs:
            try:
                return nodes.MarkSafe(nodes.Const(str(text % {})), lineno=node.lineno)
            except (TypeError, ValueError, KeyError):
                return None  # fails at render time too: leave it to say so there
        pairs = [nodes.Pair(nodes.Const(keyword.key), keyword.value, lineno=node.lineno) for keyword in node.kwargs]
        return nodes.Mod(nodes.MarkSafe(nodes.Const(str(text))), nodes.Dict(pairs), lineno=node.lineno)

    # 2. language-wide expressions
    def visit(self, node: nodes.Node, *args, **kwargs):
        if not self.inside and isinstance(node, nodes.Expr) \
                and not isinstance(node, (nodes.Const, nodes.Name, nodes.TemplateData)) \
                and _reads_only(node, self.constants) and _worth_keeping(node):
            self.inside = True
            try:
                node = super().visit(node)  # translations inside are folded first
            finally:
                self.inside = False
            try:
                node.as_const(nodes.EvalContext(self.environment, self.name))
                return node  # a constant now (a translation): part of the literal output
            except Exception:  # noqa: BLE001 (Jinja's own test for "not constant" is any error)
                pass
            self.count += 1
            return kept_expression(node, f"{self.name}:{self.count}")
        return super().visit(node, *args, **kwargs)

    def visit_Call(self, node: nodes.Call):
        node = self.generic_visit(node)
        return self.translated(node) or node

    # 3. pure macros
    def mark_pure_macros(self, template: nodes.Template) -> None:
        macros = {node.name: node for node in template.body if isinstance(node, nodes.Macro)}
        pure = set(macros)
        changed = True
        while changed:  # a macro calling an impure macro of its template is impure too
            changed = False
            for name in list(pure):
                if not self.macro_is_pure(macros[name], pure):
                    pure.discard(name)
                    changed = True
        for name in pure:
            macros[name].memo_key = f"{self.name}:{name}"

    def macro_is_pure(self, macro: nodes.Macro, pure_macros: set[str]) -> bool:
        local = {argument.name for argument in macro.args} | {"loop"}
        for node in macro.find_all(nodes.Name):
            if node.ctx in ("store", "param"):
                local.add(node.name)
        if local & {"caller", "varargs", "kwargs"}:
            return False
        allowed = local | self.constants | pure_macros
        for node in (*macro.body, *macro.defaults):
            for sub in (node, *node.find_all(nodes.Node)):
                if isinstance(sub, nodes.Stmt) and not isinstance(sub, _PURE_STATEMENTS):
                    return False
                if isinstance(sub, nodes.Expr) and not isinstance(sub, (nodes.Keyword, nodes.Pair)) \
                        and not isinstance(sub, nodes.TemplateData) and not isinstance(sub, _PURE_NODES):
                    return False
                if isinstance(sub, nodes.Name) and sub.ctx == "load" and sub.name not in allowed:
                    return False
                if isinstance(sub, nodes.Name) and sub.name in ("caller", "varargs", "kwargs"):
                    return False
                if isinstance(sub, nodes.Filter) and (sub.name not in PURE_FILTERS or not _names_pure(sub)):
                    return False
                if isinstance(sub, nodes.Test) and sub.name not in PURE_TESTS:
                    return False
        return True


class LanguageCodeGenerator(CodeGenerator):
    """Jinja's code generator; macros found pure keep their output (``LanguageEnvironment.kept_macro``)."""

    def macro_def(self, macro_ref, frame) -> None:
        key = getattr(macro_ref.node, "memo_key", None)
        if key is None:
            return super().macro_def(macro_ref, frame)
        arguments = ", ".join(repr(argument.name) for argument in macro_ref.node.args)
        if len(macro_ref.node.args) == 1:
            arguments += ","
        self.write(
            f"Macro(environment, environment.kept_macro(macro, {key!r}), {macro_ref.node.name!r}, ({arguments}),"
            f" {macro_ref.accesses_kwargs!r}, {macro_ref.accesses_varargs!r},"
            f" {macro_ref.accesses_caller!r}, context.eval_ctx.autoescape)")


_SCALARS = (str, int, float, bool, type(None), dt.date)


def _argument_key(value: object) -> object:
    """A key for a macro argument, or ``_NO_KEY`` when its value may change or cannot be told apart."""
    kind = _KINDS.get(type(value)) or _kind(type(value))
    if kind is _SCALAR:
        return (type(value), value)
    if kind is _OBJECT:
        return (_OBJECT, id(value))  # the memo keeps the object, so its id is not reused
    if value is missing:
        return "<missing>"
    if isinstance(value, tuple):
        parts = tuple(_argument_key(item) for item in value)
        return _NO_KEY if _NO_KEY in parts else ("tuple", parts)
    return _NO_KEY


_NO_KEY = object()


class LanguageEnvironment(Environment):
    """One site language's environment; see the module docstring. Made by ``language_environment``."""

    code_generator_class = LanguageCodeGenerator
    translations = None
    constants: frozenset[str] = frozenset()
    assigned: frozenset[str] = frozenset()
    compiled = 0

    def _generate(self, source: nodes.Template, name, filename, defer_init: bool = False):
        if not self._can_optimise(source):
            return super()._generate(source, name, filename, defer_init)
        optimiser = _Optimiser(self, name, set(self.constants - self.assigned))
        optimiser.mark_pure_macros(source)
        source = optimiser.visit(source)
        return super()._generate(source, name, filename, defer_init)

    def _can_optimise(self, source: nodes.Template) -> bool:
        """Only for templates of the theme, autoescaped throughout, with newstyle gettext."""
        if self.autoescape is not True or not getattr(self, "newstyle_gettext", False):
            return False
        if any(True for _ in source.find_all((nodes.EvalContextModifier, nodes.ScopedEvalContextModifier))):
            return False
        return assigned_names(source) <= self.assigned

    def kept_macro(self, function, key: str):
        """``function`` (a macro's body) with its output kept per argument values."""
        memo = self.macro_memo
        kinds = _KINDS

        def call(*arguments):
            # Called for every card of every list page: the key is made with as little work as
            # can be (the kind of each argument's type is looked up once per type).
            parts = [key]
            for argument in arguments:
                cls = type(argument)
                kind = kinds.get(cls) or _kind(cls)
                if kind is _SCALAR:
                    parts += (cls, argument)
                elif kind is _OBJECT:
                    parts += (_OBJECT, id(argument))  # the memo keeps the object, so its id is not reused
                else:
                    found = _argument_key(argument)
                    if found is _NO_KEY:
                        return function(*arguments)
                    parts += (_OTHER, found)
            parts = tuple(parts)
            found = memo.get(parts)
            if found is None:
                found = memo[parts] = (function(*arguments), arguments)
            return found[0]

        call.pure_macro = key  # its output depends on its arguments and language constants only
        return call


_SCALAR, _OBJECT, _OTHER = "scalar", "object", "other"
_KINDS: dict[type, str] = {}  # type -> how ``kept_macro`` keys its values


def _kind(cls: type) -> str:
    """How values of ``cls`` are keyed: by value (strings, numbers, dates), by identity (frozen
    model objects) or otherwise (``_argument_key``: tuples, Jinja's missing; the rest not at all)."""
    if issubclass(cls, _SCALARS):
        kind = _SCALAR
    elif dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen:
        kind = _OBJECT
    else:
        kind = _OTHER
    _KINDS[cls] = kind
    return kind


def language_environment(base: Environment, translations, constants: Iterable[str],
                         assigned: Iterable[str]) -> LanguageEnvironment:
    """An overlay of ``base`` (Pelican's environment) for one language's ``translations``.

    ``constants``: names whose values are the same on every page of the language;
    ``assigned``: ``theme_assigned_names(base)``.
    """
    environment = base.overlay(cache_size=400)
    environment.__class__ = LanguageEnvironment
    environment.globals = dict(base.globals)
    environment.filters = dict(base.filters)
    environment.tests = dict(base.tests)
    environment.translations = translations
    i18n = next((extension for extension in environment.extensions.values()
                 if isinstance(extension, InternationalizationExtension)), None)
    if i18n is None:
        raise ValueError("language_environment needs the jinja2.ext.i18n extension (JINJA_ENVIRONMENT)")
    i18n._install(translations, newstyle=True)  # the overlay's own copy of the extension, not base's
    environment.constants = frozenset(constants) | LANGUAGE_GLOBALS
    environment.assigned = frozenset(assigned)
    environment.language_memo = {}
    environment.macro_memo = {}
    return environment
