/* A second source for syncsan-check's tests: one mixed access. */
int flag;
void set(void) { __atomic_store_n(&flag, 1, __ATOMIC_RELEASE); }
int get(void) { return flag; }
