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
     "A global or struct field is accessed both atomically and with plain loads or stores, "
     "and one of the accesses writes.",
     "Once an object is shared, every access to it must be atomic: a plain access that runs "
     "concurrently with an atomic one, where either writes, is a data race. Use atomic loads "
     "and stores (memory_order_relaxed where no ordering is needed). Loads alone do not race: "
     "a plain load of an object that is only ever loaded atomically is not reported. "
     "Initialisation before the object is shared, C's atomic_init and constructors are not "
     "counted."});

static bool overlaps(const ObjAccess &A, const ObjAccess &B) {
  return A.Off < B.Off + B.Size && B.Off < A.Off + A.Size;
}

// A plain access P mixes with the atomic accesses of its object only when
// one of the two writes: loads do not race with loads, so a plain load is
// matched against atomic stores, RMWs and cmpxchgs only, a plain store
// against any atomic access. Whether the two can run concurrently is not
// known here, hence "may race".
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
      if ((P.Writes || A->Writes) && overlaps(P, *A) && !(P.Coarse && A->Coarse)) {
        Match = A;
        if (!A->Coarse)
          break;
      }
    if (!Match)
      continue;
    std::string Obj = Name(P.Coarse ? Match->Off : P.Off);
    std::string Msg = std::string("plain ") + (P.Writes ? "store to " : "load of ") + Obj +
                      ", which is also " + (P.Writes ? "accessed" : "written") +
                      " atomically: the two accesses may race, and a plain access racing "
                      "with an atomic one is a data race; use an atomic " +
                      (P.Writes ? "store" : "load") +
                      " (memory_order_relaxed if it needs no ordering)";
    if (P.Writes && !HasDebugInfo)
      Msg += " (if this is atomic_init of an _Atomic object, compile with -g so syncsan "
             "can tell)";
    Diagnostics::get().report("atomic-mixed-access", diagLocation(*P.Site), Msg,
                              {{diagLocation(*Match->Site),
                                std::string("atomic ") + (Match->Writes ? "write" : "access") +
                                    " of " + Obj + " here"}});
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
