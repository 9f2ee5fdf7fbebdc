// A system header with an invalid literal order: clang and syncsan leave
// system headers alone.
static inline long sys_load_release(long *p) { return __atomic_load_n(p, __ATOMIC_RELEASE); }
