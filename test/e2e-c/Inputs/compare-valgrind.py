# Compares valgrind's heap summary with an AllocSite JSON report's totals (test/e2e-c/valgrind*).
#   compare-valgrind.py VALGRIND_LOG ALLOCSITE_JSON
# Prints `MATCH allocs=N frees=M bytes=B in_use=X blocks=Y` when all five agree; otherwise prints
# both sets of numbers and exits 1. Valgrind, like AllocSite, counts a realloc as an allocation
# and a free.
import json
import re
import sys


def valgrind_numbers(path):
    text = open(path).read()
    in_use = re.search(r"in use at exit: ([\d,]+) bytes in ([\d,]+) blocks", text)
    usage = re.search(r"total heap usage: ([\d,]+) allocs, ([\d,]+) frees, ([\d,]+) bytes allocated",
                      text)
    if not in_use or not usage:
        sys.exit("error: no HEAP SUMMARY in %s:\n%s" % (path, text))
    num = lambda s: int(s.replace(",", ""))
    return {"allocs": num(usage.group(1)), "frees": num(usage.group(2)),
            "bytes": num(usage.group(3)), "in_use": num(in_use.group(1)),
            "blocks": num(in_use.group(2))}


def allocsite_numbers(path):
    totals = json.load(open(path))["totals"]
    return {"allocs": totals["alloc_calls"], "frees": totals["free_calls"],
            "bytes": totals["alloc_bytes"], "in_use": totals["live_bytes"],
            "blocks": totals["live_blocks"]}


def show(numbers):
    return " ".join("%s=%d" % (k, numbers[k]) for k in ("allocs", "frees", "bytes", "in_use", "blocks"))


vg = valgrind_numbers(sys.argv[1])
site = allocsite_numbers(sys.argv[2])
if vg != site:
    print("MISMATCH\n  valgrind:  %s\n  allocsite: %s" % (show(vg), show(site)))
    sys.exit(1)
print("MATCH " + show(vg))
