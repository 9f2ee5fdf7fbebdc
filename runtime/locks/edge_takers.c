/* The takers of lock-order edges (edge_takers.h). */
#include "edge_takers.h"

#include "core/happens_before.h"

#define MANY (SS_EDGE_TAKERS + 1)

SS_HIDDEN int ss_edge_note_taker(struct ss_edge *e, uint32_t tid) {
  if (e->ntakers > SS_EDGE_TAKERS)
    return 1;
  for (uint32_t i = 0; i < e->ntakers; i++)
    if (e->takers[i] == tid)
      return 0;
  if (e->ntakers == SS_EDGE_TAKERS)
    e->ntakers = MANY; /* too many to tell apart: never finished */
  else
    e->takers[e->ntakers++] = tid;
  return 1;
}

SS_HIDDEN void ss_edge_merge_takers(struct ss_edge *to, const struct ss_edge *from) {
  if (from->ntakers > SS_EDGE_TAKERS) {
    to->ntakers = MANY;
    return;
  }
  for (uint32_t i = 0; i < from->ntakers; i++)
    ss_edge_note_taker(to, from->takers[i]);
}

SS_HIDDEN int ss_edge_finished_before(const struct ss_edge *e) {
  if (e->ntakers == 0 || e->ntakers > SS_EDGE_TAKERS)
    return 0;
  for (uint32_t i = 0; i < e->ntakers; i++)
    if (!ss_hb_finished_before(e->takers[i]))
      return 0;
  return 1;
}
