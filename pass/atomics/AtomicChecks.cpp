//===- AtomicChecks.cpp - static checks and run-time checks of atomics ----===//
#include "AtomicChecks.h"

#include "AtomicAlignment.h"
#include "AtomicCoveredChecks.h"
#include "AtomicInstrument.h"
#include "AtomicOrder.h"
#include "core/DebugTypes.h"
#include "core/Diagnostics.h"
#include "core/OptionErrors.h"
#include "core/Sites.h"

#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>

using namespace llvm;

namespace syncsan {

cl::opt<bool> InstrumentAtomics("syncsan-instrument-atomics", cl::init(true),
                                cl::desc("Check at run time the atomics whose alignment "
                                         "is not proven at compile time"));
static cl::opt<unsigned> LineSizeOpt("syncsan-cache-line-size", cl::init(64),
                                     cl::desc("Cache line size in bytes (a power of two, "
                                              "16 to 4096) for the atomic checks"));

static CheckRegistration RegMisaligned(
    {"atomic-misaligned", Severity::Warning,
     "An atomic access whose address is provably not naturally aligned, or whose "
     "object's layout (a packed struct's field, a byte array) guarantees less than "
     "natural alignment.",
     "Align the atomic object to its size (_Alignas(N) in C, alignas(N) in C++), keep "
     "atomics out of packed structs, and do not turn byte-buffer offsets into pointers to "
     "atomics unless the offset is a multiple of the size."});
static CheckRegistration RegSplit(
    {"atomic-split-line", Severity::Warning,
     "An atomic access that provably or possibly straddles a cache line (a split lock).",
     "A locked operation on two cache lines locks the whole memory bus, and plain atomic "
     "loads and stores across lines are not atomic on every CPU. Align the object to its "
     "size, or at least so that it cannot straddle a line; keep atomics out of packed "
     "structs."});

uint64_t cacheLineSize() {
  unsigned L = LineSizeOpt;
  if (L < 16 || L > 4096 || (L & (L - 1))) {
    addOptionError("-fsyncsan-cache-line-size=" + Twine(L) +
                   " is not a power of two between 16 and 4096");
    return 64;
  }
  return L;
}

static bool generatedByUs(const Function &F) {
  return F.getName().starts_with("syncsan.") || F.getName().starts_with("__syncsan_");
}

// "4-byte atomic load of 'stats.hits'": globals are named with their
// fields when the module has debug info (read only once a diagnostic needs it).
static std::unique_ptr<DebugTypes> LateTypes; // of the module being checked

static std::string subject(const AtomicOp &Op) {
  const Module &M = *Op.I->getModule();
  const DataLayout &DL = M.getDataLayout();
  std::string S = std::to_string(Op.Size) + "-byte " + describe(Op);
  APInt Off(DL.getIndexTypeSizeInBits(Op.Ptr->getType()), 0);
  const Value *Base = Op.Ptr->stripAndAccumulateConstantOffsets(DL, Off, true);
  // Name the object at -O0 as at -O2: through local variables stored once.
  for (unsigned Hops = 0; Hops < 8; ++Hops) {
    const auto *LI = dyn_cast<LoadInst>(Base);
    const Value *Stored = LI ? storedOnce(LI) : nullptr;
    if (!Stored)
      break;
    Base = Stored->stripAndAccumulateConstantOffsets(DL, Off, true);
  }
  auto *GV = dyn_cast<GlobalVariable>(Base);
  if (GV && GV->hasName() && !GV->getName().starts_with(".") && !Off.isNegative()) {
    if (!LateTypes)
      LateTypes = std::make_unique<DebugTypes>(M);
    return S + " of '" + LateTypes->globalName(GV, Off.getZExtValue()) + "'";
  }
  return S;
}

static bool runTimeCheckable(const AtomicOp &Op) {
  return Op.Ptr->getType()->getPointerAddressSpace() == 0;
}

// What a diagnostic says about the run-time check of an unproven access.
// The hooks take generic pointers; an address in another address space has
// no generic address on every target (x86-64's 256-258 are fs- and
// gs-relative), so such an access is not checked and the text says so.
static std::string runTimeNote(const AtomicOp &Op, const char *Checked,
                               const char *NotChecked) {
  if (!InstrumentAtomics)
    return "";
  unsigned AS = Op.Ptr->getType()->getPointerAddressSpace();
  if (AS == 0)
    return Checked;
  return std::string(NotChecked) + ": it is in address space " + std::to_string(AS);
}

// Reports what is proven and says whether a run-time check is needed.
static bool checkAlignment(const AtomicOp &Op) {
  if (Op.Kind == AtomicKind::Fence || !Op.Ptr)
    return false;
  // Oversized and odd-sized atomics are never lock-free: libatomic guards
  // them with a lock, so their alignment does not decide their atomicity.
  if (Op.Size == 0 || Op.Size > 16 || (Op.Size & (Op.Size - 1)))
    return false;
  const DataLayout &DL = Op.I->getModule()->getDataLayout();
  uint64_t Line = cacheLineSize();
  Residue R = addressResidue(Op.Ptr, DL, Op.I);
  AlignVerdict V = classify(R, Op.Size, Line);
  // A promise may prove an access misaligned, never aligned: a pointer
  // that merely claims alignment is still checked at run time.
  if (R.FromPromise && V.Align == AlignClass::Aligned) {
    R = {};
    V = classify(R, Op.Size, Line);
  }
  std::string Known = std::to_string(V.KnownAlign);
  std::string Need = std::to_string(Op.Size);
  std::string LineStr = std::to_string(Line);
  Diagnostics &D = Diagnostics::get();

  switch (V.Align) {
  case AlignClass::Aligned:
    return false;
  case AlignClass::Misaligned: {
    std::string Where = " (the address is " + std::to_string(R.Rem) + " modulo " +
                        std::to_string(R.Mod) + ")";
    if (V.Line == LineClass::Crosses) {
      D.report("atomic-split-line", diagLocation(*Op.I),
               subject(Op) + " straddles a " + LineStr +
                   "-byte cache line boundary: it starts at byte " +
                   std::to_string(R.Rem & (Line - 1)) + " of its line; it needs " + Need +
                   "-byte alignment but is only " + Known + "-byte aligned");
      return false;
    }
    std::string Msg = "misaligned " + subject(Op) + ": it needs " + Need +
                      "-byte alignment but the address is only " + Known + "-byte aligned" +
                      Where;
    if (V.Line == LineClass::MayCross)
      Msg += "; it may also straddle a " + LineStr + "-byte cache line" +
             runTimeNote(Op, ", which is checked at run time",
                         ", which cannot be checked at run time");
    D.report("atomic-misaligned", diagLocation(*Op.I), Msg);
    return V.Line == LineClass::MayCross && runTimeCheckable(Op);
  }
  case AlignClass::Unknown: {
    // Only a layout that admits it deserves a compile-time word; an address
    // we know nothing about is simply checked at run time.
    uint64_t LayoutAlign = 0;
    if (R.FromLayout)
      LayoutAlign = V.KnownAlign;
    else if (Op.IRAlign && Op.IRAlign < Op.Size)
      LayoutAlign = Op.IRAlign;
    std::string Checked = runTimeNote(Op, "; it is checked at run time",
                                      "; it cannot be checked at run time");
    // A layout that guarantees less than natural alignment (a packed
    // struct's field, a byte array) is the defect itself, whatever address
    // the object lands at: the fix is in the declaration.
    if (LayoutAlign && LayoutAlign < Op.Size)
      D.report("atomic-misaligned", diagLocation(*Op.I),
               "misaligned " + subject(Op) + ": its layout guarantees only " +
                   std::to_string(LayoutAlign) + "-byte alignment where " + Need +
                   " is needed" + Checked);
    if (LayoutAlign &&
        classify({LayoutAlign, 0, true}, Op.Size, Line).Line == LineClass::MayCross)
      D.report("atomic-split-line", diagLocation(*Op.I),
               subject(Op) + " may straddle a " + LineStr +
                   "-byte cache line boundary: its layout guarantees only " +
                   std::to_string(LayoutAlign) + "-byte alignment where " + Need +
                   " is needed" + Checked);
    return runTimeCheckable(Op);
  }
  }
  return false;
}

void runAtomicChecks(Module &M, SiteTable &Sites) {
  std::vector<AtomicOp> Ops;
  SmallVector<CallInst *, 16> Markers;
  for (Function &F : M) {
    if (F.isDeclaration() || generatedByUs(F))
      continue;
    for (Instruction &I : instructions(F)) {
      if (auto *CI = dyn_cast<CallInst>(&I); CI && markerUse(*CI)) {
        Markers.push_back(CI);
        continue;
      }
      if (auto Op = asAtomicOp(I))
        Ops.push_back(*Op);
    }
  }

  // A disabled order check leaves nothing behind at run time either.
  checkOrders(M, Ops, Markers, Sites,
              InstrumentAtomics && Diagnostics::get().enabled("atomic-invalid-order"));
  checkFences(M, Ops);

  std::vector<const AtomicOp *> Unproven;
  for (const AtomicOp &Op : Ops)
    if (checkAlignment(Op))
      Unproven.push_back(&Op);
  LateTypes.reset();
  if (!InstrumentAtomics)
    return;
  // The hooks are the form that checks each site on its own, so that every
  // misaligned site is reported, not only the first through one pointer.
  if (inlineAtomicChecks())
    dropCoveredChecks(Unproven);
  for (const AtomicOp *Op : Unproven)
    instrumentAtomic(*Op, Sites);
}

} // namespace syncsan
