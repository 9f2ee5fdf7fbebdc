//===- AtomicFalseSharing.cpp - the atomic-false-sharing check ------------===//
//
// Two atomics written independently (no function writes both), by writers
// that there is evidence run on different threads, that sit within one
// cache line make the line bounce between the writers' cores. For struct
// fields the layout is exact; a struct aligned to the line size places
// every field exactly, a less aligned one can share a line
// whenever the two fields span at most a line. For globals the compiler
// lays out each section in module order, which is what the estimate uses.
//
//===----------------------------------------------------------------------===//
#include "AtomicChecks.h"
#include "AtomicObjectChecks.h"
#include "core/DebugTypes.h"
#include "core/Diagnostics.h"
#include "core/Sites.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SCCIterator.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
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
     "in C++, _Alignas(64) in C, or padding between the fields. Reported only with "
     "evidence that the writers run on different threads: reached from different thread "
     "entries, or both writing in a loop."});

namespace {
struct Written {
  uint64_t Off = 0, Size = 0;
  std::set<const Function *> Writers;
  std::set<const Function *> HotWriters; // writing in a loop
  const ObjAccess *First = nullptr;
};

// Two functions that write is no evidence of two threads writing at once
// (a test's one-shot flags, set once each by different test bodies). The
// evidence taken: the writers are reached, through the module's direct
// calls, from different thread entries (main, a function passed to
// pthread_create, thrd_create or a std::thread/std::jthread constructor,
// std::thread's _State_impl<...>::_M_run for lambdas and functors, and
// each function that starts a thread, as it runs on beside it); or each
// writes in a loop (its write, or the call leading to it, on a CFG cycle).
class ThreadEvidence {
public:
  explicit ThreadEvidence(Module &M) {
    for (Function &F : M) {
      if (F.isDeclaration())
        continue;
      if (F.getName() == "main" || isStdThreadRun(F))
        addEntry(&F);
      for (Instruction &I : instructions(F))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (addSpawned(*CB))
            addEntry(&F); // the spawner runs on beside the thread it starts
    }
    for (unsigned E = 0; E < Entries.size(); ++E)
      reach(Entries[E], E);
  }

  // Whether some writer of A and some writer of B are reached from
  // different entries; fills the pair.
  bool fromDifferentEntries(const Written &A, const Written &B, const Function *&FA,
                            const Function *&FB) const {
    for (const Function *X : A.Writers)
      for (const Function *Y : B.Writers)
        if (X != Y && differ(X, Y)) {
          FA = X;
          FB = Y;
          return true;
        }
    return false;
  }

  // A thread entry reaching F that is started as more than one thread (at
  // two call sites, or at one in a loop): F may run on several threads at
  // once. Null when there is none.
  const Function *startedManyTimes(const Function *F) const {
    auto It = Reached.find(F);
    if (It == Reached.end())
      return nullptr;
    for (unsigned E : It->second) {
      auto S = Starts.find(Entries[E]);
      if (S != Starts.end() && S->second >= 2)
        return Entries[E];
    }
    return nullptr;
  }

  // Whether X and Y (possibly one function) are reached from different
  // thread entries, so they run on different threads.
  bool onDifferentThreads(const Function *X, const Function *Y) const { return differ(X, Y); }

  bool inLoop(const Instruction *I) {
    const Function *F = I->getFunction();
    auto It = Cyclic.find(F);
    if (It == Cyclic.end()) {
      std::set<const BasicBlock *> &Blocks = Cyclic[F];
      for (auto SCC = scc_begin(F); !SCC.isAtEnd(); ++SCC)
        if (SCC.hasCycle())
          for (const BasicBlock *BB : *SCC)
            Blocks.insert(BB);
      It = Cyclic.find(F);
    }
    return It->second.count(I->getParent());
  }

private:
  static constexpr unsigned MaxEntries = 64;

  static bool isStdThreadRun(const Function &F) {
    if (!F.getName().starts_with("_Z"))
      return false;
    std::string D = demangle(F.getName().str());
    return D.find("thread::_State_impl<") != std::string::npos &&
           StringRef(D).ends_with("::_M_run()");
  }

  void addEntry(const Function *F) {
    if (Entries.size() < MaxEntries &&
        std::find(Entries.begin(), Entries.end(), F) == Entries.end())
      Entries.push_back(F);
  }

  // Whether CB starts a thread; its start function becomes an entry.
  bool addSpawned(const CallBase &CB) {
    const Function *Callee = CB.getCalledFunction();
    if (!Callee)
      return false;
    StringRef N = Callee->getName();
    auto Arg = [&](unsigned I) -> const Function * {
      if (I >= CB.arg_size())
        return nullptr;
      auto *F = dyn_cast<Function>(CB.getArgOperand(I)->stripPointerCasts());
      return F && !F->isDeclaration() ? F : nullptr;
    };
    if (N == "pthread_create" || N == "thrd_create") {
      if (const Function *F = Arg(N == "thrd_create" ? 1 : 2)) {
        addEntry(F);
        Starts[F] += inLoop(&CB) ? 2 : 1;
      }
      return true;
    }
    if (!N.starts_with("_Z"))
      return false;
    std::string D = demangle(N.str());
    if (!StringRef(D).starts_with("std::thread::thread<") &&
        !StringRef(D).starts_with("std::jthread::jthread<"))
      return false;
    for (unsigned I = 0; I < CB.arg_size(); ++I)
      if (const Function *F = Arg(I)) {
        addEntry(F);
        Starts[F] += inLoop(&CB) ? 2 : 1;
      }
    return true;
  }

  void reach(const Function *Entry, unsigned E) {
    std::vector<const Function *> Work{Entry};
    std::set<const Function *> Seen{Entry};
    while (!Work.empty()) {
      const Function *F = Work.back();
      Work.pop_back();
      Reached[F].insert(E);
      for (const Instruction &I : instructions(F))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (const Function *G = CB->getCalledFunction())
            if (!G->isDeclaration() && Seen.insert(G).second)
              Work.push_back(G);
    }
  }

  bool differ(const Function *X, const Function *Y) const {
    auto IX = Reached.find(X), IY = Reached.find(Y);
    if (IX == Reached.end() || IY == Reached.end())
      return false;
    for (unsigned A : IX->second)
      for (unsigned B : IY->second)
        if (A != B)
          return true;
    return false;
  }

  std::vector<const Function *> Entries;
  std::map<const Function *, unsigned> Starts; // thread starts of an entry (in a loop: 2)
  std::map<const Function *, std::set<unsigned>> Reached;
  std::map<const Function *, std::set<const BasicBlock *>> Cyclic;
};
} // namespace

static std::vector<Written> writtenRanges(const std::vector<ObjAccess> &Accesses,
                                          ThreadEvidence &TE) {
  std::vector<Written> W;
  for (const ObjAccess &A : Accesses) {
    if (!A.Atomic || !A.Writes || A.Coarse || !A.Fn)
      continue;
    auto It = std::find_if(W.begin(), W.end(), [&](const Written &X) {
      return A.Off < X.Off + X.Size && X.Off < A.Off + A.Size;
    });
    if (It == W.end()) {
      W.push_back({A.Off, A.Size, {}, {}, &A});
      It = std::prev(W.end());
    }
    uint64_t End = std::max(It->Off + It->Size, A.Off + A.Size);
    It->Off = std::min(It->Off, A.Off);
    It->Size = End - It->Off;
    It->Writers.insert(A.Fn);
    if (A.Site && TE.inLoop(A.Site))
      It->HotWriters.insert(A.Fn);
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

// Evidence that A and B are written by different threads at once, as the
// end of the diagnostic's "(by ...)" clause; empty when there is none.
static std::string concurrentWriters(const Written &A, const Written &B,
                                     const ThreadEvidence &TE) {
  auto Name = [](const Function *F) { return "'" + demangle(F->getName().str()) + "'"; };
  const Function *FA = nullptr, *FB = nullptr;
  if (TE.fromDifferentEntries(A, B, FA, FB))
    return Name(FA) + " and " + Name(FB) + ", reached from different thread entries";
  for (const Function *X : A.HotWriters)
    for (const Function *Y : B.HotWriters)
      if (X != Y)
        return Name(X) + " and " + Name(Y) + ", each in a loop";
  return "";
}

// The declaration the fix goes on (the second field or global of the
// pair), with the column of its name on the line; without debug info the
// write, as before.
static DiagLoc declLocation(const DebugTypes::Decl &D, const Instruction &Write) {
  if (!D.Line || D.File.empty() || D.Name.empty())
    return diagLocation(Write);
  DiagLoc L;
  L.File = D.File.str();
  L.FullPath = joinPath(D.Directory, D.File);
  L.Line = D.Line;
  L.Function = diagLocation(Write).Function;
  if (const std::string *Text = sourceLine(L)) {
    auto IsIdent = [](char C) { return isAlnum(C) || C == '_'; };
    StringRef T(*Text);
    for (size_t At = T.find(D.Name); At != StringRef::npos; At = T.find(D.Name, At + 1)) {
      size_t End = At + D.Name.size();
      if ((At == 0 || !IsIdent(T[At - 1])) && (End == T.size() || !IsIdent(T[End]))) {
        L.Column = At + 1;
        break;
      }
    }
  }
  return L;
}

// Reports the pair at Decl (where the fix goes), with notes at both writes.
static void reportPair(const std::string &Msg, const DebugTypes::Decl &Decl,
                       const std::string &AName, const Instruction &AWrite,
                       const std::string &BName, const Instruction &BWrite) {
  DiagLoc Primary = declLocation(Decl, BWrite);
  std::vector<DiagNote> Notes;
  if (Decl.Line)
    Notes.push_back({diagLocation(BWrite), "atomic write of " + BName + " here"});
  Notes.push_back({diagLocation(AWrite), "atomic write of " + AName + " here"});
  Diagnostics::get().report("atomic-false-sharing", Primary, Msg, Notes);
}

static std::string fix(uint64_t Line, uint64_t Distance, const std::string &Second) {
  return "give " + Second + " its own cache line: declare it alignas(" + std::to_string(Line) +
         ") in C++ or _Alignas(" + std::to_string(Line) + ") in C, or pad it with " +
         std::to_string(Line - Distance) + " bytes";
}

// Consecutive independently written ranges of one object (a struct type, a
// global) whose start is Align-aligned. Name(Off) names a part, Whole the
// object ("of 'struct queue'").
template <typename NameFn, typename DeclFn>
static void checkRanges(const std::vector<Written> &W, uint64_t Align, uint64_t Line,
                        const std::string &Whole, const ThreadEvidence &TE, NameFn Name,
                        DeclFn DeclAt) {
  for (size_t I = 0; I + 1 < W.size(); ++I) {
    const Written &A = W[I], &B = W[I + 1];
    uint64_t Span = B.Off + B.Size - A.Off;
    if (Span > Line || !independent(A, B))
      continue;
    bool Certain = Align >= Line;
    if (Certain && A.Off / Line != (B.Off + B.Size - 1) / Line)
      continue;
    std::string By = concurrentWriters(A, B, TE);
    if (By.empty())
      continue;
    std::string AName = Name(A.Off), BName = Name(B.Off);
    uint64_t Dist = B.Off - A.Off;
    std::string Msg = AName + " and " + BName + Whole +
                      " are written atomically and independently (by " + By + ") but lie " +
                      std::to_string(Dist) +
                      " bytes apart, " + (Certain ? "within one " : "so they can share a ") +
                      std::to_string(Line) + "-byte cache line (false sharing); " +
                      fix(Line, Dist, BName);
    reportPair(Msg, DeclAt(B.Off), AName, *A.First->Site, BName, *B.First->Site);
  }
}

static void checkStructs(const AccessModel &Model, const DebugTypes &Types, uint64_t Line,
                         ThreadEvidence &TE) {
  for (auto &[ST, Accesses] : Model.Fields)
    checkRanges(writtenRanges(Accesses, TE), Types.structAlign(ST), Line,
                " of '" + Types.structName(ST) + "'", TE,
                [&, ST = ST](uint64_t Off) {
                  std::string N = Types.fieldName(ST, Off);
                  return N.empty() ? "the field at offset " + std::to_string(Off)
                                   : "field '" + N + "'";
                },
                [&, ST = ST](uint64_t Off) { return Types.fieldDecl(ST, Off); });
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
                         uint64_t Line, ThreadEvidence &TE) {
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
    std::vector<Written> W = writtenRanges(Accesses, TE);
    if (W.empty())
      continue;
    // Parts of one global: its layout is exact.
    uint64_t GAlign = GV->getAlign() ? GV->getAlign()->value()
                                     : DL.getPreferredAlign(GV).value();
    checkRanges(
        W, GAlign, Line, "", TE,
        [&, GV = GV](uint64_t Off) { return "'" + Types.globalName(GV, Off) + "'"; },
        [&, GV = GV](uint64_t Off) { return Types.globalDecl(GV, Off); });
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
      std::string By = concurrentWriters(A.Last, B.First, TE);
      if (By.empty())
        continue;
      std::string AName = "'" + Types.globalName(A.GV, A.Last.Off) + "'";
      std::string BName = "'" + Types.globalName(B.GV, B.First.Off) + "'";
      uint64_t Dist = BStart - AStart;
      const char *Section = Key.first ? ".rodata" : Key.second ? ".bss" : ".data";
      std::string Msg = "globals " + AName + " and " + BName +
                        " are written atomically and independently (by " + By +
                        ") but the compiler places them " + std::to_string(Dist) +
                        " bytes apart in " + Section + ", " +
                        (Certain ? "within one " : "so they can share a ") +
                        std::to_string(Line) + "-byte cache line (false sharing); " +
                        fix(Line, Dist, BName);
      reportPair(Msg, Types.globalDecl(B.GV, B.First.Off), AName, *A.Last.First->Site, BName,
                 *B.First.First->Site);
    }
  }
}

// Slots of one array written at run-time indices by several threads at
// once: with elements smaller than a line, neighbouring threads' slots share
// lines whichever indices they get. The evidence is that of pairs, for one
// array: a writer reached from a thread entry that is started as more than
// one thread, or writers reached from different entries.
static std::string slotWriters(const std::vector<SlotWrite> &W, const ThreadEvidence &TE,
                               const SlotWrite *&A, const SlotWrite *&B) {
  auto Name = [](const Function *F) { return "'" + demangle(F->getName().str()) + "'"; };
  for (const SlotWrite &X : W)
    if (const Function *E = TE.startedManyTimes(X.Fn)) {
      A = B = &X;
      return X.Fn == E ? Name(X.Fn) + ", started as more than one thread"
                       : Name(X.Fn) + ", reached from " + Name(E) +
                             ", which is started as more than one thread";
    }
  for (const SlotWrite &X : W)
    for (const SlotWrite &Y : W)
      if (TE.onDifferentThreads(X.Fn, Y.Fn)) {
        A = &X;
        B = &Y;
        return X.Fn == Y.Fn ? Name(X.Fn) + ", reached from different thread entries"
                            : Name(X.Fn) + " and " + Name(Y.Fn) +
                                  ", reached from different thread entries";
      }
  return "";
}

static void checkSlots(Module &M, const AccessModel &Model, const DebugTypes &Types,
                       uint64_t Line, const ThreadEvidence &TE) {
  const DataLayout &DL = M.getDataLayout();
  for (auto &[GV, Writes] : Model.Slots) {
    // One array of a global at a time (a global may hold several).
    std::map<std::pair<uint64_t, uint64_t>, std::vector<SlotWrite>> ByArray;
    for (const SlotWrite &W : Writes)
      ByArray[{W.Start, W.Stride}].push_back(W);
    uint64_t GSize = DL.getTypeAllocSize(GV->getValueType());
    for (auto &[Key, W] : ByArray) {
      auto [Start, Stride] = Key;
      uint64_t Count = W.front().Count;
      if (!Count && Start < GSize)
        Count = (GSize - Start) / Stride;
      if (Stride >= Line || Count < 2 || W.front().Size > Stride)
        continue;
      const SlotWrite *A = nullptr, *B = nullptr;
      std::string By = slotWriters(W, TE, A, B);
      if (By.empty())
        continue;
      std::string Name = Types.globalName(GV, Start);
      // The array, not its first element ("counters[0]" names a slot).
      if (size_t Bracket = Name.rfind('['); Bracket != std::string::npos && Name.back() == ']')
        Name.erase(Bracket);
      uint64_t PerLine = std::min(Count, Line / Stride);
      std::string LineStr = std::to_string(Line);
      std::string Msg =
          "the " + std::to_string(Stride) + "-byte slots of '" + Name +
          "' are written atomically at indices known only at run time, by more than one "
          "thread (by " + By + "), and " + std::to_string(PerLine) + " of them fit in one " +
          LineStr + "-byte cache line, so the threads' slots share lines (false sharing); "
          "give each slot its own cache line: make the element a struct whose atomic is "
          "declared _Alignas(" + LineStr + ") in C or alignas(" + LineStr +
          ") in C++, so that each slot is " + LineStr + " bytes";
      DebugTypes::Decl D = Types.globalDecl(GV, Start);
      DiagLoc Primary = declLocation(D, *A->Site);
      std::vector<DiagNote> Notes;
      if (D.Line)
        Notes.push_back({diagLocation(*A->Site), "atomic write of a slot of '" + Name + "' here"});
      if (B->Site != A->Site)
        Notes.push_back({diagLocation(*B->Site), "atomic write of a slot of '" + Name + "' here"});
      Diagnostics::get().report("atomic-false-sharing", Primary, Msg, Notes);
    }
  }
}

void checkFalseSharing(Module &M, const AccessModel &Model, const DebugTypes &Types) {
  uint64_t Line = cacheLineSize();
  ThreadEvidence TE(M);
  checkStructs(Model, Types, Line, TE);
  checkGlobals(M, Model, Types, Line, TE);
  checkSlots(M, Model, Types, Line, TE);
}

} // namespace syncsan
