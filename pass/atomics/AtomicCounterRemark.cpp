//===- AtomicCounterRemark.cpp - seq_cst statistics counters --------------===//
//
// A counter that is only ever added to, and whose value is only read to be
// printed or accumulated (never to decide a branch or an address), orders
// nothing: a seq_cst read-modify-write on it pays for ordering no one
// relies on. A remark, off unless asked for (-fsyncsan-remarks).
//
//===----------------------------------------------------------------------===//
#include "AtomicObjectChecks.h"

#include "core/DebugTypes.h"
#include "core/Diagnostics.h"

#include <map>

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg(
    {"atomic-seq-cst-counter", Severity::Remark,
     "A seq_cst read-modify-write of a statistics counter that nothing synchronises on.",
     "A counter that is only added to and read for its value needs no ordering: use "
     "memory_order_relaxed (atomic_fetch_add_explicit(&c, 1, memory_order_relaxed), "
     "c.fetch_add(1, std::memory_order_relaxed)). seq_cst costs barriers on weakly "
     "ordered CPUs and keeps the compiler from reordering around it."});

template <typename NameFn>
static void checkObject(const std::vector<ObjAccess> &Accesses, NameFn Name) {
  // One object per exact (offset, size): a counter is a single scalar.
  std::map<std::pair<uint64_t, uint64_t>, std::vector<const ObjAccess *>> ByRange;
  for (const ObjAccess &A : Accesses)
    if (!A.Coarse)
      ByRange[{A.Off, A.Size}].push_back(&A);
  for (auto &[Range, As] : ByRange) {
    bool Counter = true, AnySeqCst = false;
    for (const ObjAccess *A : As) {
      if (!A->Atomic) {
        Counter &= A->Exempt;
        continue;
      }
      if (A->Writes && !A->CounterRMW)
        Counter = false;
      if (A->Reads && A->SyncUse && !A->CounterRMW)
        Counter = false;
      AnySeqCst |= A->CounterRMW && A->Order == 5;
    }
    if (!Counter || !AnySeqCst)
      continue;
    for (const ObjAccess *A : As)
      if (A->CounterRMW && A->Order == 5)
        Diagnostics::get().report(
            "atomic-seq-cst-counter", diagLocation(*A->Site),
            "seq_cst read-modify-write of " + Name(Range.first) +
                ", a counter that is only added to and read for its value, never to "
                "synchronise: memory_order_relaxed is enough");
  }
}

void checkSeqCstCounters(const AccessModel &Model, const DebugTypes &Types) {
  if (!Diagnostics::get().enabled("atomic-seq-cst-counter"))
    return;
  for (auto &[GV, Accesses] : Model.Globals)
    checkObject(Accesses, [&, GV = GV](uint64_t Off) {
      return "'" + Types.globalName(GV, Off) + "'";
    });
  for (auto &[ST, Accesses] : Model.Fields)
    checkObject(Accesses, [&, ST = ST](uint64_t Off) {
      return Types.fieldRef(ST, Off);
    });
}

} // namespace syncsan
