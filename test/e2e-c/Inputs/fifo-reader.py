# Runs a program with ALLOCSITE_REPORT=FIFO and opens the FIFO for reading only after DELAY
# seconds; prints what it read, then the program's exit status.
#   fifo-reader.py FIFO DELAY prog args...
import os
import subprocess
import sys
import time

fifo, delay, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
proc = subprocess.Popen(argv, env=dict(os.environ, ALLOCSITE_REPORT=fifo))
time.sleep(delay)
with open(fifo, "rb") as f:
    data = f.read()
status = proc.wait()
sys.stdout.write("read from the FIFO:\n" + data.decode("utf-8", "replace"))
print("exit status", status)
