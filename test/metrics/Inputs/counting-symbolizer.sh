#!/bin/sh
# counting-symbolizer.sh - llvm-symbolizer (from PATH) that appends one line to $SYMBOLIZER_LOG
# each time it is started.
echo started >> "$SYMBOLIZER_LOG"
exec llvm-symbolizer "$@"
