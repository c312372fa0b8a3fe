# test/unit/lit.cfg.py - runs the GoogleTest binaries built from test/unit/*.cpp (any executable
# named *Tests in the build tree's test/unit) as a nested lit suite, one lit test per TEST().

import os

import lit.formats

config.name = "AllocSite-Unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = config.allocsite_unit_test_dir
config.test_exec_root = config.allocsite_unit_test_dir
for var in list(config.environment):
    if var.startswith("ALLOCSITE_") or var == "LD_PRELOAD":
        del config.environment[var]
