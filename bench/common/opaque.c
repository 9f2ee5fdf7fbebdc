/* Built as its own translation unit and never inlined (the suite does not
 * use LTO): a pointer that passes through here carries no alignment facts
 * the compiler or the syncsan pass could prove, so atomics on it need the
 * run-time alignment check. */
#include "opaque.h"

void *bench_opaque_ptr(void *p) { return p; }
