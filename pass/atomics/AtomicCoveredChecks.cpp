//===- AtomicCoveredChecks.cpp - address tests another test already made --===//
#include "AtomicCoveredChecks.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"

#include <memory>

using namespace llvm;

namespace syncsan {

// Tests compared per pointer: a function with hundreds of accesses through
// one pointer keeps a few more tests rather than a quadratic search.
static constexpr unsigned MaxTestsPerPointer = 8;

/* Why a dominating test of the same SSA value covers the dominated access:
 * the test runs before the access it guards, and every path to the
 * dominated access passes through it after the pointer's definition last
 * ran (a path from the definition that avoided the test would make a path
 * from the entry that avoided it). So the pointer holds the value that was
 * tested, and an address aligned to N bytes is aligned to every smaller
 * power of two and, at most 16 bytes long, cannot straddle a line. A
 * dropped access is never a test itself, so every cover is a test that
 * stays. */
static void dropInFunction(MutableArrayRef<const AtomicOp *> Ops,
                           std::vector<const AtomicOp *> &Kept) {
  DenseMap<const Value *, SmallVector<const AtomicOp *, 2>> Tests;
  std::unique_ptr<DominatorTree> DT; // built only once a pointer repeats
  for (const AtomicOp *Op : Ops) {
    auto &Same = Tests[Op->Ptr];
    bool Covered = false;
    for (const AtomicOp *T : Same) {
      if (T->Size < Op->Size)
        continue;
      if (!DT)
        DT = std::make_unique<DominatorTree>(*Op->I->getFunction());
      if (DT->dominates(T->I, Op->I)) {
        Covered = true;
        break;
      }
    }
    if (Covered)
      continue;
    Kept.push_back(Op);
    if (Same.size() < MaxTestsPerPointer)
      Same.push_back(Op);
  }
}

void dropCoveredChecks(std::vector<const AtomicOp *> &Unproven) {
  std::vector<const AtomicOp *> Kept;
  Kept.reserve(Unproven.size());
  size_t Begin = 0;
  for (size_t I = 1; I <= Unproven.size(); ++I) {
    if (I < Unproven.size() &&
        Unproven[I]->I->getFunction() == Unproven[Begin]->I->getFunction())
      continue;
    dropInFunction(MutableArrayRef<const AtomicOp *>(Unproven).slice(Begin, I - Begin), Kept);
    Begin = I;
  }
  Unproven.swap(Kept);
}

} // namespace syncsan
