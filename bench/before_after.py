"""Load time before and after the loader's speed-ups, on the same generated data.

    python bench/before_after.py --councils 10

"Before" is the loader (loaders/yamlfile.py and loaders/register.py) as it was at
commit :data:`BEFORE`, read from git into a fresh process: PyYAML's pure-Python parser
and generic constructor, the cycle collector running during the load, every fact kept
as its YAML mapping until the end. "After" is the loader in the working tree. Each
variant loads in its own process so neither inherits the other's heap.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


#: The last commit whose loader predates the benchmark work.
BEFORE = "36b831e"


def _before():
    """``load_datasets`` as it was at :data:`BEFORE`, read from git into this process."""
    modules = {}
    for name in ("yamlfile", "register"):
        source = subprocess.run(["git", "show", f"{BEFORE}:loaders/{name}.py"], cwd=HERE,
                                capture_output=True, text=True, check=True).stdout
        source = source.replace("govgraph.loaders.yamlfile import", "govgraph_before_yamlfile import")
        module = types.ModuleType(f"govgraph_before_{name}")
        sys.modules[module.__name__] = module
        exec(compile(source, f"{BEFORE}:loaders/{name}.py", "exec"), module.__dict__)
        modules[name] = module
    return modules["register"].load_datasets


def _one(variant: str, folder: Path) -> dict:
    from timing import peak_rss_mb

    if variant == "before":
        load_datasets = _before()
    else:
        from govgraph.loaders import load_datasets

    start = time.perf_counter()
    G = load_datasets([folder])
    return {"seconds": time.perf_counter() - start, "peak_rss_mb": peak_rss_mb(),
            "facts": G.nx.number_of_edges()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--councils", type=int, default=10)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--data-root", type=Path, default=Path(tempfile.gettempdir()) / "govgraph-bench")
    parser.add_argument("--variant", choices=["before", "after"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(_one(args.variant, args.folder)))
        return 0
    from run import data_dir

    folder = data_dir(args.data_root, args.councils, 0, args.years)
    found = {}
    for variant in ("before", "after"):
        done = subprocess.run([sys.executable, __file__, "--variant", variant, "--folder", str(folder)],
                              capture_output=True, text=True, check=True)
        found[variant] = json.loads(done.stdout)
        print(f"{variant:>6}: {found[variant]['seconds']:7.1f} s, peak {found[variant]['peak_rss_mb']:6.0f} MB, "
              f"{found[variant]['facts']:,} facts", flush=True)
    print(f"speed-up: {found['before']['seconds'] / found['after']['seconds']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
