#!/bin/sh
# An llvm-symbolizer stand-in that answers every query with line numbers too large for 32 bits:
# 2^64 + 1 (which wrapped to 1) and 2^32 (which is 0 in 32 bits), column 7.
while read -r query; do
  printf 'first\n/src/huge.c:18446744073709551617:7\nsecond\n/src/huge.c:4294967296:7\n\n'
done
