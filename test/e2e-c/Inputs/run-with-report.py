# Runs a program with ALLOCSITE_REPORT set to a path of a given length, echoes its stderr, then the
# lengths of its stderr lines and its exit status (lit's shell cannot build such a path).
#   run-with-report.py --long-path N prog args...
#     N bytes: "/nonexistent" + "/abcdefghi" * k + "/r.txt", padded with "x" before "/r.txt".
import subprocess
import sys

args = sys.argv[1:]
if args[:1] != ["--long-path"] or len(args) < 3:
    sys.exit("usage: run-with-report.py --long-path N prog args...")
n = int(args[1])
head, tail = "/nonexistent", "/r.txt"
body = "/abcdefghi" * ((n - len(head) - len(tail)) // 10)
path = head + body + "a" * (n - len(head) - len(body) - len(tail)) + tail
assert len(path) == n
env = {"ALLOCSITE_REPORT": path}
proc = subprocess.run(args[2:], env=env, stderr=subprocess.PIPE)
err = proc.stderr.decode("utf-8", "replace")
sys.stdout.write(err)
print("stderr line lengths:", " ".join(str(len(line)) for line in err.splitlines()))
print("exit status", proc.returncode)
