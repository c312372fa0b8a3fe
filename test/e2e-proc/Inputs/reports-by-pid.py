# Prints the JSON reports a process tree wrote, in a fixed order, for FileCheck.
# usage: reports-by-pid.py PIDS_FILE REPORT_DIR
# PIDS_FILE has lines "ROLE PID" (e.g. "parent 123", "child 124"); REPORT_DIR must hold exactly one
# file per line, named *.PID.json. For each line, in order, prints "== ROLE PID ==" and the file.
import os
import sys

pids_file, report_dir = sys.argv[1], sys.argv[2]
with open(pids_file) as f:
    roles = [line.split() for line in f if line.strip()]
files = sorted(os.listdir(report_dir))
expected = sorted(f"r.{pid}.json" for _, pid in roles)
if files != expected:
    sys.exit(f"reports-by-pid: {report_dir} holds {files}, expected {expected}")
for role, pid in roles:
    print(f"== {role} {pid} ==")
    with open(os.path.join(report_dir, f"r.{pid}.json")) as f:
        sys.stdout.write(f.read())
    print()
