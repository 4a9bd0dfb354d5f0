#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright 2026 The Gaio authors
"""Writes Gaio.pyi, the type stub of `gi.repository.Gaio` as Python sees it:
the introspected API read from Gaio-1.0.gir, plus what the override adds or
replaces, read from the loaded override (its functions, classes and their
signatures, with its own annotations where it has them).

A method returning a GaioFuture is typed Future[X] when its documentation
says what the future resolves to ("a future resolving to a
[class@Gaio.HttpResponse]"), so `await client.get(url)` is an HttpResponse.

Usage: gen-stubs.py GIR OUTPUT
Needs GI_TYPELIB_PATH and PYTHONPATH to find the typelib and the override."""

import inspect
import re
import sys
import xml.etree.ElementTree as ET

NS = {'c': 'http://www.gtk.org/introspection/core/1.0',
      'glib': 'http://www.gtk.org/introspection/glib/1.0'}
CORE = '{%s}' % NS['c']
GLIB = '{%s}' % NS['glib']
KEYWORDS = {'async', 'await', 'class', 'def', 'from', 'global', 'import', 'in', 'is',
            'lambda', 'pass', 'print', 'raise', 'return', 'with', 'yield', 'None', 'True',
            'False', 'type', 'object'}

BASIC = {
    'none': 'None', 'gboolean': 'bool', 'utf8': 'str', 'filename': 'str',
    'gchar': 'int', 'guchar': 'int', 'gint': 'int', 'guint': 'int', 'gint8': 'int',
    'guint8': 'int', 'gint16': 'int', 'guint16': 'int', 'gint32': 'int', 'guint32': 'int',
    'gint64': 'int', 'guint64': 'int', 'glong': 'int', 'gulong': 'int', 'gsize': 'int',
    'gssize': 'int', 'gshort': 'int', 'gushort': 'int', 'gunichar': 'str', 'GType': 'GObject.GType',
    'gdouble': 'float', 'gfloat': 'float', 'gpointer': 'Any', 'gconstpointer': 'Any',
    'GObject.Value': 'Any', 'GLib.Error': 'GLib.Error',
}

# The override's asyncio-shaped entry points, typed here where the override
# itself has no annotations.
OVERRIDE_SIGNATURES = {
    'run': 'def run(main: Awaitable[_T], *, debug: bool | None = ...) -> _T: ...',
    'create_task': 'def create_task(coro: Coroutine[Any, Any, _T], *, name: str | None = ...) -> Task[_T]: ...',
    'ensure_future': 'def ensure_future(obj: Awaitable[_T], *, name: str | None = ...) -> Future[_T]: ...',
    'gather': 'def gather(*aws: Awaitable[Any], return_exceptions: bool = ...) -> Future[list[Any]]: ...',
    'sleep': 'async def sleep(delay: float, result: _T = ...) -> _T: ...',
    'wait_for': 'async def wait_for(aw: Awaitable[_T], timeout: float | None) -> _T: ...',
    'to_thread': 'def to_thread(func: Callable[..., _T], *args: Any, **kwargs: Any) -> Future[_T]: ...',
    'current_task': 'def current_task() -> Task[Any] | None: ...',
    'read_file': 'async def read_file(path: str) -> bytes: ...',
    'write_file': 'async def write_file(path: str, data: bytes | str, *, fsync: bool = ...) -> None: ...',
}


# The helpers the override's aiohttp-shaped methods return, typed by hand:
# awaiting one gives the object, `async with` gives it and closes it.
HELPER_CLASSES = {
    '_RequestContextManager': 'HttpResponse',
    '_WebSocketConnect': 'WebSocket',
}

# Names an annotation may use in the stub besides the ones it defines.
STUB_NAMES = {'Any', 'Awaitable', 'Callable', 'Coroutine', 'Generator', 'Iterable', 'Iterator',
              'AsyncIterator', 'Mapping', 'Optional', 'Sequence', 'Union', 'None', 'bool',
              'bytes', 'dict', 'float', 'int', 'list', 'object', 'set', 'str', 'tuple', 'type',
              'GLib', 'GObject', 'Gio', 'Json', 'Soup', 'asyncio', 'PathLike', '_T'}


def helper_stubs():
    return [f'class {name}:\n'
            f'    def __await__(self) -> Generator[Any, None, {result}]: ...\n'
            f'    async def __aenter__(self) -> {result}: ...\n'
            f'    async def __aexit__(self, *exc_info: Any) -> None: ...'
            for name, result in HELPER_CLASSES.items()]


def stub_annotation(annotation, known):
    """@annotation as the stub writes it: the override's postponed
    annotations are strings; a name the stub does not define becomes Any."""
    if annotation is inspect.Parameter.empty:
        return 'Any'
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    text = re.sub(r'\bGaio\.', '', text.strip())
    while len(text) > 1 and text[0] == text[-1] and text[0] in '\'"':
        text = text[1:-1].strip()
    if known is not None and any(word not in known
                                 for word in re.findall(r'[A-Za-z_][A-Za-z_0-9]*', text)):
        return 'Any'
    return text


def pyname(name):
    return name + '_' if name in KEYWORDS else name


class Gir:
    def __init__(self, path):
        self.root = ET.parse(path).getroot()
        self.ns = self.root.find(CORE + 'namespace')
        self.name = self.ns.get('name')

    def type_of(self, node, nullable=False):
        """The Python type of a <parameter>/<return-value>/<field>."""
        array = node.find(CORE + 'array')
        if array is not None:
            inner = array.find(CORE + 'type')
            if array.get('name') == 'GLib.Bytes' or (inner is not None and inner.get('name') in ('guint8', 'gint8')):
                text = 'bytes'
            else:
                text = 'list[%s]' % (self.type_name(inner) if inner is not None else 'Any')
        else:
            t = node.find(CORE + 'type')
            if t is None:
                text = 'Any'
            elif t.get('name') in ('GLib.List', 'GLib.SList'):
                inner = t.find(CORE + 'type')
                text = 'list[%s]' % (self.type_name(inner) if inner is not None else 'Any')
            else:
                text = self.type_name(t)
        if (nullable or node.get('nullable') == '1' or node.get('allow-none') == '1') and text not in ('None', 'Any'):
            text += ' | None'
        return text

    def type_name(self, t):
        name = t.get('name')
        if name is None:
            return 'Any'
        if name in BASIC:
            return BASIC[name]
        if '.' in name:
            namespace = name.split('.')[0]
            return name if namespace in ('GLib', 'GObject', 'Gio', 'Soup', 'Json') else 'Any'
        node = self.ns.find(f"*[@name='{name}']")
        if node is not None and node.tag == CORE + 'callback':
            return 'Callable[..., Any]'
        return name

    def future_type(self, ret):
        """Future[X] from the return doc of a function returning a GaioFuture."""
        doc = ret.find(CORE + 'doc')
        text = doc.text if doc is not None and doc.text else ''
        m = re.search(r'resolv\w* (?:to|with) an? \[(?:class|struct)@(\w+)\.(\w+)\]', text)
        if m:
            inner = m.group(2) if m.group(1) == self.name else f'{m.group(1)}.{m.group(2)}'
            return f'Future[{inner}]'
        if re.search(r'resolves,? with no value', text):
            return 'Future[None]'
        return 'Future[Any]'

    def callable(self, node, kind, owner=None):
        """A `def` line for a <function>, <method> or <constructor>."""
        params_node = node.find(CORE + 'parameters')
        params = list(params_node.findall(CORE + 'parameter')) if params_node is not None else []
        ret = node.find(CORE + 'return-value')
        hidden = set()
        for p in params + ([ret] if ret is not None else []):
            for attr in ('closure', 'destroy'):
                if p.get(attr) is not None:
                    hidden.add(int(p.get(attr)))
            array = p.find(CORE + 'array')
            if array is not None and array.get('length') is not None:
                hidden.add(int(array.get('length')))
        args = ['self'] if kind == 'method' else []
        outs = []
        for index, p in enumerate(params):
            if index in hidden or p.get('name') == '...':
                continue
            if p.get('direction') in ('out', 'inout'):
                outs.append(self.type_of(p))
                if p.get('direction') == 'out':
                    continue
            args.append(f"{pyname(p.get('name'))}: {self.type_of(p)}")
        result = self.type_of(ret) if ret is not None else 'None'
        if ret is not None and result.startswith('Future') and 'Future' in result:
            result = self.future_type(ret) + (' | None' if result.endswith('| None') else '')
        if kind == 'constructor':
            result = owner
        if outs:
            parts = ([] if result == 'None' else [result]) + outs
            result = parts[0] if len(parts) == 1 else 'tuple[%s]' % ', '.join(parts)
        prefix = '@staticmethod\n' if kind == 'function-in-class' else ''
        if kind == 'constructor':
            prefix = '@classmethod\n'
            args = ['cls'] + args
        # GObject subclasses narrow their parents' constructors and methods.
        return f"{prefix}def {pyname(node.get('name'))}({', '.join(args)}) -> {result}: ...  # type: ignore[override]"


def indent(text, by='    '):
    return '\n'.join(by + line if line else line for line in text.splitlines())


def override_members(cls, base, known=None):
    """Public methods and properties the override class defines itself or
    takes from its mixins in the gaio package."""
    out = []
    seen = set()
    for klass in cls.__mro__:
        if klass is not cls and not klass.__module__.split('.')[0] == 'gaio':
            continue
        for name, value in vars(klass).items():
            if name in seen:
                continue
            if name.startswith('_') and name not in ('__await__', '__init__', '__aenter__',
                                                       '__aexit__', '__aiter__', '__anext__'):
                continue
            seen.add(name)
            if isinstance(value, property):
                result = 'Any'
                if value.fget is not None:
                    result = stub_annotation(inspect.signature(value.fget).return_annotation, known)
                out.append((name, f'@property\ndef {name}(self) -> {result}: ...'))
            elif inspect.isfunction(value):
                line = signature_line(name, value, method=True, known=known)
                if name == '__init__':
                    line = line.rsplit(' -> ', 1)[0] + ' -> None: ...'
                out.append((name, line + '  # type: ignore[override]'))
    return out


def signature_line(name, fn, method=False, known=None):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return f'def {name}(*args: Any, **kwargs: Any) -> Any: ...'
    params = []
    saw_kwonly = False
    for p in sig.parameters.values():
        annotation = stub_annotation(p.annotation, known)
        if p.kind is p.VAR_POSITIONAL:
            params.append(f'*{p.name}: {annotation}')
            saw_kwonly = True
            continue
        if p.kind is p.VAR_KEYWORD:
            params.append(f'**{p.name}: {annotation}')
            continue
        if p.kind is p.KEYWORD_ONLY and not saw_kwonly:
            params.append('*')
            saw_kwonly = True
        if method and not params and p.name in ('self', 'cls'):
            params.append(p.name)
            continue
        default = '' if p.default is inspect.Parameter.empty else ' = ...'
        params.append(f'{p.name}: {annotation}{default}')
    ret = stub_annotation(sig.return_annotation, known)
    prefix = 'async def' if inspect.iscoroutinefunction(fn) else 'def'
    return f'{prefix} {name}({", ".join(params)}) -> {ret}: ...'


def main():
    gir_path, output = sys.argv[1:3]
    gir = Gir(gir_path)
    import gi
    gi.require_version('Gaio', '1.0')
    from gi.repository import Gaio as module
    override = sys.modules.get('gi.overrides.Gaio')
    if override is None:
        sys.exit('gen-stubs.py: the Gaio override did not load (PYTHONPATH?)')
    overridden = list(override.__all__)
    known = (STUB_NAMES | set(overridden) | set(HELPER_CLASSES)
             | {node.get('name') for node in gir.ns if node.get('name')})

    out = ['# Generated by bindings/python/gen-stubs.py from Gaio-1.0.gir and the',
           '# Python override. Do not edit.',
           'import asyncio',
           'from os import PathLike',
           'from typing import (Any, AsyncIterator, Awaitable, Callable, Coroutine, Generator, Generic,',
           '                    Iterable, Iterator, Mapping, Optional, Sequence, TypeVar, Union)',
           '',
           'from gi.repository import GLib, GObject, Gio, Json, Soup',
           '',
           "_T = TypeVar('_T')",
           '']
    defined = set()

    for node in gir.ns:
        tag = node.tag[len(CORE):]
        name = node.get('name')
        if node.get('introspectable') == '0' or name is None:
            continue
        if tag in ('enumeration', 'bitfield'):
            base = 'GObject.GFlags' if tag == 'bitfield' else 'GObject.GEnum'
            body = [f"{m.get('name').upper()}: {name}" for m in node.findall(CORE + 'member')]
            body += [gir.callable(f, 'function-in-class') for f in node.findall(CORE + 'function')
                     if f.get('introspectable') != '0']
            out.append(f'class {name}({base}):\n' + indent('\n'.join(body) or '...'))
        elif tag in ('class', 'interface', 'record'):
            if node.get(GLIB + 'is-gtype-struct-for') is not None:
                continue
            parent = node.get('parent')
            bases = []
            if parent:
                bases.append(parent if '.' in parent else parent)
            elif tag == 'interface':
                bases.append('GObject.GInterface')
            elif tag == 'class':
                bases.append('GObject.Object')
            bases += [i.get('name') for i in node.findall(CORE + 'implements')]
            if name == 'Future':
                bases.append('Generic[_T]')
            elif 'Future' in bases:
                bases[bases.index('Future')] = 'Future[Any]'
            body = []
            members = {}
            for child in node:
                kind = child.tag[len(CORE):]
                if kind not in ('constructor', 'method', 'function') or child.get('introspectable') == '0':
                    continue
                members[pyname(child.get('name'))] = gir.callable(
                    child, 'function-in-class' if kind == 'function' else kind, name)
            if tag == 'class':
                members['__init__'] = 'def __init__(self, **properties: Any) -> None: ...'
                members['props'] = 'props: Any'
            cls = getattr(module, name, None)
            if name in overridden and inspect.isclass(cls):
                for member, line in override_members(cls, None, known):
                    members[member] = line
            if name == 'Future':
                members['__await__'] = 'def __await__(self) -> Generator[Any, None, _T]: ...'
                members['result'] = 'def result(self) -> _T: ...'
                members['set_result'] = 'def set_result(self, result: _T) -> None: ...'
            body = list(members.values())
            out.append(f"class {name}({', '.join(bases)}):\n" + indent('\n'.join(body) or '...'))
        elif tag == 'function':
            if name in overridden:
                continue
            out.append(gir.callable(node, 'function'))
        elif tag == 'constant':
            out.append(f"{name}: {gir.type_of(node)}")
        elif tag == 'callback':
            out.append(f'{name} = Callable[..., Any]')
        else:
            continue
        defined.add(name)

    # What the override adds: asyncio's names and its own functions.
    for name in overridden:
        if name in defined:
            continue
        value = getattr(module, name, None)
        if name in OVERRIDE_SIGNATURES and not _annotated(value):
            out.append(OVERRIDE_SIGNATURES[name])
        elif inspect.isfunction(value):
            out.append(signature_line(name, value))
        elif inspect.isclass(value):
            if issubclass(value, BaseException) and value.__module__ != override.__name__:
                out.append(f'{name} = {_qualified(value)}')
            elif issubclass(value, BaseException):
                base = value.__bases__[0]
                out.append(f'class {name}({_qualified(base)}): ...')
            else:
                body = [line for _, line in override_members(value, None, known)] or ['...']
                out.append(f'class {name}:\n' + indent('\n'.join(body)))
        elif isinstance(value, str):
            out.append(f'{name}: str')
        else:
            out.append(f'{name}: Any')
        defined.add(name)
    out += helper_stubs()
    # Task is generic like Future, for create_task()'s result.
    text = '\n\n'.join(out) + '\n'
    text = text.replace('class Task(Future[Any]', 'class Task(Future[_T]')
    with open(output, 'w') as stub:
        stub.write(text)


def _annotated(fn):
    try:
        return bool(fn.__annotations__)
    except AttributeError:
        return False


def _qualified(cls):
    module = cls.__module__
    return cls.__qualname__ if module == 'builtins' else f'{module}.{cls.__qualname__}'


if __name__ == '__main__':
    main()
