// runtime/options.h - ALLOCSITE_OPTIONS, parsed once at start-up without allocating.
#ifndef ALLOCSITE_RUNTIME_OPTIONS_H
#define ALLOCSITE_RUNTIME_OPTIONS_H

#include "common.h"

namespace allocsite {

struct Options {
#define ALLOCSITE_OPTION_TYPE_BOOL bool
#define ALLOCSITE_OPTION_TYPE_INT int64_t
#define ALLOCSITE_OPTION_TYPE_STR const char *
#define ALLOCSITE_OPTION_TYPE_CHOICE const char *
#define ALLOCSITE_OPTION(type, name, def, accepted, desc) ALLOCSITE_OPTION_TYPE_##type name;
#include "options.def"
#undef ALLOCSITE_OPTION
};

extern Options g_options;

// Reads ALLOCSITE_OPTIONS (getenv; no allocation). Unknown keys and bad values print one line
// naming the key and the accepted values, and the default stays. help=1 prints the list.
// Idempotent: later calls do nothing.
void options_init();
// Writes the option table (name, default, accepted, description) to fd: for help=1.
void options_print_help(int fd);

} // namespace allocsite

#endif
