//===- AtomicFalseSharing.cpp - the atomic-false-sharing check ------------===//
//
// Two atomics written independently (by different sets of functions) that
// sit within one cache line make the line bounce between the writers'
// cores. For struct fields the layout is exact; a struct aligned to the
// line size places every field exactly, a less aligned one can share a line
// whenever the two fields span at most a line. For globals the compiler
// lays out each section in module order, which is what the estimate uses.
//
//===----------------------------------------------------------------------===//
#include "AtomicChecks.h"
#include "AtomicObjectChecks.h"
#include "DebugTypes.h"
#include "Diagnostics.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/Demangle/Demangle.h"
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

static void checkStructs(const AccessModel &Model, const DebugTypes &Types, uint64_t Line) {
  for (auto &[ST, Accesses] : Model.Fields) {
    std::vector<Written> W = writtenRanges(Accesses);
    uint64_t Align = Types.structAlign(ST);
    for (size_t I = 0; I + 1 < W.size(); ++I) {
      const Written &A = W[I], &B = W[I + 1];
      uint64_t Span = B.Off + B.Size - A.Off;
      if (Span > Line || A.Writers == B.Writers)
        continue;
      bool Certain = Align >= Line;
      if (Certain && A.Off / Line != (B.Off + B.Size - 1) / Line)
        continue;
      std::string SName = Types.structName(ST);
      std::string AName = "'" + Types.fieldName(ST, A.Off) + "'";
      std::string BName = "'" + Types.fieldName(ST, B.Off) + "'";
      uint64_t Dist = B.Off - A.Off;
      std::string Msg = "fields " + AName + " and " + BName + " of '" + SName +
                        "' are written atomically and independently (by '" +
                        writerName(A, B) + "' and '" + writerName(B, A) + "') but lie " +
                        std::to_string(Dist) + " bytes apart, " +
                        (Certain ? "within one " : "so they can share a ") +
                        std::to_string(Line) +
                        "-byte cache line (false sharing); " + fix(Line, Dist, BName);
      Diagnostics::get().report("atomic-false-sharing", diagLocation(*B.First->Site), Msg,
                                {{diagLocation(*A.First->Site),
                                  "atomic write of " + AName + " here"}});
    }
  }
}

// Where the compiler will place each global within its section, assuming
// module order (what the assembler output follows).
namespace {
struct Placement {
  std::map<std::pair<int, int>, uint64_t> End, MaxAlign;
  std::map<const GlobalVariable *, std::pair<std::pair<int, int>, uint64_t>> At;
};
} // namespace

static Placement placeGlobals(const Module &M) {
  Placement P;
  const DataLayout &DL = M.getDataLayout();
  for (const GlobalVariable &GV : M.globals()) {
    if (GV.isDeclaration() || !GV.hasInitializer() || GV.hasComdat() || GV.hasSection() ||
        GV.isThreadLocal() || GV.getName().starts_with("llvm."))
      continue;
    std::pair<int, int> Key{GV.isConstant(), GV.getInitializer()->isNullValue()};
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
  struct G {
    const GlobalVariable *GV;
    uint64_t Off, Size;
    Written W;
  };
  std::map<std::pair<int, int>, std::vector<G>> BySection;
  for (auto &[GV, Accesses] : Model.Globals) {
    auto It = P.At.find(GV);
    if (It == P.At.end())
      continue;
    Written W;
    for (const ObjAccess &A : Accesses)
      if (A.Atomic && A.Writes) {
        W.Writers.insert(A.Fn);
        if (!W.First)
          W.First = &A;
      }
    if (!W.First)
      continue;
    BySection[It->second.first].push_back(
        {GV, It->second.second, DL.getTypeAllocSize(GV->getValueType()), W});
  }
  for (auto &[Key, Gs] : BySection) {
    std::sort(Gs.begin(), Gs.end(), [](const G &A, const G &B) { return A.Off < B.Off; });
    for (size_t I = 0; I + 1 < Gs.size(); ++I) {
      const G &A = Gs[I], &B = Gs[I + 1];
      uint64_t Span = B.Off + B.Size - A.Off;
      if (Span > Line || A.W.Writers == B.W.Writers)
        continue;
      bool Certain = P.MaxAlign[Key] >= Line;
      if (Certain && A.Off / Line != (B.Off + B.Size - 1) / Line)
        continue;
      std::string AName = "'" + Types.globalName(A.GV, 0) + "'";
      std::string BName = "'" + Types.globalName(B.GV, 0) + "'";
      uint64_t Dist = B.Off - A.Off;
      const char *Section = Key.first ? ".rodata" : Key.second ? ".bss" : ".data";
      std::string Msg = "globals " + AName + " and " + BName +
                        " are written atomically and independently (by '" +
                        writerName(A.W, B.W) + "' and '" + writerName(B.W, A.W) +
                        "') but the compiler places them " + std::to_string(Dist) +
                        " bytes apart in " + Section + ", " +
                        (Certain ? "within one " : "so they can share a ") +
                        std::to_string(Line) + "-byte cache line (false sharing); " +
                        fix(Line, Dist, BName);
      Diagnostics::get().report("atomic-false-sharing", diagLocation(*B.W.First->Site), Msg,
                                {{diagLocation(*A.W.First->Site),
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
