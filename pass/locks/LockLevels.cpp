//===- LockLevels.cpp - lock levels declared on declarations --------------===//
#include "LockLevels.h"

#include "syncsan/abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"

using namespace llvm;

namespace syncsan {

/// Flags for an annotation string, or 0 when it is not a syncsan level.
static uint32_t parseAnnotation(const Value *V) {
  auto *GV = dyn_cast<GlobalVariable>(V->stripPointerCasts());
  if (!GV || !GV->hasInitializer())
    return 0;
  auto *CDA = dyn_cast<ConstantDataArray>(GV->getInitializer());
  if (!CDA || !CDA->isCString())
    return 0;
  StringRef S = CDA->getAsCString();
  uint32_t Flags = 0;
  if (S.consume_front("syncsan.lock_level_ordered="))
    Flags = SYNCSAN_SITE_LEVEL_ORDERED;
  else if (!S.consume_front("syncsan.lock_level="))
    return 0;
  unsigned Level;
  if (S.getAsInteger(10, Level) || Level == 0 || Level > 0xffff)
    return 0; // the header's macro only makes valid ones; ignore others
  return Flags | (Level << SYNCSAN_SITE_LEVEL_SHIFT);
}

LockLevels::LockLevels(Module &M) {
  GlobalVariable *GA = M.getGlobalVariable("llvm.global.annotations");
  if (!GA || !GA->hasInitializer())
    return;
  auto *Arr = dyn_cast<ConstantArray>(GA->getInitializer());
  if (!Arr)
    return;
  for (const Use &U : Arr->operands()) {
    auto *Entry = dyn_cast<ConstantStruct>(U.get());
    if (!Entry || Entry->getNumOperands() < 2)
      continue;
    auto *Target = dyn_cast<GlobalValue>(Entry->getOperand(0)->stripPointerCasts());
    if (uint32_t F = Target ? parseAnnotation(Entry->getOperand(1)) : 0)
      Globals[Target] = F;
  }
}

uint32_t LockLevels::flagsFor(const Value *Ptr) const {
  // Walk through casts, constant and variable offsets to the annotated
  // object: a field access is a GEP of an llvm.ptr.annotation result or the
  // annotation of a GEP.
  for (unsigned Depth = 0; Ptr && Depth < 8; ++Depth) {
    Ptr = Ptr->stripPointerCasts();
    if (auto *II = dyn_cast<IntrinsicInst>(Ptr)) {
      if (II->getIntrinsicID() == Intrinsic::ptr_annotation) {
        if (uint32_t F = parseAnnotation(II->getArgOperand(1)))
          return F;
        Ptr = II->getArgOperand(0);
        continue;
      }
      return 0;
    }
    if (auto *GV = dyn_cast<GlobalValue>(Ptr)) {
      auto It = Globals.find(GV);
      return It == Globals.end() ? 0 : It->second;
    }
    if (auto *GEP = dyn_cast<GEPOperator>(Ptr)) {
      Ptr = GEP->getPointerOperand();
      continue;
    }
    return 0;
  }
  return 0;
}

} // namespace syncsan
