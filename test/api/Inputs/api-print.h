/* test/api/Inputs/api-print.h - prints statistics and diffs one row per line for FileCheck:
 *   row: FILE:LINE:COLUMN FUNCTION KIND [domain=D] size=S count=C alloc_bytes=B alloc_calls=N
 *   diff: FILE:LINE:COLUMN FUNCTION KIND size=S (+D) count=C (+D)
 * Only instrumented rows: the dynamic sites of libc (stdio buffers, ...) differ between systems.
 * Tracked rows (domain != 0 or kind "tracked") are printed too. */
#ifndef API_PRINT_H
#define API_PRINT_H
#include <stdio.h>
#include <string.h>

#include "allocsite/allocsite.h"

static inline int api_row_wanted(const allocsite_site_info *k) {
  return k->instrumented || k->domain || (k->kind && strcmp(k->kind, "tracked") == 0);
}

static inline void api_print_key(const allocsite_site_info *k) {
  printf("%s:%u:%u %s %s", k->file ? k->file : "-", k->line, k->column,
         k->function ? k->function : "-", k->kind ? k->kind : "-");
  if (k->domain)
    printf(" domain=%u", k->domain);
}

static inline void api_print_stats(const char *label, const allocsite_snapshot *s,
                                   allocsite_key_type key) {
  allocsite_statistic *rows;
  size_t n = allocsite_snapshot_statistics(s, key, &rows);
  printf("%s:\n", label);
  for (size_t i = 0; i < n; i++) {
    if (!api_row_wanted(&rows[i].key))
      continue;
    printf("  ");
    api_print_key(&rows[i].key);
    printf(" size=%llu count=%llu alloc_bytes=%llu alloc_calls=%llu\n",
           (unsigned long long)rows[i].size, (unsigned long long)rows[i].count,
           (unsigned long long)rows[i].alloc_bytes, (unsigned long long)rows[i].alloc_calls);
  }
  printf("end\n");
  allocsite_free(rows);
}

static inline void api_print_diffs(const char *label, const allocsite_snapshot *now,
                                   const allocsite_snapshot *old, allocsite_key_type key) {
  allocsite_statistic_diff *rows;
  size_t n = allocsite_snapshot_compare_to(now, old, key, &rows);
  printf("%s:\n", label);
  for (size_t i = 0; i < n; i++) {
    if (!api_row_wanted(&rows[i].key))
      continue;
    printf("  ");
    api_print_key(&rows[i].key);
    printf(" size=%llu (%+lld) count=%llu (%+lld)\n", (unsigned long long)rows[i].size,
           (long long)rows[i].size_diff, (unsigned long long)rows[i].count,
           (long long)rows[i].count_diff);
  }
  printf("end\n");
  allocsite_free(rows);
}

#endif
