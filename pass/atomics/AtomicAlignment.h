//===- AtomicAlignment.h - what is known about an address's low bits -*- C++ -*-===//
//
// An address is described as "Rem modulo Mod" (Mod a power of two): what
// the IR proves about its low bits from the object it points into (an
// alloca, a global, a malloc-like call), the constant offsets added to it
// (struct layouts, packed structs, byte-buffer arithmetic) and the strides
// of variable offsets. Frontend promises are not trusted: neither the
// atomic instruction's own `align` nor an argument's `align` attribute
// prove anything, since a misaligned pointer is exactly what a misaligned
// atomic comes from.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_ATOMICALIGNMENT_H
#define SYNCSAN_PASS_ATOMICALIGNMENT_H

#include <cstdint>

namespace llvm {
class Value;
class DataLayout;
} // namespace llvm

namespace syncsan {

struct Residue {
  uint64_t Mod = 1; // power of two; 1 = nothing known
  uint64_t Rem = 0; // < Mod
  // The bits come from an object's layout (its alignment plus constant
  // offsets), not from run-time arithmetic.
  bool FromLayout = false;
};

Residue addressResidue(const llvm::Value *Ptr, const llvm::DataLayout &DL);

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
