# Runs a program and prints `exit status N` after it (its stderr passes through): lit's shell can
# only tell zero from non-zero, and some tests need the exact status.
import subprocess
import sys

status = subprocess.call(sys.argv[1:])
sys.stderr.flush()
print("exit status %d" % status, flush=True)
