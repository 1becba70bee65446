"""Check the code size limits of issue 12: files, functions and the median file.

Limits: no code file over 700 lines, no function over 80 lines, and the median code
file at most 300 lines. Code files are the Rust sources under src/ and the Python
package under python/namedrop/; src/text/tables.rs is generated
(tools/gen_unicode_tables.py) and exempt. A Rust function is counted from its `fn`
line to its closing brace (doc comments and attributes not included), a Python one
from its `def` line to its last line.

Run:  python tools/check_code_size.py [--root DIR] [--list N]

It prints every violation and exits 1 if there is one; `--list N` also prints the N
largest files and functions. scripts/test.sh runs it; tests/test_code_size.py checks
that it fails on a file or function over the limits.
"""

from __future__ import annotations

import argparse
import ast
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

MAX_FILE_LINES = 700
MAX_FUNCTION_LINES = 80
MAX_MEDIAN_LINES = 300
GENERATED = {"src/text/tables.rs"}

FN_START = re.compile(
    r"^[ \t]*(?:pub(?:\([^)]*\))?\s+)?(?:(?:const|async|unsafe|extern\s+\"[^\"]*\")\s+)*fn\s+(\w+)"
)


@dataclass
class Function:
    path: str
    name: str
    line: int
    lines: int


def code_files(root: Path) -> list[Path]:
    files = sorted((root / "src").rglob("*.rs")) + sorted((root / "python").rglob("*.py"))
    return [p for p in files if p.relative_to(root).as_posix() not in GENERATED]


def rust_code_chars(text: str) -> str:
    """`text` with comments, string and char literals blanked (newlines kept), so
    that braces and semicolons can be counted."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif m := re.match(r'b?r(#*)"', text[i:]):
            end = text.find('"' + m.group(1), i + m.end())
            j = n if end < 0 else end + 1 + len(m.group(1))
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i : j + 1]))
            i = j + 1
        elif m := re.match(r"b?'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'", text[i:]):
            out.append(" " * m.end())  # a char literal (a lifetime has no closing quote)
            i += m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


def rust_functions(path: Path, rel: str) -> list[Function]:
    code = rust_code_chars(path.read_text(encoding="utf-8"))
    starts = [0]
    for k, ch in enumerate(code):
        if ch == "\n":
            starts.append(k + 1)
    line_of = lambda pos: next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= pos)  # noqa: E731
    found = []
    for m in re.finditer(r"(?m)" + FN_START.pattern, code):
        # The body opens at the first `{` outside parentheses and brackets; a `;`
        # first means a declaration without a body (a trait method).
        depth, k = 0, m.end()
        while k < len(code):
            ch = code[k]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif depth == 0 and ch in "{;":
                break
            k += 1
        if k >= len(code) or code[k] == ";":
            continue
        braces, j = 0, k
        while j < len(code):
            if code[j] == "{":
                braces += 1
            elif code[j] == "}":
                braces -= 1
                if braces == 0:
                    break
            j += 1
        first, last = line_of(m.start()), line_of(j)
        found.append(Function(rel, m.group(1), first + 1, last - first + 1))
    return found


def python_functions(path: Path, rel: str) -> list[Function]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        Function(rel, node.name, node.lineno, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def check(root: Path, listed: int = 0) -> list[str]:
    """The violations under `root`, one message each (printing the largest first if
    `listed`)."""
    files = code_files(root)
    if not files:
        return [f"no code files under {root}"]
    sizes: dict[str, int] = {}
    functions: list[Function] = []
    for p in files:
        rel = p.relative_to(root).as_posix()
        sizes[rel] = len(p.read_text(encoding="utf-8").splitlines())
        functions += rust_functions(p, rel) if p.suffix == ".rs" else python_functions(p, rel)
    problems = [
        f"{rel}: {n} lines (at most {MAX_FILE_LINES}: split it by job)"
        for rel, n in sizes.items()
        if n > MAX_FILE_LINES
    ]
    problems += [
        f"{f.path}:{f.line}: function {f.name} has {f.lines} lines (at most {MAX_FUNCTION_LINES})"
        for f in functions
        if f.lines > MAX_FUNCTION_LINES
    ]
    median = statistics.median(sizes.values())
    if median > MAX_MEDIAN_LINES:
        problems.append(f"median code file {median:g} lines (at most {MAX_MEDIAN_LINES})")
    if listed:
        print(f"{len(sizes)} code files, median {median:g} lines; largest:")
        for rel, n in sorted(sizes.items(), key=lambda kv: -kv[1])[:listed]:
            print(f"  {n:5d}  {rel}")
        print("largest functions:")
        for f in sorted(functions, key=lambda f: -f.lines)[:listed]:
            print(f"  {f.lines:5d}  {f.path}:{f.line} {f.name}")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    ap.add_argument("--list", type=int, default=0, metavar="N")
    a = ap.parse_args()
    problems = check(a.root, a.list)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print("code size: within the limits")


if __name__ == "__main__":
    main()
