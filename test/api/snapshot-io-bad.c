// allocsite_snapshot_load on missing, empty, truncated and corrupt files: NULL and exactly one
// line naming the file and what is wrong (with line and column for JSON errors); the program goes
// on. A file with unknown keys, escapes, and numbers the schema does not have (fractions,
// exponents) in keys it does not read, loads.
// RUN: %clang_allocsite -O0 -I%allocsite_include %s -o %t
// RUN: %python -c "import sys; sys.stdout.write('[' * 10000)" > %t.deep.json
// RUN: %run %t %S/Inputs %t.deep.json %t.missing.json 2>&1 \
// RUN:   | FileCheck %s --match-full-lines --implicit-check-not=allocsite
#include <allocsite/allocsite.h>
#include <stdio.h>
#include <string.h>

// Inputs/snapshot-io-bad-NAME.json, each with the one line it must give.
static const char *const kCases[] = {
    // CHECK: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-empty.json': empty file
    // CHECK-NEXT: empty: NULL
    "empty",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-truncated.json': line 4, column 175: unexpected end of file, expected ',' or '}'
    // CHECK-NEXT: truncated: NULL
    "truncated",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-binary.json': line 1, column 1: unexpected byte 0x00, expected a value
    // CHECK-NEXT: binary: NULL
    "binary",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-format.json': not an allocsite file
    // CHECK-NEXT: format: NULL
    "format",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-array.json': not an allocsite file
    // CHECK-NEXT: array: NULL
    "array",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-version.json': unsupported version 2
    // CHECK-NEXT: version: NULL
    "version",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-version-string.json': line 1, column 36: 'version' must be an integer
    // CHECK-NEXT: version-string: NULL
    "version-string",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-escape.json': line 4, column 28: invalid escape in string
    // CHECK-NEXT: escape: NULL
    "escape",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-unicode-escape.json': line 4, column 27: invalid \u escape: expected 4 hex digits
    // CHECK-NEXT: unicode-escape: NULL
    "unicode-escape",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-surrogate.json': line 4, column 27: unpaired UTF-16 surrogate in \u escape
    // CHECK-NEXT: surrogate: NULL
    "surrogate",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-nul-escape.json': line 4, column 27: \u0000 in string is not supported
    // CHECK-NEXT: nul-escape: NULL
    "nul-escape",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-control.json': line 4, column 28: control character in string (must be escaped)
    // CHECK-NEXT: control: NULL
    "control",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-unterminated.json': line 1, column 58: unterminated string
    // CHECK-NEXT: unterminated: NULL
    "unterminated",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-line-fraction.json': line 4, column 41: 'line' must be an integer
    // CHECK-NEXT: line-fraction: NULL
    "line-fraction",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-line-exponent.json': line 4, column 41: 'line' must be an integer
    // CHECK-NEXT: line-exponent: NULL
    "line-exponent",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-line-string.json': line 4, column 41: 'line' must be an integer
    // CHECK-NEXT: line-string: NULL
    "line-string",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-line-leading-zero.json': line 4, column 42: invalid number: leading zero
    // CHECK-NEXT: line-leading-zero: NULL
    "line-leading-zero",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-line-range.json': line 4, column 41: 'line' is out of range
    // CHECK-NEXT: line-range: NULL
    "line-range",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-huge.json': line 4, column 211: 'alloc_calls' is out of range
    // CHECK-NEXT: huge: NULL
    "huge",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-negative.json': line 4, column 155: 'live_bytes' must not be negative
    // CHECK-NEXT: negative: NULL
    "negative",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-literal.json': line 4, column 138: unexpected character ','
    // CHECK-NEXT: literal: NULL
    "literal",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-trailing.json': line 6, column 1: unexpected data after the end of the JSON document
    // CHECK-NEXT: trailing: NULL
    "trailing",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-trailing-comma.json': line 6, column 2: unexpected character ']', expected a value
    // CHECK-NEXT: trailing-comma: NULL
    "trailing-comma",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-missing-key.json': line 4, column 3: missing key 'kind'
    // CHECK-NEXT: missing-key: NULL
    "missing-key",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-unknown-kind.json': line 4, column 109: unknown kind "mallocx"
    // CHECK-NEXT: unknown-kind: NULL
    "unknown-kind",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-sites-object.json': line 1, column 48: 'sites' must be an array
    // CHECK-NEXT: sites-object: NULL
    "sites-object",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-site-number.json': line 1, column 49: each site must be an object
    // CHECK-NEXT: site-number: NULL
    "site-number",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-module-offset.json': line 4, column 283: 'module_offset' must be a hex string like "0x1a2b"
    // CHECK-NEXT: module-offset: NULL
    "module-offset",
    // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/snapshot-io-bad-frame.json': line 4, column 246: missing key 'function'
    // CHECK-NEXT: frame: NULL
    "frame",
};

static void load(const char *path, const char *name) {
  allocsite_snapshot *s = allocsite_snapshot_load(path);
  if (!s) {
    fprintf(stderr, "%s: NULL\n", name);
    return;
  }
  allocsite_statistic *st;
  size_t n = allocsite_snapshot_statistics(s, ALLOCSITE_BY_SITE, &st);
  fprintf(stderr, "%s: %zu sites\n", name, n);
  for (size_t k = 0; k < n; k++)
    fprintf(stderr, "  %s:%u:%u %s [%s] %s+0x%llx size=%llu alloc_bytes=%llu\n",
            st[k].key.file ? st[k].key.file : "(null)", st[k].key.line, st[k].key.column,
            st[k].key.function ? st[k].key.function : "(null)", st[k].key.kind,
            st[k].key.module ? st[k].key.module : "(null)",
            (unsigned long long)st[k].key.module_offset, (unsigned long long)st[k].size,
            (unsigned long long)st[k].alloc_bytes);
  allocsite_free(st);
  allocsite_snapshot_free(s);
}

int main(int argc, char **argv) {
  char path[4096];
  for (size_t i = 0; i < sizeof(kCases) / sizeof(kCases[0]); i++) {
    snprintf(path, sizeof(path), "%s/snapshot-io-bad-%s.json", argv[1], kCases[i]);
    load(path, kCases[i]);
  }
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}.deep.json': line 1, column 65: nested deeper than 64 levels
  // CHECK-NEXT: deep: NULL
  load(argv[2], "deep");
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}.missing.json': No such file or directory
  // CHECK-NEXT: missing: NULL
  load(argv[3], "missing");
  // CHECK-NEXT: allocsite: cannot load snapshot '{{.*}}/Inputs': Is a directory
  // CHECK-NEXT: directory: NULL
  load(argv[1], "directory");
  // CHECK-NEXT: allocsite: cannot load snapshot '(null)': Invalid argument
  // CHECK-NEXT: null: NULL
  load(NULL, "null");
  // Escapes decode to UTF-8 (a surrogate pair to one 4-byte character), an escaped key counts as
  // the key it spells, and hex offsets take either case.
  // CHECK-NEXT: good: 2 sites
  // CHECK-NEXT:   /src/café 😀 "q" \ /.c:7:2 f [new[]] (null)+0x0 size=8 alloc_bytes=8
  // CHECK-NEXT:   (null):0:0 (null) [dynamic] /lib/libz.so+0xffffffffffffffff size=0 alloc_bytes=4096
  snprintf(path, sizeof(path), "%s/snapshot-io-good-extra.json", argv[1]);
  load(path, "good");
  return 0;
}
