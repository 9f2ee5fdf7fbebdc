/* Sites for calls the pass never saw. An interposed pthread or C11
 * function (called from code syncsan did not compile) has no static site
 * record, so the runtime makes one per return address: flagged
 * SYNCSAN_SITE_DYNAMIC, with its file and function filled in by the
 * symbolizer when a report first prints it. One record per (pc, op), so
 * deduplication by site works as for static sites. The table is bounded:
 * when it is full, calls share one record per operation (a one-time
 * warning says so). */
#ifndef SYNCSAN_DYNSITE_H
#define SYNCSAN_DYNSITE_H
#include "internal.h"

SS_HIDDEN const struct syncsan_site *ss_site_for_pc(uintptr_t pc, uint32_t op);
/* The return address a dynamic site stands for; 0 for a static site. */
SS_HIDDEN uintptr_t ss_site_pc(const struct syncsan_site *site);
/* Fills a dynamic site's file, line and function in from the symbolizer,
 * once (report paths: it symbolizes); nothing for other sites. */
SS_HIDDEN void ss_dynsite_resolve(const struct syncsan_site *site);
#endif
