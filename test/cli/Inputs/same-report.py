"""same-report.py RUNTIME.txt CLI.txt: the two text reports are the same, line for line, but for
the pid and the resident-memory figures (runtime's own memory, code/stacks/data, RSS), which differ
between two runs of one program. Prints a unified diff and exits 1 when they are not."""
import difflib
import re
import sys

RUN_DEPENDENT = re.compile(r"^(allocsite report \(pid )[0-9]+|^(  [+=] (runtime's own memory|code, stacks, data|allocator, code, stacks|RSS)) .*")


def normal(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [RUN_DEPENDENT.sub(lambda m: (m.group(1) or m.group(2)) + "...", line) for line in f]


runtime, cli = normal(sys.argv[1]), normal(sys.argv[2])
if runtime != cli:
    sys.stdout.writelines(difflib.unified_diff(runtime, cli, sys.argv[1], sys.argv[2]))
    sys.exit(1)
