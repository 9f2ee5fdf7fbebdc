/* The public context API's types (<syncsan/syncsan.h>, section "NUMA and
 * containers: topology and context"), without the header's call macros,
 * which would rewrite the definitions. */
#ifndef SYNCSAN_NUMA_CONTEXT_API_H
#define SYNCSAN_NUMA_CONTEXT_API_H
#include "syncsan/syncsan.h"

#undef syncsan_topology
#undef syncsan_recommended_workers
#undef syncsan_pressure
#undef syncsan_on_pressure
#endif
