/* A report section's frames: its site, then the call stack above it.
 *
 * Frame #0 is the site record (exact, from the pass). The stack was
 * captured from the hook's return address, so its first return address
 * is normally in the site's own function, and the frames to print above
 * #0 are that address's outer inlined frames and then the later return
 * addresses. Two cases move the site's frame up the stack: a site the
 * pass took from the caller of a wrapper (SYNCSAN_SITE_CALLER: the hook
 * was called from inside the wrapper, a system-header one such as
 * std::mutex::lock at -O0 or a lock wrapper of the program), and any
 * capture that started lower than expected. So the site's frame is looked
 * for among the first few return addresses by its file and line, and the
 * frames below it are not printed (they are the wrapper's, which the site
 * already names: "via std::mutex::lock"). Not found (no line numbers, no
 * symbolizer): the first return address is taken as the site's.
 *
 * A dynamic site (an interposed call) has no record of its own to print:
 * it is filled in from the symbolizer (dynsite.c), and its stack starts at
 * its own return address. */
#include "report_frames.h"

#include <string.h>

#include "dynsite.h"

#define MATCH_PCS 8 /* how far up the site's frame is looked for */
#define MAX_INLINE 16

static const char *base_name(const char *p) {
  const char *s = p ? strrchr(p, '/') : NULL;
  return s ? s + 1 : p ? p : "";
}

static int same_place(const struct ss_frame *f, const struct syncsan_site *s) {
  return s->line && f->file && f->line == s->line &&
         !strcmp(base_name(f->file), base_name(s->file));
}

static int site_is_wrapper(const struct syncsan_site *s) {
  if (s->flags & SYNCSAN_SITE_CALLER)
    return 0; /* the user's call of a wrapper */
  return (s->flags & SYNCSAN_SITE_WRAPPER) || ss_function_is_wrapper(s->function);
}

static void add_pc(struct ss_rframes *out, uintptr_t pc, const struct ss_frame *f, unsigned nf,
                   unsigned from) {
  for (unsigned j = from; j < nf && out->n < SS_RFRAMES_MAX; j++) {
    struct ss_rframe *r = &out->fr[out->n++];
    r->site = NULL;
    r->f = f[j];
    r->pc = pc;
    r->inlined = j > 0;
    r->wrapper = (uint8_t)ss_function_is_wrapper(f[j].function);
  }
}

SS_HIDDEN void ss_rframes_build(struct ss_rframes *out, const struct syncsan_site *site,
                                ss_stack_id stack) {
  out->n = 0;
  out->user = 0;
  const uintptr_t *pcs;
  unsigned n = ss_stack_pcs(stack, &pcs);
  struct ss_frame f[MAX_INLINE];
  unsigned k = 0, from = 0, nf;
  if (site) {
    ss_dynsite_resolve(site);
    struct ss_rframe *r = &out->fr[out->n++];
    memset(r, 0, sizeof(*r));
    r->site = site;
    r->wrapper = (uint8_t)site_is_wrapper(site);
    if (n && !ss_site_pc(site)) {
      int found = 0;
      for (unsigned i = 0; i < n && i < MATCH_PCS && !found; i++) {
        nf = ss_symbolize_pc(pcs[i], f, MAX_INLINE);
        for (unsigned j = 0; j < nf; j++)
          if (same_place(&f[j], site)) {
            k = i;
            from = j + 1;
            found = 1;
            break;
          }
      }
      if (!found)
        k = 0, from = 1;
    } else if (n) {
      from = 1; /* pcs[0] is the dynamic site's own address */
    }
  }
  for (unsigned i = k; i < n; i++) {
    nf = ss_symbolize_pc(pcs[i], f, MAX_INLINE);
    add_pc(out, pcs[i], f, nf, i == k ? from : 0);
  }
  unsigned u = 0;
  while (u < out->n && out->fr[u].wrapper)
    u++;
  out->user = u < out->n ? u : (out->n ? out->n - 1 : 0);
}

SS_HIDDEN uint64_t ss_rframe_key(const struct ss_rframes *fr) {
  if (fr->n == 0)
    return 0;
  const struct ss_rframe *r = &fr->fr[fr->user];
  if (r->site)
    return (uintptr_t)r->site;
  /* An inlined frame's depth tells apart the callers inlined at one pc. */
  unsigned depth = 0;
  for (unsigned i = fr->user; i > 0 && fr->fr[i - 1].pc == r->pc && fr->fr[i - 1].site == NULL;
       i--)
    depth++;
  return ss_mix64(r->pc) ^ depth;
}

SS_HIDDEN uint64_t ss_user_frame_key(const struct syncsan_site *site, ss_stack_id stack,
                                     struct ss_rframes *scratch) {
  if (!ss_wrappers_known() && !(site && (site->flags & SYNCSAN_SITE_WRAPPER)))
    return (uintptr_t)site;
  ss_rframes_build(scratch, site, stack);
  return ss_rframe_key(scratch);
}
