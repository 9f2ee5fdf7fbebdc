//===- AtomicMixedAccess.cpp - the atomic-mixed-access check --------------===//
#include "AtomicObjectChecks.h"

#include "core/DebugTypes.h"
#include "core/Diagnostics.h"

#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instruction.h"

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg(
    {"atomic-mixed-access", Severity::Warning,
     "A global or struct field is accessed both atomically and with plain loads or stores.",
     "Once an object is shared, every access to it must be atomic: a plain access racing "
     "with an atomic one is a data race. Use atomic loads and stores (memory_order_relaxed "
     "where no ordering is needed). Initialisation before the object is shared, C's "
     "atomic_init and constructors are not counted."});

static bool overlaps(const ObjAccess &A, const ObjAccess &B) {
  return A.Off < B.Off + B.Size && B.Off < A.Off + A.Size;
}

template <typename NameFn>
static void checkObject(const std::vector<ObjAccess> &Accesses, bool HasDebugInfo,
                        NameFn Name) {
  std::vector<const ObjAccess *> Atomics;
  for (const ObjAccess &A : Accesses)
    if (A.Atomic)
      Atomics.push_back(&A);
  if (Atomics.empty())
    return;
  for (const ObjAccess &P : Accesses) {
    if (P.Atomic || P.Exempt)
      continue;
    const ObjAccess *Match = nullptr;
    for (const ObjAccess *A : Atomics)
      if (overlaps(P, *A) && !(P.Coarse && A->Coarse)) {
        Match = A;
        if (!A->Coarse)
          break;
      }
    if (!Match)
      continue;
    std::string Obj = Name(P.Coarse ? Match->Off : P.Off);
    std::string Msg = std::string("plain ") + (P.Writes ? "store to " : "load of ") + Obj +
                      ", which is also accessed atomically: a plain access racing with an "
                      "atomic one is a data race; use an atomic " +
                      (P.Writes ? "store" : "load") +
                      " (memory_order_relaxed if it needs no ordering)";
    if (P.Writes && !HasDebugInfo)
      Msg += " (if this is atomic_init of an _Atomic object, compile with -g so syncsan "
             "can tell)";
    Diagnostics::get().report("atomic-mixed-access", diagLocation(*P.Site), Msg,
                              {{diagLocation(*Match->Site), "atomic access of " + Obj + " here"}});
  }
}

void checkMixedAccess(const AccessModel &Model, const DebugTypes &Types) {
  for (auto &[GV, Accesses] : Model.Globals)
    checkObject(Accesses, Types.available(), [&, GV = GV](uint64_t Off) {
      return "'" + Types.globalName(GV, Off) + "'";
    });
  for (auto &[ST, Accesses] : Model.Fields)
    checkObject(Accesses, Types.available(), [&, ST = ST](uint64_t Off) {
      return Types.fieldRef(ST, Off);
    });
}

} // namespace syncsan
