#ifndef BENCH_OPAQUE_H
#define BENCH_OPAQUE_H
/* Returns p, hidden from the optimiser (defined in opaque.c). */
void *bench_opaque_ptr(void *p);
#endif
