/* Start-up of the runtime: options, log, every family's start-up
 * callbacks in table order, the main thread, and the exit handlers
 * (exit.c). Which families there are is the composition root's business
 * (runtime/init.c); this file only walks its table. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>

#include "exit.h"
#include "family.h"
#include "flags.h"
#include "fork.h"
#include "real.h"
#include "modules.h"
#include "report.h"
#include "suppress.h"
#include "thread.h"

SS_HIDDEN int ss_inited;
static int init_state; /* 0 not started, 1 running, 2 done */

static void init_once(void) {
  /* First: every later step may call the C library's intercepted functions. */
  ss_real_init();
  ss_flags_init();
  ss_log_open(ss_flags.log_path);
  ss_log_ready();
  if (ss_flags.help) {
    ss_flags_print_help();
    ss_exit_group(0);
  }
  ss_suppress_init();
  ss_modules_init();
  /* Before any family starts a thread and before the program registers
   * handlers of its own: ours then run last before a fork, first after. */
  ss_fork_init();
  for (unsigned i = 0; i < ss_nfamilies; i++)
    if (ss_families[i]->init)
      ss_families[i]->init();
  ss_thread_init_main();
  ss_exit_init();
  ss_fatal_signal_init();
  if (ss_flags.verbosity >= 1)
    ss_printf("==%d==SyncSanitizer: runtime initialised (ABI %d)\n", ss_pid(),
              SYNCSAN_ABI_VERSION);
}

SS_HIDDEN void ss_ensure_init(void) {
  if (SS_LIKELY(__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) == 2))
    return;
  int expected = 0;
  if (__atomic_compare_exchange_n(&init_state, &expected, 1, 0, __ATOMIC_ACQ_REL,
                                  __ATOMIC_ACQUIRE)) {
    /* Start-up builds every shared table: a hook re-entered meanwhile on
     * this thread (a signal handler) runs unchecked. */
    ss_enter_runtime();
    init_once();
    ss_leave_runtime();
    ss_inited = 1;
    __atomic_store_n(&init_state, 2, __ATOMIC_RELEASE);
    return;
  }
  /* Another thread is initialising. A hook re-entered from init itself on
   * this thread must not wait for itself. */
  if (ss_in_hook())
    return;
  while (__atomic_load_n(&init_state, __ATOMIC_ACQUIRE) != 2)
    sched_yield();
}

/* A thread seen first in a hook (one the pass did not see created, or the
 * first hook of the process) starts the runtime if nothing has yet, then
 * registers. It lives here, not in thread.c, so that the registry never
 * calls up into start-up, which calls it. */
SS_HIDDEN struct ss_thread *ss_thread_register_slow(void) {
  ss_ensure_init();
  return ss_thread_register_unseen();
}

/* An instrumented module's site records, function and file names and
 * lock-typed globals are kept by pointer everywhere: in held stacks, the
 * lock table, the order graph, profiles and reports, for as long as the
 * process lives. A dlclose that unmapped the module would leave them all
 * dangling (the exit-time lock-held-at-exit check and the profile table
 * read them after the library is gone). So every instrumented module stays
 * loaded: its constructor calls __syncsan_init, the return address names
 * the module, and re-opening that module with RTLD_NODELETE keeps it mapped
 * after the program's last dlclose (its destructors run at exit instead).
 * The executable, where the runtime itself lives, is never unloaded. */
static void keep_module_loaded(const void *caller) {
  Dl_info mod, self;
  if (!dladdr(caller, &mod) || !mod.dli_fname || !mod.dli_fname[0])
    return;
  if (dladdr((const void *)&keep_module_loaded, &self) && self.dli_fbase == mod.dli_fbase)
    return;
  /* The handle is never closed: its reference is the point. */
  (void)dlopen(mod.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
}

SS_EXPORT void __syncsan_init(uint32_t abi_version) {
  ss_ensure_init();
  if (abi_version != SYNCSAN_ABI_VERSION) {
    ss_printf("==%d==syncsan: a module was compiled for syncsan ABI %u but this runtime "
              "implements ABI %d; rebuild it with this syncsan\n",
              ss_pid(), abi_version, SYNCSAN_ABI_VERSION);
    ss_exit_group(1);
  }
  int saved = errno;
  keep_module_loaded(__builtin_return_address(0));
  errno = saved;
}

/* Initialise before any constructor runs, as the sanitizers do, so that
 * locks taken by constructors of any module are seen by a ready runtime.
 * libc has not set up `environ` yet at this point; the dynamic linker
 * passes the environment to preinit functions, so options come from it. */
static void preinit(int argc, char **argv, char **envp) {
  (void)argc;
  (void)argv;
  ss_env_preinit(envp);
  ss_ensure_init();
  ss_env_preinit(NULL);
}
__attribute__((section(".preinit_array"), used)) static void (*ss_preinit_entry)(int, char **,
                                                                                 char **) = preinit;

/* Public API: is the runtime present? (The header's inline fallback says no.) */
SS_EXPORT int syncsan_is_active(void) { return 1; }
