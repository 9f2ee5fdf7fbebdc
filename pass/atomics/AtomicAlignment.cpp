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

static Residue make(uint64_t Mod, uint64_t Rem, bool Layout) {
  Mod = std::min<uint64_t>(std::max<uint64_t>(Mod, 1), MaxMod);
  return {Mod, Rem & (Mod - 1), Layout};
}

static Residue meet(const Residue &A, const Residue &B) {
  uint64_t M = std::min(A.Mod, B.Mod);
  while (M > 1 && (A.Rem & (M - 1)) != (B.Rem & (M - 1)))
    M >>= 1;
  return make(M, A.Rem, A.FromLayout && B.FromLayout);
}

// The largest power of two dividing X (X != 0), capped.
static uint64_t powerOfTwoFactor(uint64_t X) {
  if (X == 0)
    return MaxMod;
  return std::min<uint64_t>(X & (~X + 1), MaxMod);
}

namespace {
class ResidueWalker {
public:
  explicit ResidueWalker(const DataLayout &DL) : DL(DL) {}

  Residue visit(const Value *V, unsigned Depth) {
    if (Depth > 12)
      return {};
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
    // Arguments, loaded pointers and everything else: nothing is proven.
    return {};
  }

private:
  Residue visitGEP(const GEPOperator *GEP, unsigned Depth) {
    unsigned BW = DL.getIndexTypeSizeInBits(GEP->getType());
    MapVector<Value *, APInt> Var;
    APInt Const(BW, 0);
    if (!GEP->collectOffset(DL, BW, Var, Const))
      return {};
    Residue R = visit(GEP->getPointerOperand(), Depth + 1);
    R = make(R.Mod, R.Rem + Const.getZExtValue(), R.FromLayout);
    for (auto &[Idx, Scale] : Var) {
      uint64_t Stride = powerOfTwoFactor(Scale.getZExtValue());
      unsigned TZ = computeKnownBits(Idx, DL).countMinTrailingZeros();
      uint64_t Step = TZ >= 12 ? MaxMod : std::min<uint64_t>(Stride << TZ, MaxMod);
      if (Step < R.Mod)
        R = make(Step, R.Rem, false);
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
  SmallPtrSet<const PHINode *, 8> InPhi;
};
} // namespace

Residue addressResidue(const Value *Ptr, const DataLayout &DL) {
  ResidueWalker W(DL);
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
