//===- AtomicAlignment.h - what is known about an address's low bits -*- C++ -*-===//
//
// An address is described as "Rem modulo Mod" (Mod a power of two): what
// the IR proves about its low bits from the object it points into (an
// alloca, a global, a malloc-like call), the constant offsets added to it
// (struct layouts, packed structs, byte-buffer arithmetic) and the strides
// of variable offsets. Programmer promises (an argument's `align`
// attribute from `align_value`, an `llvm.assume` "align" bundle from
// `__builtin_assume_aligned`) are kept apart in FromPromise: they may prove
// an access misaligned (a constant offset off a promised alignment is
// misaligned whether or not the promise holds, or the program is undefined
// already), never aligned, since a broken promise is exactly what a
// misaligned atomic comes from. The atomic instruction's own `align`
// proves nothing.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICALIGNMENT_H
#define SYNCSAN_PASS_ATOMICALIGNMENT_H

#include <cstdint>

namespace llvm {
class Value;
class DataLayout;
class Instruction;
class LoadInst;
} // namespace llvm

namespace syncsan {

struct Residue {
  uint64_t Mod = 1; // power of two; 1 = nothing known
  uint64_t Rem = 0; // < Mod
  // The bits come from an object's layout (its alignment plus constant
  // offsets), not from run-time arithmetic.
  bool FromLayout = false;
  // Some of the bits rest on a programmer's promise, not on the IR.
  bool FromPromise = false;
};

/// The value a load of a local variable yields when the variable (an
/// alloca only loaded and stored) is stored once before the load on every
/// path; null otherwise. Lets the static checks see through -O0's allocas.
const llvm::Value *storedOnce(const llvm::LoadInst *LI);

/// What is known about Ptr's low bits where Ctx (the access) executes;
/// Ctx decides which `llvm.assume` promises hold there.
Residue addressResidue(const llvm::Value *Ptr, const llvm::DataLayout &DL,
                       const llvm::Instruction *Ctx);

enum class AlignClass { Aligned, Misaligned, Unknown };
enum class LineClass { Within, Crosses, MayCross };

struct AlignVerdict {
  AlignClass Align = AlignClass::Unknown;
  LineClass Line = LineClass::MayCross;
  uint64_t KnownAlign = 1; // the address's provable alignment
};

/// Classifies a Size-byte access (Size a power of two, at most LineSize)
/// at an address described by R against natural alignment and LineSize-byte
/// cache lines.
AlignVerdict classify(const Residue &R, uint64_t Size, uint64_t LineSize);

} // namespace syncsan

#endif
