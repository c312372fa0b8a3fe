# test/lit.cfg.py - the AllocSite lit suite (SPEC §10). Run it from the build tree:
#   ninja -C build check-allocsite        or   lit -sv build/test
# The build tree's lit.site.cfg.py (from lit.site.cfg.py.in) sets the paths used below.
#
# Substitutions, in compiler-rt's style:
#   %clang, %clangxx                  the clang AllocSite was built for, as is
#   %clang_allocsite, %clangxx_allocsite
#                                     the allocsite-clang(++) wrappers: plugin, -gline-tables-only
#                                     unless -g is given, and the runtime when linking
#   %allocsite_plugin                 libAllocSite.so (for opt -load-pass-plugin / -fpass-plugin)
#   %allocsite_runtime                liballocsite.so;  %allocsite_static  liballocsite.a
#   %allocsite_lib_dir, %allocsite_include
#   %allocsite_cli                    the `allocsite` CLI (python3 + script)
#   %allocsite_src_root               the source tree;  %python  the python3 CMake found
#   %allocsite_obj_root, %cmake       the build tree and the cmake that made it (install tests)
#   %run                              prefix for running a test program (empty; compiler-rt symmetry)
#   %opt                              LLVM's opt;  %llvm_version_major  e.g. 14
#   %opaque_pointers                  -opaque-pointers on LLVM 14 (for IR written with `ptr`), else empty
# FileCheck, not, count and opt come first on PATH from LLVM's bin directory.
#   %other_clang, %other_opt, %other_llvm_major
#                                     clang and opt of another installed LLVM (feature other-llvm)
# Features: llvm-<major>, valgrind (when installed), go (when `go tool pprof` can run), other-llvm,
# chromium (Debian's /usr/bin/chromium: the HTML report tests, test/html), promtool, node-exporter.

import os
import shutil

import lit.formats

config.name = "AllocSite"
# lit's internal shell unless LIT_USE_INTERNAL_SHELL=0 asks for bash (as in LLVM's own suites).
use_lit_shell = os.environ.get("LIT_USE_INTERNAL_SHELL", "1").lower() not in ("0", "false", "off", "no")
config.test_format = lit.formats.ShTest(execute_external=not use_lit_shell)
config.suffixes = [".c", ".cpp", ".ll", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py.in"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = getattr(config, "allocsite_test_exec_root", None)
# test/unit is a nested GoogleTest suite (test/unit/lit.cfg.py) once it has a *.cpp.
if not getattr(config, "allocsite_has_unit_tests", False):
    config.excludes.append("unit")

if not hasattr(config, "allocsite_obj_root"):
    lit_config.fatal("run lit on the build tree (lit build/test), not on the source tree: "
                     "build/test/lit.site.cfg.py holds the paths")

# Tools: LLVM's first, then the wrappers and CLI, then the system.
path = [config.llvm_tools_dir, config.allocsite_bin_dir, config.environment.get("PATH", "")]
config.environment["PATH"] = os.pathsep.join(p for p in path if p)
# The runtime's own knobs must come from the test, never from the shell that started lit.
for var in list(config.environment):
    if var.startswith("ALLOCSITE_") or var == "LD_PRELOAD":
        del config.environment[var]
for var in ("HOME", "TMPDIR"):
    if var in os.environ:
        config.environment[var] = os.environ[var]


def bin(name):
    return os.path.join(config.allocsite_bin_dir, name)


# Longer names first: lit substitutes in order, and %clang is a prefix of %clang_allocsite.
config.substitutions += [
    ("%clangxx_allocsite", bin("allocsite-clang++")),
    ("%clang_allocsite", bin("allocsite-clang")),
    ("%clangxx", config.clangxx),
    ("%clang", config.clang),
    ("%allocsite_plugin", config.allocsite_plugin),
    ("%allocsite_runtime", config.allocsite_runtime),
    ("%allocsite_static", config.allocsite_static),
    ("%allocsite_lib_dir", config.allocsite_lib_dir),
    ("%allocsite_include", config.allocsite_include),
    ("%allocsite_cli", "%s %s" % (config.python_executable, bin("allocsite"))),
    ("%allocsite_src_root", config.allocsite_src_root),
    ("%allocsite_obj_root", config.allocsite_obj_root),
    ("%cmake", config.cmake),
    ("%python", config.python_executable),
    ("%run", ""),
    ("%opt", os.path.join(config.llvm_tools_dir, "opt")),
    ("%llvm_version_major", config.llvm_version_major),
    # Textual IR with `ptr` parses in LLVM 14 only with -opaque-pointers (the default from 15,
    # and the flag is gone in 17).
    ("%opaque_pointers", "-opaque-pointers" if config.llvm_version_major == "14" else ""),
    # What the pass's default asm-store threshold does to a 40-call loop (pass/Compat.h).
    ("%asm_store_default", "ASM" if int(config.llvm_version_major) >= 19 else "STORE"),
]

config.available_features.add("llvm-%s" % config.llvm_version_major)
# Feature `lld`: the ld.lld of the LLVM under test (LTO links bitcode of that LLVM: another
# version's lld cannot read it), first on the tests' PATH.
if os.access(os.path.join(config.llvm_tools_dir, "ld.lld"), os.X_OK):
    config.available_features.add("lld")

# Another LLVM's clang and opt (Debian's /usr/lib/llvm-N), newest first: the plugin must refuse
# them in one line. Feature other-llvm; %other_clang, %other_opt, %other_llvm_major.
for other in range(30, 13, -1):
    other_bin = "/usr/lib/llvm-%d/bin" % other
    if str(other) != config.llvm_version_major and all(
            os.access(os.path.join(other_bin, tool), os.X_OK) for tool in ("clang", "opt")):
        config.available_features.add("other-llvm")
        config.substitutions += [
            ("%other_clang", os.path.join(other_bin, "clang")),
            ("%other_opt", os.path.join(other_bin, "opt")),
            ("%other_llvm_major", str(other)),
        ]
        break
if os.access("/usr/bin/chromium", os.X_OK):
    config.available_features.add("chromium")
if shutil.which("valgrind"):
    config.available_features.add("valgrind")
# The repository's .clang-format is clang-format 14's style (another version formats differently).
if shutil.which("clang-format-14"):
    config.available_features.add("clang-format-14")
# Prometheus's promtool and node_exporter (Debian: prometheus, prometheus-node-exporter): test/metrics.
if shutil.which("promtool"):
    config.available_features.add("promtool")
if shutil.which("prometheus-node-exporter") or shutil.which("node_exporter"):
    config.available_features.add("node-exporter")
go = shutil.which("go")
if go:
    config.available_features.add("go")
    config.environment["GOCACHE"] = os.path.join(config.test_exec_root, "gocache")
    config.environment["GOTOOLCHAIN"] = "local"
