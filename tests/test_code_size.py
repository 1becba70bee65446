"""tools/check_code_size.py: the repo is within the limits, and the check fails on a
file, a function or a median over them (so the limit cannot pass by not looking)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "check_code_size.py"


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), "--root", str(root)], capture_output=True, text=True
    )


def rust_fn(name: str, body_lines: int) -> str:
    # Braces and `fn` inside strings, chars and comments must not confuse the count.
    body = "\n".join(f'    let _s{k} = "}} fn x() {{"; // }}' for k in range(body_lines))
    head = f"/// doc\n#[inline]\npub(crate) fn {name}() -> [u8; 2] {{\n"
    return head + body + "\n    let _c = '}';\n    [0; 2]\n}\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    if not TOOL.exists():
        pytest.skip("needs the source tree (tools/check_code_size.py)")
    (tmp_path / "src").mkdir()
    (tmp_path / "python").mkdir()
    (tmp_path / "src" / "small.rs").write_text(rust_fn("ok", 10))
    return tmp_path


def test_the_repo_is_within_the_limits():
    if not (ROOT / "src").is_dir() or not TOOL.exists():
        pytest.skip("needs the source tree (src/, tools/check_code_size.py)")
    res = run(ROOT)
    assert res.returncode == 0, res.stderr


def test_a_small_tree_passes(tree: Path):
    res = run(tree)
    assert res.returncode == 0, res.stderr


def test_a_long_rust_function_fails(tree: Path):
    # 78 body lines + signature, two more lines and the brace: 82 lines.
    trait_decl = "trait T {\n    fn decl(&self);\n}\n"
    (tree / "src" / "long.rs").write_text(trait_decl + rust_fn("long", 78))
    res = run(tree)
    assert res.returncode == 1
    assert "function long has 82 lines" in res.stderr
    assert "decl" not in res.stderr and "small" not in res.stderr


def test_a_function_of_80_lines_passes(tree: Path):
    (tree / "src" / "edge.rs").write_text(rust_fn("edge", 76))
    assert run(tree).returncode == 0


def test_a_long_python_function_fails(tree: Path):
    body = "\n".join(f"    x{k} = {k}" for k in range(85))
    (tree / "python" / "mod.py").write_text(f"def long():\n{body}\n")
    res = run(tree)
    assert res.returncode == 1
    assert "function long has 86 lines" in res.stderr


def test_a_long_file_fails_unless_generated(tree: Path):
    long = "\n".join("// line" for _ in range(701)) + "\n"
    (tree / "src" / "text").mkdir()
    (tree / "src" / "text" / "tables.rs").write_text(long)  # generated: exempt
    assert run(tree).returncode == 0
    (tree / "src" / "big.rs").write_text(long)
    res = run(tree)
    assert res.returncode == 1
    assert "src/big.rs: 701 lines" in res.stderr


def test_a_high_median_fails(tree: Path):
    mid = "\n".join("// line" for _ in range(301)) + "\n"
    for name in ("a", "b"):
        (tree / "src" / f"{name}.rs").write_text(mid)
    res = run(tree)
    assert res.returncode == 1
    assert "median code file 301 lines" in res.stderr
