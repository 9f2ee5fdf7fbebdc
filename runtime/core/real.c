/* The table of real functions (real.h): the stubs each pointer starts at,
 * the look-up at start-up, and the default look-up of a program without
 * interposers. */
#include "real.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/prctl.h>

#include "syncsan/abi_fast.h"

/* The libstdc++ members, referenced weakly so that C programs link
 * without libstdc++, and GLib's functions (rows.h, SS_IS_LAZY), so that
 * programs link without libglib; their hooks run only in programs that
 * call them. */
#define SS_REAL_CXX_DECL(name, op, group, ret, params, handle, success)                     \
  SS_IF_CXX(op, extern ret name params __attribute__((weak));)                              \
  SS_IF_LAZY(name, extern ret name SYNCSAN_ROW_PROTO params __attribute__((weak));         \
             extern ret ss_interposer_##name SYNCSAN_ROW_PROTO params                       \
                 __attribute__((weak, visibility("hidden")));)
SYNCSAN_INTERCEPTED_CALLS(SS_REAL_CXX_DECL)
#undef SS_REAL_CXX_DECL

/* Without interposers (the runtime alone, or a static link, where the
 * wrapper leaves them out) no definition stands in front of the C
 * library's: the name the executable resolved is the function. The
 * interposers' archive defines the strong version. */
__attribute__((weak)) SS_HIDDEN void *ss_real_lookup(const char *name, void *direct,
                                                    int interposed) {
  (void)name;
  (void)interposed;
  return direct;
}

__attribute__((weak)) SS_HIDDEN int ss_interposers_linked(void) { return 0; }

/* Calling a null pointer would be a crash with no word of why. */
SS_COLD static _Noreturn void missing(const char *name) {
  if (!strncmp(name, "g_", 2))
    ss_printf("==%d==syncsan: %s is called, but GLib's is not loaded in this program "
              "(libglib-2.0 dropped by --as-needed?); link with -Wl,--no-as-needed "
              "-lglib-2.0\n",
              ss_pid(), name);
  else if (!strncmp(name, "_Z", 2))
    ss_printf("==%d==syncsan: %s (a libstdc++ member) is not linked into this program "
              "(libstdc++ dropped by --as-needed?); link with -Wl,--no-as-needed -lstdc++\n",
              ss_pid(), name);
  else
    ss_printf("==%d==syncsan: cannot find the C library's %s (the real function behind "
              "syncsan's interposer); a static program must be linked without "
              "libsyncsan_interpose.a\n",
              ss_pid(), name);
  ss_die();
}

/* A GLib function that no look-up after the executable's found: GLib's
 * shared library where the program did not link it but loaded it since
 * (a plugin that needs it, dlopen'ed with RTLD_LOCAL: no look-up in the
 * global scope finds it), else the executable's own definition of the
 * name (a static libglib, which won over the weak interposer) if it is not
 * the interposer; NULL if none. The table keeps the function, so GLib is
 * made to stay (NODELETE, as Debian builds it anyway) when the plugin
 * goes. */
static void *glib_fallback(const char *name, void *direct, void *interposer) {
  void *f = NULL, *glib = dlopen("libglib-2.0.so.0", RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
  if (glib) {
    f = dlsym(glib, name);
    dlclose(glib); /* the reference NOLOAD took */
  }
  if (!f && direct != interposer)
    f = direct;
  return f;
}

/* resolve_NAME(): the real NAME, stored in the table; missing() if none. */
#define SS_REAL_RESOLVER(name, interposed, fallback)                                        \
  static __typeof__(ss_real_fns.name) resolve_##name(void) {                                \
    __typeof__(ss_real_fns.name) f =                                                        \
        (__typeof__(f))ss_real_lookup(#name, (void *)&name, interposed);                    \
    fallback;                                                                               \
    if (SS_UNLIKELY(!f))                                                                     \
      missing(#name);                                                                       \
    __atomic_store_n(&ss_real_fns.name, f, __ATOMIC_RELAXED);                               \
    return f;                                                                               \
  }
#define SS_REAL_ROW_RESOLVER(name, op, group, ret, params, handle, success)                 \
  SS_REAL_RESOLVER(name, !SS_IS_CXX(op),                                                   \
                   SS_IF_LAZY(name, if (!f) f = (__typeof__(f))glib_fallback(                  \
                                        #name, (void *)&name, (void *)&ss_interposer_##name)))
SYNCSAN_INTERCEPTED_CALLS(SS_REAL_ROW_RESOLVER)
#undef SS_REAL_ROW_RESOLVER
#define SS_REAL_EXTRA_RESOLVER(name, ret, params) SS_REAL_RESOLVER(name, 1, (void)0)
SS_REAL_EXTRAS(SS_REAL_EXTRA_RESOLVER)
#undef SS_REAL_EXTRA_RESOLVER

/* The stubs: what a pointer calls until it has been looked up. */
#define SS_REAL_STUB(name, op, group, ret, params, handle, success)                         \
  static ret stub_##name(SS_NAMED params) {                                                 \
    SS_RETURN_##success resolve_##name()(SS_NAMES params);                                  \
  }
SYNCSAN_INTERCEPTED_CALLS(SS_REAL_STUB)
#undef SS_REAL_STUB

static int stub_pthread_setname_np(pthread_t th, const char *name) {
  return resolve_pthread_setname_np()(th, name);
}

/* prctl takes up to four more arguments, as unsigned longs; they are
 * passed on as they came, whatever the option (glibc's own prctl reads
 * them the same way). */
static int stub_prctl(int option, ...) {
  va_list ap;
  va_start(ap, option);
  unsigned long a2 = va_arg(ap, unsigned long), a3 = va_arg(ap, unsigned long),
                a4 = va_arg(ap, unsigned long), a5 = va_arg(ap, unsigned long);
  va_end(ap);
  return resolve_prctl()(option, a2, a3, a4, a5);
}

/* sem_open reads a mode and a value only with O_CREAT; they are passed on
 * either way, as the C library ignores them otherwise. */
static sem_t *stub_sem_open(const char *name, int oflag, ...) {
  va_list ap;
  va_start(ap, oflag);
  unsigned mode = 0, value = 0;
  if (oflag & O_CREAT) {
    mode = va_arg(ap, unsigned); /* mode_t, promoted */
    value = va_arg(ap, unsigned);
  }
  va_end(ap);
  return resolve_sem_open()(name, oflag, mode, value);
}

static int stub_sem_close(sem_t *s) { return resolve_sem_close()(s); }

/* mq_open reads a mode and an attribute pointer only with O_CREAT. */
static mqd_t stub_mq_open(const char *name, int oflag, ...) {
  va_list ap;
  va_start(ap, oflag);
  unsigned mode = 0;
  struct mq_attr *attr = NULL;
  if (oflag & O_CREAT) {
    mode = va_arg(ap, unsigned); /* mode_t, promoted */
    attr = va_arg(ap, struct mq_attr *);
  }
  va_end(ap);
  return resolve_mq_open()(name, oflag, mode, attr);
}

static int stub_mq_setattr(mqd_t q, const struct mq_attr *attr, struct mq_attr *old) {
  return resolve_mq_setattr()(q, attr, old);
}

SS_HIDDEN struct ss_real_fns ss_real_fns = {
#define SS_REAL_INIT(name, ...) .name = stub_##name,
    SYNCSAN_INTERCEPTED_CALLS(SS_REAL_INIT) SS_REAL_EXTRAS(SS_REAL_INIT)
#undef SS_REAL_INIT
};
/* The real functions the pass's in-line lock path calls, in the fixed
 * order of <syncsan/abi_fast.h> (not the rows', which may grow in the
 * middle): the stubs until start-up has looked the functions up. */
SS_HIDDEN void *ss_fast_real[SYNCSAN_FAST_REAL_COUNT] = {
#define SS_FAST_REAL_INIT(name) (void *)stub_##name,
    SYNCSAN_FAST_REAL_FNS(SS_FAST_REAL_INIT)
#undef SS_FAST_REAL_INIT
};
extern void *__syncsan_fast_v1_real[SYNCSAN_FAST_REAL_COUNT]
    __attribute__((alias("ss_fast_real"), visibility("hidden")));

/* Start-up looks every function up, so that no hook of the running
 * program pays for it. One that is missing (a libstdc++ member in a C
 * program) keeps its stub: a call, if one ever comes, says what is
 * missing. GLib's are left to their stubs: their first call looks them
 * up, when the program (or a library it loaded since) has GLib. */
SS_HIDDEN void ss_real_init(void) {
#define SS_REAL_EAGER(name, interposed)                                                     \
  do {                                                                                      \
    void *f = ss_real_lookup(#name, (void *)&name, interposed);                             \
    if (f)                                                                                  \
      __atomic_store_n(&ss_real_fns.name, (__typeof__(ss_real_fns.name))f,                  \
                       __ATOMIC_RELAXED);                                                   \
  } while (0);
#define SS_REAL_ROW_EAGER(name, op, group, ret, params, handle, success)                    \
  SS_UNLESS_LAZY(name, SS_REAL_EAGER(name, !SS_IS_CXX(op)))
  SYNCSAN_INTERCEPTED_CALLS(SS_REAL_ROW_EAGER)
#undef SS_REAL_ROW_EAGER
#define SS_REAL_EXTRA_EAGER(name, ret, params) SS_REAL_EAGER(name, 1)
  SS_REAL_EXTRAS(SS_REAL_EXTRA_EAGER)
#undef SS_REAL_EXTRA_EAGER
#undef SS_REAL_EAGER
#define SS_FAST_REAL_SET(name)                                                              \
  __atomic_store_n(&ss_fast_real[SYNCSAN_FAST_REAL_##name], (void *)ss_real_fns.name,       \
                   __ATOMIC_RELAXED);
  SYNCSAN_FAST_REAL_FNS(SS_FAST_REAL_SET)
#undef SS_FAST_REAL_SET
}
