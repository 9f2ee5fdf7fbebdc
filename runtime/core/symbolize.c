/* Symbolization: return addresses to frames. */
#include "symbolize.h"

#include "modules.h"

static const char unknown_function[] = "??";

SS_HIDDEN unsigned ss_symbolize_pc(uintptr_t pc, struct ss_frame *out, unsigned max) {
  if (max == 0)
    return 0;
  struct ss_frame *f = &out[0];
  f->function = unknown_function;
  f->file = NULL;
  f->line = f->column = 0;
  f->module = NULL;
  f->offset = 0;
  const char *module;
  uintptr_t offset;
  if (ss_module_of(pc, &module, &offset)) {
    f->module = module;
    f->offset = offset;
  } else {
    f->offset = pc ? pc - 1 : 0;
  }
  return 1;
}
