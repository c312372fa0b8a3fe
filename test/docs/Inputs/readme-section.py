"""Prints the lines of a Markdown file between <!-- NAME:begin --> and <!-- NAME:end -->."""
import sys

path, name = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().splitlines()
try:
    start = lines.index("<!-- %s:begin -->" % name) + 1
    end = lines.index("<!-- %s:end -->" % name)
except ValueError:
    sys.exit("%s: no <!-- %s:begin --> ... <!-- %s:end --> section" % (path, name, name))
print("\n".join(lines[start:end]))
