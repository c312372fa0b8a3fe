# test/cli/Inputs/exit-status.py - runs a command and says how it ended, for tests that need the
# exact exit status and the number of lines it wrote: its stderr, then
# "exit N, L stderr lines, B stdout bytes".
import subprocess
import sys

r = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
sys.stdout.write(r.stderr.decode("utf-8", "replace"))
print("exit %d, %d stderr lines, %d stdout bytes" % (r.returncode, r.stderr.count(b"\n"), len(r.stdout)))
