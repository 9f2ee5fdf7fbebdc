//===- AtomicAlignment.cpp - what is known about an address's low bits ----===//
#include "AtomicAlignment.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/KnownBits.h"

#include <algorithm>

using namespace llvm;

namespace syncsan {

// Beyond a page nothing about lines or natural alignment changes.
static constexpr uint64_t MaxMod = 4096;

static Residue make(uint64_t Mod, uint64_t Rem, bool Layout, bool Promise = false) {
  Mod = std::min<uint64_t>(std::max<uint64_t>(Mod, 1), MaxMod);
  // Nothing known rests on nothing: a promise that left no bits is no
  // promise.
  return {Mod, Rem & (Mod - 1), Layout, Promise && Mod > 1};
}

static Residue meet(const Residue &A, const Residue &B) {
  uint64_t M = std::min(A.Mod, B.Mod);
  while (M > 1 && (A.Rem & (M - 1)) != (B.Rem & (M - 1)))
    M >>= 1;
  return make(M, A.Rem, A.FromLayout && B.FromLayout, A.FromPromise || B.FromPromise);
}

// The largest power of two dividing X (X != 0), capped.
static uint64_t powerOfTwoFactor(uint64_t X) {
  if (X == 0)
    return MaxMod;
  return std::min<uint64_t>(X & (~X + 1), MaxMod);
}

// A local variable at -O0: an alloca only loaded and stored, stored once
// before this load on every path (in the same block earlier, or in the
// entry block when the load is elsewhere). The load yields the stored
// value, so the static checks need not wait for mem2reg.
const Value *storedOnce(const LoadInst *LI) {
  const auto *AI = dyn_cast<AllocaInst>(LI->getPointerOperand());
  if (!AI || LI->isVolatile() || AI->isArrayAllocation())
    return nullptr;
  const StoreInst *Only = nullptr;
  for (const User *U : AI->users()) {
    if (const auto *L = dyn_cast<LoadInst>(U)) {
      if (L->getPointerOperand() != AI)
        return nullptr;
    } else if (const auto *S = dyn_cast<StoreInst>(U)) {
      // A second store, or the address itself escaping through a store.
      if (S->getPointerOperand() != AI || S->isVolatile() || Only)
        return nullptr;
      Only = S;
    } else if (const auto *II = dyn_cast<IntrinsicInst>(U)) {
      if (!II->isLifetimeStartOrEnd() && !isa<DbgInfoIntrinsic>(II))
        return nullptr;
    } else {
      return nullptr;
    }
  }
  if (!Only || Only->getValueOperand()->getType() != LI->getType())
    return nullptr;
  const BasicBlock *SB = Only->getParent();
  if (SB == LI->getParent()) {
    if (!Only->comesBefore(LI))
      return nullptr;
  } else if (SB != &SB->getParent()->getEntryBlock()) {
    return nullptr;
  }
  return Only->getValueOperand();
}

namespace {
class ResidueWalker {
public:
  ResidueWalker(const DataLayout &DL, const Instruction *Ctx) : DL(DL), Ctx(Ctx) {}

  Residue visit(const Value *V, unsigned Depth) {
    // Deep enough for -O0's chains of local-variable loads and GEPs.
    if (Depth > 24)
      return {};
    return withAssumptions(V, visitValue(V, Depth));
  }

private:
  Residue visitValue(const Value *V, unsigned Depth) {
    if (auto *GEP = dyn_cast<GEPOperator>(V))
      return visitGEP(GEP, Depth);
    if (auto *Op = dyn_cast<Operator>(V)) {
      unsigned Opc = Op->getOpcode();
      if (Opc == Instruction::BitCast || Opc == Instruction::AddrSpaceCast)
        return visit(Op->getOperand(0), Depth + 1);
      if (Opc == Instruction::IntToPtr)
        return fromKnownBits(Op->getOperand(0));
    }
    if (auto *A = dyn_cast<AllocaInst>(V))
      return make(A->getAlign().value(), 0, true);
    if (auto *GA = dyn_cast<GlobalAlias>(V))
      return visit(GA->getAliasee(), Depth + 1);
    if (auto *GV = dyn_cast<GlobalVariable>(V))
      return make(GV->getPointerAlignment(DL).value(), 0, true);
    if (isa<ConstantPointerNull>(V))
      return make(MaxMod, 0, true);
    if (auto *PN = dyn_cast<PHINode>(V)) {
      // A pointer that advances around a loop: proving what it keeps would
      // need a fixpoint; claiming nothing is sound.
      if (!InPhi.insert(PN).second)
        return {};
      std::optional<Residue> R;
      for (const Value *In : PN->incoming_values()) {
        Residue I = visit(In, Depth + 1);
        R = R ? meet(*R, I) : I;
        if (R->Mod == 1)
          break;
      }
      InPhi.erase(PN);
      return R ? *R : Residue{};
    }
    if (auto *S = dyn_cast<SelectInst>(V))
      return meet(visit(S->getTrueValue(), Depth + 1), visit(S->getFalseValue(), Depth + 1));
    if (auto *CB = dyn_cast<CallBase>(V))
      return visitCall(CB, Depth);
    if (auto *Arg = dyn_cast<Argument>(V)) {
      // `align_value(N)` (and C++ references) give the argument an `align`
      // attribute: a promise of the caller, see the header.
      if (MaybeAlign A = Arg->getParamAlign())
        return make(A->value(), 0, false, true);
      return {};
    }
    if (auto *LI = dyn_cast<LoadInst>(V))
      if (const Value *Stored = storedOnce(LI))
        return visit(Stored, Depth + 1);
    // Loaded pointers and everything else: nothing is proven.
    return {};
  }

  // `__builtin_assume_aligned(p, N)` becomes an `llvm.assume` with an
  // "align" bundle on p; it counts where it is valid for the access.
  Residue withAssumptions(const Value *V, Residue R) {
    if (!Ctx || R.Rem != 0 || isa<Constant>(V))
      return R;
    uint64_t Best = R.Mod;
    for (const User *U : V->users()) {
      const auto *A = dyn_cast<AssumeInst>(U);
      if (!A || A->getFunction() != Ctx->getFunction())
        continue;
      for (unsigned I = 0, E = A->getNumOperandBundles(); I != E; ++I) {
        OperandBundleUse B = A->getOperandBundleAt(I);
        // "align"(ptr, align[, offset]): with an offset the pointer itself
        // is not the aligned one.
        if (B.getTagName() != "align" || B.Inputs.size() != 2 || B.Inputs[0] != V)
          continue;
        auto *C = dyn_cast<ConstantInt>(B.Inputs[1].get());
        if (!C || !isPowerOf2_64(C->getValue().getLimitedValue()))
          continue;
        if (!isValidAssumeForContext(A, Ctx))
          continue;
        Best = std::max<uint64_t>(Best, C->getValue().getLimitedValue());
      }
    }
    if (Best == R.Mod)
      return R;
    return make(Best, 0, false, true);
  }

  Residue visitGEP(const GEPOperator *GEP, unsigned Depth) {
    unsigned BW = DL.getIndexTypeSizeInBits(GEP->getType());
    MapVector<Value *, APInt> Var;
    APInt Const(BW, 0);
    if (!GEP->collectOffset(DL, BW, Var, Const))
      return {};
    Residue R = visit(GEP->getPointerOperand(), Depth + 1);
    R = make(R.Mod, R.Rem + Const.getZExtValue(), R.FromLayout, R.FromPromise);
    for (auto &[Idx, Scale] : Var) {
      uint64_t Stride = powerOfTwoFactor(Scale.getZExtValue());
      unsigned TZ = computeKnownBits(Idx, DL).countMinTrailingZeros();
      uint64_t Step = TZ >= 12 ? MaxMod : std::min<uint64_t>(Stride << TZ, MaxMod);
      if (Step < R.Mod)
        R = make(Step, R.Rem, false, R.FromPromise);
    }
    return R;
  }

  Residue visitCall(const CallBase *CB, unsigned Depth) {
    if (auto *II = dyn_cast<IntrinsicInst>(CB)) {
      if (II->getIntrinsicID() == Intrinsic::ptrmask) {
        KnownBits K = computeKnownBits(II->getArgOperand(1), DL);
        unsigned TZ = K.countMinTrailingZeros();
        return make(TZ >= 12 ? MaxMod : uint64_t(1) << TZ, 0, false);
      }
      return {};
    }
    // What allocators guarantee: malloc and operator new return memory
    // aligned for any fundamental type (16 bytes on the 64-bit targets we
    // support); aligned allocators and `align` return attributes say more.
    uint64_t A = CB->getPointerAlignment(DL).value();
    if (const Function *F = CB->getCalledFunction()) {
      StringRef N = F->getName();
      if (N == "malloc" || N == "calloc" || N == "realloc" || N == "_Znwm" || N == "_Znam")
        A = std::max<uint64_t>(A, DL.getPointerSizeInBits() == 64 ? 16 : 8);
      if ((N == "aligned_alloc" || N == "memalign") && CB->arg_size() == 2)
        if (auto *C = dyn_cast<ConstantInt>(CB->getArgOperand(0)))
          if (uint64_t Req = C->getValue().getLimitedValue(); isPowerOf2_64(Req))
            A = std::max<uint64_t>(A, Req);
    }
    return A > 1 ? make(A, 0, false) : Residue{};
  }

  Residue fromKnownBits(const Value *Int) {
    KnownBits K = computeKnownBits(Int, DL);
    unsigned Low = 0;
    while (Low < K.getBitWidth() && Low < 12 && (K.Zero[Low] || K.One[Low]))
      ++Low;
    if (Low == 0)
      return {};
    uint64_t Rem = K.One.extractBitsAsZExtValue(Low, 0);
    return make(uint64_t(1) << Low, Rem, false);
  }

  const DataLayout &DL;
  const Instruction *Ctx;
  SmallPtrSet<const PHINode *, 8> InPhi;
};
} // namespace

Residue addressResidue(const Value *Ptr, const DataLayout &DL, const Instruction *Ctx) {
  ResidueWalker W(DL, Ctx);
  return W.visit(Ptr, 0);
}

AlignVerdict classify(const Residue &R, uint64_t Size, uint64_t LineSize) {
  AlignVerdict V;
  V.KnownAlign = R.Rem ? powerOfTwoFactor(R.Rem) : R.Mod;
  if (R.Mod >= Size)
    V.Align = (R.Rem & (Size - 1)) ? AlignClass::Misaligned : AlignClass::Aligned;
  else
    V.Align = R.Rem ? AlignClass::Misaligned : AlignClass::Unknown;

  if (V.Align == AlignClass::Aligned) {
    V.Line = LineClass::Within; // natural alignment never straddles a line
  } else if (R.Mod >= LineSize) {
    V.Line = (R.Rem & (LineSize - 1)) + Size > LineSize ? LineClass::Crosses : LineClass::Within;
  } else {
    // The highest start in a line with these low bits is LineSize - Mod + Rem.
    V.Line = R.Rem + Size > R.Mod ? LineClass::MayCross : LineClass::Within;
  }
  return V;
}

} // namespace syncsan
