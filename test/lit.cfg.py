# lit configuration for syncsan's pass and runtime tests.
import os
import subprocess

import lit.formats

config.name = "syncsan"
# External shell: tests use ordinary shell redirections and pipelines.
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".ll", ".c", ".cpp", ".test"]
config.excludes = ["Inputs", "unit", "utils", "CMakeLists.txt"]
config.test_source_root = os.path.dirname(__file__)
# -O level of this run (ctest runs the suite at -O0 and at -O2, in
# parallel: each level writes its binaries under its own directory).
config.opt_level = lit_config.params.get("opt", "-O2")
config.test_exec_root = os.path.join(config.syncsan_obj_root, "test", config.opt_level.lstrip("-"))
config.available_features.add("opt" + config.opt_level)
# Tests that make files owned by another user need to be root.
if hasattr(os, "geteuid") and os.geteuid() == 0:
    config.available_features.add("root")

plugin = os.path.join(config.syncsan_libdir, "syncsan-pass.so")
# The front-end plugin is built only where clang's headers are installed.
if os.path.exists(os.path.join(config.syncsan_libdir, "syncsan-frontend.so")):
    config.available_features.add("syncsan-frontend")
utils = os.path.join(config.test_source_root, "utils")
# OpenMP tests need LLVM's OpenMP runtime (Debian's libomp-19-dev, which
# scripts/setup.sh installs); without it they are unsupported, not failed.
if os.path.exists(os.path.join(os.path.dirname(config.llvm_tools_dir), "lib", "libomp.so")):
    config.available_features.add("openmp")

# GLib tests (GAsyncQueue, a built-in queue) need GLib's headers and
# pkg-config (Debian's libglib2.0-dev and pkg-config, which
# scripts/setup.sh installs); without them they are unsupported.
def pkg_config(*args):
    try:
        r = subprocess.run(["pkg-config"] + list(args), capture_output=True, text=True)
    except OSError:
        return None
    return r.stdout.strip() if r.returncode == 0 else None
glib_cflags = pkg_config("--cflags", "glib-2.0")
glib_libs = pkg_config("--libs", "glib-2.0")
if glib_cflags is not None and glib_libs is not None:
    config.available_features.add("glib")
config.substitutions.append(("%glib_cflags", glib_cflags or ""))
config.substitutions.append(("%glib_libs", glib_libs or ""))

config.substitutions.append(("%syncsan-cc", os.path.join(config.syncsan_bindir, "syncsan-cc")))
config.substitutions.append(("%syncsan-cxx", os.path.join(config.syncsan_bindir, "syncsan-c++")))
config.substitutions.append(("%plugin", plugin))
config.substitutions.append(("%opt", "%s -load-pass-plugin=%s" % (os.path.join(config.llvm_tools_dir, "opt"), plugin)))
config.substitutions.append(("%clang", config.syncsan_clang))
config.substitutions.append(("%O", config.opt_level))
config.substitutions.append(("%openmp", "-fopenmp"))
config.substitutions.append(("%expect-exit", os.path.join(utils, "expect-exit")))
config.substitutions.append(("%srcroot", config.syncsan_src_root))
config.substitutions.append(("%builddir", config.syncsan_obj_root))

config.environment["PATH"] = os.pathsep.join([config.llvm_tools_dir, config.syncsan_bindir,
                                              config.environment.get("PATH", "")])
# Tests set their own runtime options; inherit none from the caller.
for var in ["SYNCSAN_OPTIONS", "SYNCSAN_PASS_OPTIONS"]:
    config.environment.pop(var, None)
