"""watch-exec.py ALLOCSITE PROGRAM DIR: `allocsite watch PID` on a process that gets its dump
options only when it execs, 0.3 s after it started (as a program the runtime re-executes with
itself preloaded is, briefly, another image): watch must wait for them, not give up at once."""
import os
import re
import subprocess
import sys

allocsite, program, work = sys.argv[1:4]
go, stop = os.path.join(work, "go"), os.path.join(work, "stop")
options = "dump_interval_ms=200:dump_path=%s/e.%%n.json" % work
child = subprocess.Popen(["sh", "-c", 'sleep 0.3; exec env ALLOCSITE_OPTIONS="$0" "$1" "$2" "$3"',
                          options, program, go, stop])
watch = subprocess.Popen([allocsite, "watch", str(child.pid), "--interval", "0.2"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
for line in watch.stdout:
    if re.search(r"watched\.c:18", line):
        print(re.sub(r"pid [0-9]+", "pid N", line.rstrip()))
        break
else:
    print("watch ended without a frame")
open(go, "w").close()
open(stop, "w").close()
print("watch status %d, program status %d" % (watch.wait(), child.wait()))
