// runtime/report.h - the report at exit (ALLOCSITE_REPORT) in text and JSON (SPEC §6), and the
// memory reconciliation both print (SPEC §8).
#ifndef ALLOCSITE_RUNTIME_REPORT_H
#define ALLOCSITE_RUNTIME_REPORT_H

#include "common.h"

namespace allocsite {

// At start-up, with ALLOCSITE_REPORT's value then (may be null): keeps what the report at exit
// will need from the start: a duplicate of the initial stderr, for a report asked for there and
// for the line saying that a report file could not be written.
void report_prepare(const char *dest);

// Called once, after main returned and static destructors ran (or on exit()). Reads
// ALLOCSITE_REPORT itself; does nothing when it is unset, empty or "0".
void report_at_exit();

// Writes a report of the current counters to fd in the given format (used by report_at_exit and
// by the in-process API).
void report_write_text(int fd);
void report_write_json(int fd);
// Only the "memory (why traced != RSS)" block of the text report (SPEC §8).
void report_write_memory_text(int fd);

} // namespace allocsite

#endif
