//===- AtomicFalseSharing.cpp - the atomic-false-sharing check ------------===//
//
// Two atomics written independently (no function writes both) that
// sit within one cache line make the line bounce between the writers'
// cores. For struct fields the layout is exact; a struct aligned to the
// line size places every field exactly, a less aligned one can share a line
// whenever the two fields span at most a line. For globals the compiler
// lays out each section in module order, which is what the estimate uses.
//
//===----------------------------------------------------------------------===//
#include "AtomicChecks.h"
#include "AtomicObjectChecks.h"
#include "core/DebugTypes.h"
#include "core/Diagnostics.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

#include <algorithm>
#include <map>
#include <set>

using namespace llvm;

namespace syncsan {

static CheckRegistration Reg(
    {"atomic-false-sharing", Severity::Warning,
     "Independently written atomics are laid out within one cache line.",
     "Each write by one thread takes the cache line away from the others (false "
     "sharing). Give each independently written atomic its own cache line: alignas(64) "
     "in C++, _Alignas(64) in C, or padding between the fields."});

namespace {
struct Written {
  uint64_t Off = 0, Size = 0;
  std::set<const Function *> Writers;
  const ObjAccess *First = nullptr;
};
} // namespace

static std::vector<Written> writtenRanges(const std::vector<ObjAccess> &Accesses) {
  std::vector<Written> W;
  for (const ObjAccess &A : Accesses) {
    if (!A.Atomic || !A.Writes || A.Coarse)
      continue;
    auto It = std::find_if(W.begin(), W.end(), [&](const Written &X) {
      return A.Off < X.Off + X.Size && X.Off < A.Off + A.Size;
    });
    if (It == W.end()) {
      W.push_back({A.Off, A.Size, {A.Fn}, &A});
      continue;
    }
    uint64_t End = std::max(It->Off + It->Size, A.Off + A.Size);
    It->Off = std::min(It->Off, A.Off);
    It->Size = End - It->Off;
    It->Writers.insert(A.Fn);
  }
  std::sort(W.begin(), W.end(), [](const Written &A, const Written &B) { return A.Off < B.Off; });
  return W;
}

// Written independently: no function writes both (a function that writes
// both, like a lock's acquire path, means the line is shared by design).
static bool independent(const Written &A, const Written &B) {
  for (const Function *F : A.Writers)
    if (B.Writers.count(F))
      return false;
  return true;
}

static std::string writerName(const Written &Of, const Written &Other) {
  for (const Function *F : Of.Writers)
    if (!Other.Writers.count(F))
      return demangle(F->getName().str());
  return demangle((*Of.Writers.begin())->getName().str());
}

static std::string fix(uint64_t Line, uint64_t Distance, const std::string &Second) {
  return "give " + Second + " its own cache line: declare it alignas(" + std::to_string(Line) +
         ") in C++ or _Alignas(" + std::to_string(Line) + ") in C, or pad it with " +
         std::to_string(Line - Distance) + " bytes";
}

// Consecutive independently written ranges of one object (a struct type, a
// global) whose start is Align-aligned. Name(Off) names a part, Whole the
// object ("of 'struct queue'").
template <typename NameFn>
static void checkRanges(const std::vector<Written> &W, uint64_t Align, uint64_t Line,
                        const std::string &Whole, NameFn Name) {
  for (size_t I = 0; I + 1 < W.size(); ++I) {
    const Written &A = W[I], &B = W[I + 1];
    uint64_t Span = B.Off + B.Size - A.Off;
    if (Span > Line || !independent(A, B))
      continue;
    bool Certain = Align >= Line;
    if (Certain && A.Off / Line != (B.Off + B.Size - 1) / Line)
      continue;
    std::string AName = Name(A.Off), BName = Name(B.Off);
    uint64_t Dist = B.Off - A.Off;
    std::string Msg = AName + " and " + BName + Whole +
                      " are written atomically and independently (by '" + writerName(A, B) +
                      "' and '" + writerName(B, A) + "') but lie " + std::to_string(Dist) +
                      " bytes apart, " + (Certain ? "within one " : "so they can share a ") +
                      std::to_string(Line) + "-byte cache line (false sharing); " +
                      fix(Line, Dist, BName);
    Diagnostics::get().report("atomic-false-sharing", diagLocation(*B.First->Site), Msg,
                              {{diagLocation(*A.First->Site), "atomic write of " + AName + " here"}});
  }
}

static void checkStructs(const AccessModel &Model, const DebugTypes &Types, uint64_t Line) {
  for (auto &[ST, Accesses] : Model.Fields)
    checkRanges(writtenRanges(Accesses), Types.structAlign(ST), Line,
                " of '" + Types.structName(ST) + "'",
                [&, ST = ST](uint64_t Off) {
                  std::string N = Types.fieldName(ST, Off);
                  return N.empty() ? "the field at offset " + std::to_string(Off)
                                   : "field '" + N + "'";
                });
}

// Where the compiler will place each global within its section, assuming
// module order (what the assembler output follows).
namespace {
struct Placement {
  std::map<std::pair<int, int>, uint64_t> End, MaxAlign;
  std::map<const GlobalVariable *, std::pair<std::pair<int, int>, uint64_t>> At;
};
} // namespace

// What the code generator puts in .bss: all zero, padding undefined.
static bool zeroOrUndef(const Constant *C) {
  if (C->isNullValue() || isa<UndefValue>(C))
    return true;
  if (!isa<ConstantAggregate>(C))
    return false;
  for (const Use &Op : C->operands())
    if (!zeroOrUndef(cast<Constant>(Op.get())))
      return false;
  return true;
}

static Placement placeGlobals(const Module &M) {
  Placement P;
  const DataLayout &DL = M.getDataLayout();
  for (const GlobalVariable &GV : M.globals()) {
    if (GV.isDeclaration() || !GV.hasInitializer() || GV.hasComdat() || GV.hasSection() ||
        GV.isThreadLocal() || GV.getName().starts_with("llvm."))
      continue;
    std::pair<int, int> Key{GV.isConstant(), zeroOrUndef(GV.getInitializer())};
    uint64_t A = GV.getAlign() ? GV.getAlign()->value() : DL.getPreferredAlign(&GV).value();
    uint64_t Off = alignTo(P.End[Key], A);
    P.At[&GV] = {Key, Off};
    P.End[Key] = Off + DL.getTypeAllocSize(GV.getValueType());
    P.MaxAlign[Key] = std::max(P.MaxAlign[Key], A);
  }
  return P;
}

static void checkGlobals(Module &M, const AccessModel &Model, const DebugTypes &Types,
                         uint64_t Line) {
  Placement P = placeGlobals(M);
  const DataLayout &DL = M.getDataLayout();
  // Each global with its first and last atomically written part; between
  // neighbours, the last part of one and the first part of the next meet.
  struct G {
    const GlobalVariable *GV;
    uint64_t Off; // estimated placement in its section
    Written First, Last;
  };
  std::map<std::pair<int, int>, std::vector<G>> BySection;
  for (auto &[GV, Accesses] : Model.Globals) {
    std::vector<Written> W = writtenRanges(Accesses);
    if (W.empty())
      continue;
    // Parts of one global: its layout is exact.
    uint64_t GAlign = GV->getAlign() ? GV->getAlign()->value()
                                     : DL.getPreferredAlign(GV).value();
    checkRanges(W, GAlign, Line, "", [&, GV = GV](uint64_t Off) {
      return "'" + Types.globalName(GV, Off) + "'";
    });
    auto It = P.At.find(GV);
    if (It != P.At.end())
      BySection[It->second.first].push_back({GV, It->second.second, W.front(), W.back()});
  }
  for (auto &[Key, Gs] : BySection) {
    std::sort(Gs.begin(), Gs.end(), [](const G &A, const G &B) { return A.Off < B.Off; });
    for (size_t I = 0; I + 1 < Gs.size(); ++I) {
      const G &A = Gs[I], &B = Gs[I + 1];
      uint64_t AStart = A.Off + A.Last.Off, BStart = B.Off + B.First.Off;
      uint64_t Span = BStart + B.First.Size - AStart;
      if (Span > Line || !independent(A.Last, B.First))
        continue;
      bool Certain = P.MaxAlign[Key] >= Line;
      if (Certain && AStart / Line != (BStart + B.First.Size - 1) / Line)
        continue;
      std::string AName = "'" + Types.globalName(A.GV, A.Last.Off) + "'";
      std::string BName = "'" + Types.globalName(B.GV, B.First.Off) + "'";
      uint64_t Dist = BStart - AStart;
      const char *Section = Key.first ? ".rodata" : Key.second ? ".bss" : ".data";
      std::string Msg = "globals " + AName + " and " + BName +
                        " are written atomically and independently (by '" +
                        writerName(A.Last, B.First) + "' and '" + writerName(B.First, A.Last) +
                        "') but the compiler places them " + std::to_string(Dist) +
                        " bytes apart in " + Section + ", " +
                        (Certain ? "within one " : "so they can share a ") +
                        std::to_string(Line) + "-byte cache line (false sharing); " +
                        fix(Line, Dist, BName);
      Diagnostics::get().report("atomic-false-sharing", diagLocation(*B.First.First->Site), Msg,
                                {{diagLocation(*A.Last.First->Site),
                                  "atomic write of " + AName + " here"}});
    }
  }
}

void checkFalseSharing(Module &M, const AccessModel &Model, const DebugTypes &Types) {
  uint64_t Line = cacheLineSize();
  checkStructs(Model, Types, Line);
  checkGlobals(M, Model, Types, Line);
}

} // namespace syncsan
