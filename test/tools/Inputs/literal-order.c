long g;
long load_release(void) { return __atomic_load_n(&g, __ATOMIC_RELEASE); }
long load_acquire(void) { return __atomic_load_n(&g, __ATOMIC_ACQUIRE); }
