//===- AtomicAccesses.cpp - who accesses which object, and how ------------===//
//
// Runs on the module as clang emitted it: locals still live in allocas, so
// pointers are often spilled to a stack slot and reloaded; resolution looks
// through such slots (one store, then only loads) to the pointer's origin.
//
//===----------------------------------------------------------------------===//
#include "AtomicAccesses.h"

#include "AtomicOps.h"
#include "core/DebugTypes.h"
#include "core/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/CFG.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Operator.h"
#include "llvm/Support/Path.h"

#include <memory>

using namespace llvm;

namespace syncsan {

namespace {

// A struct the pointer points into, as seen from one GEP over its type.
struct Level {
  StructType *ST;
  bool Exact;         // Off is exact; else only the field is known
  uint64_t Off;       // exact offset of the pointer within ST
  uint64_t FieldOff;  // the field holding it
  uint64_t FieldSize;
};

// The one index known only at run time on the way to an array element
// (counters[id]): the array's stride, length and start, from constant
// offsets everywhere else.
struct VarIndex {
  unsigned N = 0;        // variable indices seen
  bool Known = true;     // every other step was a constant offset
  uint64_t Stride = 0;   // element size
  uint64_t Count = 0;    // elements; 0 when unknown (pointer arithmetic)
  uint64_t Start = 0;    // where the array starts, from Base
};

struct PtrInfo {
  enum Kind { None, Global, Arg, Fresh } Root = None;
  const Value *Base = nullptr;
  bool OffKnown = true;
  uint64_t Off = 0; // from Base, when OffKnown
  VarIndex Var;     // when !OffKnown
  SmallVector<Level, 2> Levels;
  bool useful() const { return Root != None || !Levels.empty(); }
};

// What an access is, independent of the object.
struct AccessFacts {
  uint64_t Size = 0;
  bool Atomic = false, Reads = false, Writes = false;
  bool CounterRMW = false, SyncUse = false;
  int Order = -1;
  bool Exempt = false; // already known (a constructor's own object)
  // A plain store that may be C's atomic_init (which clang lowers to a plain
  // store): not an assignment written in the source (see mayBeAtomicInit).
  bool MaybeInit = false;
};

// A field an access touches, located within its struct.
struct FieldRef {
  StructType *ST;
  uint64_t Off, Size;
  bool Coarse;
};

struct SummaryEntry {
  uint64_t Off; // from the argument, when OffKnown
  bool OffKnown;
  AccessFacts F;
  const Instruction *Site;
  // Fields recorded only at the call sites, where it is known whether the
  // object could be shared yet (see deferrable()).
  SmallVector<FieldRef, 2> Refs;
};

struct Summary {
  std::vector<std::vector<SummaryEntry>> Args;
};

constexpr unsigned MaxSummary = 256;
constexpr unsigned MaxDepth = 8;

bool isSystemFile(const DILocation *L) {
  StringRef F = L->getFilename(), D = L->getDirectory();
  auto System = [](StringRef P) {
    return P.starts_with("/usr/include/") || P.starts_with("/usr/lib/") ||
           P.starts_with("/usr/local/include/") || P.contains("/include/c++/");
  };
  return System(F) || (!F.starts_with("/") && System(D));
}

// Where a diagnostic about an access inside a callee should point: the
// access itself when it is the user's code, else the call that led to it.
bool isUserCode(const Instruction *I) {
  if (const DILocation *L = I->getDebugLoc().get())
    return !isSystemFile(L);
  const Function *F = I->getFunction();
  return !F->hasLinkOnceODRLinkage() && !F->hasAvailableExternallyLinkage();
}

bool isFreshAllocation(const Value *V) {
  if (isa<AllocaInst>(V))
    return true;
  auto *CB = dyn_cast<CallBase>(V);
  const Function *F = CB ? CB->getCalledFunction() : nullptr;
  if (!F)
    return false;
  StringRef N = F->getName();
  return N == "malloc" || N == "calloc" || N == "aligned_alloc" || N == "_Znwm" ||
         N == "_Znam" || N == "_ZnwmSt11align_val_t" || N == "_ZnamSt11align_val_t";
}

// Library functions that neither keep nor publish a pointer passed to them.
bool nonCapturingLibcall(StringRef N) {
  static const StringSet<> S = {"free", "memset", "memcpy", "memmove", "memcmp", "strlen",
                                "strcmp", "strncmp", "strcpy", "strncpy", "printf",
                                "fprintf", "snprintf", "sprintf", "puts", "fputs",
                                "_ZdlPv", "_ZdaPv", "_ZdlPvm", "_ZdaPvm"};
  return S.contains(N);
}

// Clang lowers C's atomic_init to a plain store, so such a store to an
// _Atomic object is initialisation only if it is not an assignment written
// in the source: `*(int *)&v = 0`, `v_alias += 1` through a cast. Clang puts
// an assignment's store at its operator (=, op=, ++, --), atomic_init's at
// the call. At -O2 the TBAA tag says the same: atomic_init's store is typed
// as char (clang gives _Atomic types no TBAA type of their own), a store
// through an `int *` as int. With neither (no source, no TBAA), the old
// answer stands: it may be atomic_init.
bool mayBeAtomicInit(const StoreInst &St) {
  if (const MDNode *Tag = St.getMetadata(LLVMContext::MD_tbaa))
    if (Tag->getNumOperands() >= 2)
      if (auto *Access = dyn_cast_or_null<MDNode>(Tag->getOperand(1).get()))
        if (Access->getNumOperands() >= 1)
          if (auto *Name = dyn_cast_or_null<MDString>(Access->getOperand(0).get()))
            if (Name->getString() != "omnipotent char")
              return false;
  const DILocation *L = St.getDebugLoc().get();
  if (!L || L->getLine() == 0 || L->getColumn() == 0)
    return true;
  DiagLoc Loc;
  Loc.Line = L->getLine();
  Loc.Column = L->getColumn();
  SmallString<256> Path(L->getFilename());
  if (!sys::path::is_absolute(Path) && !L->getDirectory().empty()) {
    Path = L->getDirectory();
    sys::path::append(Path, L->getFilename());
  }
  Loc.FullPath = std::string(Path);
  const std::string *Text = sourceLine(Loc);
  if (!Text || Loc.Column > Text->size())
    return true;
  StringRef At = StringRef(*Text).drop_front(Loc.Column - 1);
  if (At.starts_with("=="))
    return true;
  for (StringRef Op : {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "++",
                       "--"})
    if (At.starts_with(Op))
      return false;
  return true;
}

bool isThreadSpawnName(StringRef N) {
  return N == "pthread_create" || N == "thrd_create" || N.contains("_M_start_thread");
}

bool isCtorOrDtor(const Function &F) {
  ItaniumPartialDemangler D;
  return F.getName().starts_with("_Z") && !D.partialDemangle(F.getName().data()) &&
         D.isCtorOrDtor();
}

class Collector {
public:
  Collector(Module &M, const DebugTypes &Types) : M(M), DL(M.getDataLayout()), Types(Types) {
    if (auto *Ctors = M.getNamedGlobal("llvm.global_ctors"))
      if (auto *Arr = dyn_cast_or_null<ConstantArray>(Ctors->getInitializer()))
        for (const Use &U : Arr->operands())
          if (auto *CS = dyn_cast<ConstantStruct>(U.get()))
            if (CS->getNumOperands() >= 2)
              if (auto *F = dyn_cast<Function>(CS->getOperand(1)->stripPointerCasts()))
                StaticInit.insert(F);
  }

  AccessModel run() {
    for (Function &F : M)
      analyze(F, 0);
    return std::move(Model);
  }

private:
  // ---- pointer resolution ----

  // The value a stack slot holds when it is written once and then only
  // read: clang's spill of a parameter or local pointer.
  const Value *spilledValue(const AllocaInst *A) {
    auto It = Spills.find(A);
    if (It != Spills.end())
      return It->second;
    const Value *Stored = nullptr;
    bool Ok = A->getAllocatedType()->isPointerTy();
    for (const User *U : A->users()) {
      if (!Ok)
        break;
      if (auto *S = dyn_cast<StoreInst>(U)) {
        if (S->getPointerOperand() != A || Stored)
          Ok = false;
        else
          Stored = S->getValueOperand();
      } else if (auto *L = dyn_cast<LoadInst>(U)) {
        Ok = L->getPointerOperand() == A;
      } else if (auto *II = dyn_cast<IntrinsicInst>(U)) {
        Ok = II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II);
      } else {
        Ok = false;
      }
    }
    return Spills[A] = Ok ? Stored : nullptr;
  }

  // A constant GEP index as the GEP uses it: sign-extended or truncated to
  // 64 bits (an i128 index is legal IR; getSExtValue() would assert on it).
  static int64_t indexValue(const ConstantInt *CI) {
    return CI->getValue().sextOrTrunc(64).getSExtValue();
  }

  void gepLevels(const GEPOperator *G, uint64_t &Acc, bool &AccKnown,
                 SmallVectorImpl<Level> &Levels, VarIndex &V) {
    SmallVector<const Value *, 4> Idx(G->idx_begin(), G->idx_end());
    Type *Src = G->getSourceElementType();
    // A scalable type (an SVE or RVV vector, or a struct of them) has no
    // size known at compile time: no offset through it is a constant.
    if (Idx.empty() || !Src->isSized() || Src->isScalableTy()) {
      AccKnown = false;
      V.Known = false;
      return;
    }
    // Constant offsets of GEPs nearer the base than the variable index
    // move the array; those after it are within its element.
    bool VarBefore = V.N > 0;
    bool VarHere = false;
    struct Pos {
      StructType *ST;
      uint64_t Start, FieldOff, FieldSize;
      unsigned K;
    };
    SmallVector<Pos, 2> Structs;
    uint64_t Inner = 0;
    unsigned LastVar = 0;
    Type *Cur = Src;
    for (unsigned K = 1; K < Idx.size(); ++K) {
      if (auto *ST = dyn_cast<StructType>(Cur)) {
        auto *CI = dyn_cast<ConstantInt>(Idx[K]);
        if (!CI || ST->isOpaque() || ST->isScalableTy() ||
            CI->getValue().uge(ST->getNumElements())) {
          AccKnown = false;
          V.Known = false;
          return;
        }
        unsigned Field = CI->getZExtValue();
        uint64_t FO = DL.getStructLayout(ST)->getElementOffset(Field);
        Type *FT = ST->getElementType(Field);
        Structs.push_back({ST, Inner, FO, DL.getTypeAllocSize(FT), K});
        Inner += FO;
        Cur = FT;
      } else if (isa<ArrayType>(Cur) || isa<FixedVectorType>(Cur)) {
        Type *E = isa<ArrayType>(Cur) ? Cur->getArrayElementType()
                                      : cast<VectorType>(Cur)->getElementType();
        if (auto *CI = dyn_cast<ConstantInt>(Idx[K])) {
          Inner += indexValue(CI) * DL.getTypeAllocSize(E);
        } else {
          LastVar = K;
          if (!V.N++) {
            VarHere = true;
            V.Stride = DL.getTypeAllocSize(E);
            V.Count = isa<ArrayType>(Cur) ? Cur->getArrayNumElements() : 0;
            V.Start = Inner;
          }
        }
        Cur = E;
      } else {
        AccKnown = false;
        V.Known = false;
        return;
      }
    }
    for (const Pos &P : Structs) {
      // Only identified (named) structs name a field a programmer wrote.
      if (!P.ST->hasName())
        continue;
      bool Exact = AccKnown && LastVar < P.K;
      Levels.push_back({P.ST, Exact, Exact ? Inner - P.Start + Acc : 0, P.FieldOff,
                        P.FieldSize});
    }
    auto *First = dyn_cast<ConstantInt>(Idx[0]);
    if (First && LastVar == 0 && AccKnown)
      Acc += indexValue(First) * DL.getTypeAllocSize(Src) + Inner;
    else
      AccKnown = false;
    uint64_t FirstOff = First ? indexValue(First) * DL.getTypeAllocSize(Src) : 0;
    if (!First && !V.N++) {
      // p[i] on a pointer: the array is the pointer's, its length unknown.
      V.Stride = DL.getTypeAllocSize(Src);
      V.Count = 0;
      V.Start = 0;
    } else if (VarHere) {
      V.Start += FirstOff;
    } else if (VarBefore) {
      V.Start += FirstOff + Inner;
    }
  }

  PtrInfo resolve(const Value *P) {
    PtrInfo PI;
    uint64_t Acc = 0;
    bool AccKnown = true;
    SmallPtrSet<const Value *, 8> Seen;
    for (unsigned Depth = 0; Depth < 24 && Seen.insert(P).second; ++Depth) {
      if (auto *G = dyn_cast<GEPOperator>(P)) {
        gepLevels(G, Acc, AccKnown, PI.Levels, PI.Var);
        P = G->getPointerOperand();
        continue;
      }
      if (auto *O = dyn_cast<Operator>(P);
          O && (O->getOpcode() == Instruction::BitCast ||
                O->getOpcode() == Instruction::AddrSpaceCast)) {
        P = O->getOperand(0);
        continue;
      }
      if (auto *L = dyn_cast<LoadInst>(P)) {
        if (auto *A = dyn_cast<AllocaInst>(L->getPointerOperand()))
          if (const Value *V = spilledValue(A)) {
            P = V;
            continue;
          }
        break;
      }
      if (auto *GV = dyn_cast<GlobalVariable>(P)) {
        PI.Root = PtrInfo::Global;
        PI.Base = GV;
      } else if (isa<Argument>(P)) {
        PI.Root = PtrInfo::Arg;
        PI.Base = P;
      } else if (isFreshAllocation(P)) {
        PI.Root = PtrInfo::Fresh;
        PI.Base = P;
      }
      break;
    }
    PI.Off = Acc;
    PI.OffKnown = AccKnown;
    return PI;
  }

  // ---- what a value read is used for ----

  bool usedForSync(const Value *V, unsigned Depth) {
    if (Depth > 8)
      return true;
    for (const User *U : V->users()) {
      const auto *I = dyn_cast<Instruction>(U);
      if (!I)
        return true;
      if (isa<CmpInst>(I) || I->isTerminator() || isa<IntToPtrInst>(I))
        return true; // a branch, a return value, an address
      if (auto *S = dyn_cast<SelectInst>(I)) {
        if (S->getCondition() == V || usedForSync(S, Depth + 1))
          return true;
        continue;
      }
      if (auto *G = dyn_cast<GetElementPtrInst>(I)) {
        if (G->getPointerOperand() != V)
          return true;
        continue;
      }
      if (auto *St = dyn_cast<StoreInst>(I)) {
        // Into a stack temporary: follow its reloads. Elsewhere: a copy
        // kept for reporting, not a decision.
        if (St->getValueOperand() == V)
          if (auto *A = dyn_cast<AllocaInst>(St->getPointerOperand()))
            for (const User *AU : A->users())
              if (auto *L = dyn_cast<LoadInst>(AU); L && usedForSync(L, Depth + 1))
                return true;
        continue;
      }
      if (isa<CastInst>(I) || isa<BinaryOperator>(I) || isa<PHINode>(I) ||
          isa<ExtractValueInst>(I) || isa<InsertValueInst>(I) || isa<UnaryOperator>(I) ||
          isa<FreezeInst>(I)) {
        if (usedForSync(I, Depth + 1))
          return true;
        continue;
      }
      if (isa<CallBase>(I))
        continue; // printed, logged, accumulated elsewhere
      return true;
    }
    return false;
  }

  // ---- escape of fresh objects ----

  bool captures(const Function &G, unsigned ArgNo, unsigned Depth) {
    auto Key = std::make_pair(&G, ArgNo);
    auto It = CapMemo.find(Key);
    if (It != CapMemo.end())
      return It->second;
    // An argument past the parameters is a variadic one: the callee reads
    // it with va_arg, which this walk does not follow, so it escapes
    // (unless the callee is a library function known to keep nothing).
    if (ArgNo >= G.arg_size())
      return CapMemo[Key] = !nonCapturingLibcall(G.getName());
    if (G.isDeclaration() || Depth > MaxDepth)
      return CapMemo[Key] = !G.getArg(ArgNo)->hasNoCaptureAttr() &&
                            !nonCapturingLibcall(G.getName());
    CapMemo[Key] = true;
    SmallVector<const Instruction *, 4> Esc;
    escapesOf(G.getArg(ArgNo), Esc, Depth + 1);
    return CapMemo[Key] = !Esc.empty();
  }

  void escapesOf(const Value *Base, SmallVectorImpl<const Instruction *> &Out, unsigned Depth) {
    SmallVector<const Value *, 8> Work{Base};
    SmallPtrSet<const Value *, 16> Seen{Base};
    auto Push = [&](const Value *V) {
      if (Seen.insert(V).second)
        Work.push_back(V);
    };
    while (!Work.empty()) {
      const Value *V = Work.pop_back_val();
      for (const User *U : V->users()) {
        const auto *I = dyn_cast<Instruction>(U);
        if (!I)
          continue;
        if (isa<GetElementPtrInst>(I) || isa<BitCastInst>(I) || isa<AddrSpaceCastInst>(I) ||
            isa<PHINode>(I) || isa<SelectInst>(I)) {
          Push(I);
        } else if (isa<LoadInst>(I) || isa<CmpInst>(I)) {
          continue;
        } else if (auto *S = dyn_cast<StoreInst>(I)) {
          if (S->getValueOperand() != V)
            continue;
          auto *A = dyn_cast<AllocaInst>(S->getPointerOperand());
          if (A && spilledValue(A) == V) {
            for (const User *AU : A->users())
              if (isa<LoadInst>(AU))
                Push(AU);
          } else {
            Out.push_back(I);
          }
        } else if (auto *R = dyn_cast<AtomicRMWInst>(I)) {
          if (R->getValOperand() == V)
            Out.push_back(I);
        } else if (auto *X = dyn_cast<AtomicCmpXchgInst>(I)) {
          if (X->getNewValOperand() == V)
            Out.push_back(I);
        } else if (auto *CB = dyn_cast<CallBase>(I)) {
          if (auto *II = dyn_cast<IntrinsicInst>(CB)) {
            if (II->isLifetimeStartOrEnd() || isa<DbgInfoIntrinsic>(II) ||
                isa<MemIntrinsic>(II))
              continue;
            Out.push_back(I);
            continue;
          }
          const Function *G = CB->getCalledFunction();
          if (!G) {
            Out.push_back(I);
            continue;
          }
          for (unsigned J = 0; J < CB->arg_size(); ++J)
            if (CB->getArgOperand(J) == V && captures(*G, J, Depth)) {
              Out.push_back(I);
              break;
            }
        } else {
          Out.push_back(I); // returned, converted to an integer, ...
        }
      }
    }
  }

  bool escapedBefore(const Value *Base, const Instruction *At) {
    auto It = Escapes.find(Base);
    if (It == Escapes.end()) {
      SmallVector<const Instruction *, 4> Esc;
      escapesOf(Base, Esc, 0);
      It = Escapes.try_emplace(Base, std::move(Esc)).first;
    }
    for (const Instruction *E : It->second)
      if (E == At || isPotentiallyReachable(E, At))
        return true;
    return false;
  }

  // ---- globals before the first thread ----

  bool spawnsThreads(const Function &F, unsigned Depth) {
    auto It = SpawnMemo.find(&F);
    if (It != SpawnMemo.end())
      return It->second;
    if (isThreadSpawnName(F.getName()))
      return SpawnMemo[&F] = true;
    if (F.isDeclaration() || Depth > MaxDepth)
      return SpawnMemo[&F] = false;
    SpawnMemo[&F] = false;
    for (const Instruction &I : instructions(F))
      if (auto *CB = dyn_cast<CallBase>(&I))
        if (const Function *G = CB->getCalledFunction(); G && spawnsThreads(*G, Depth + 1))
          return SpawnMemo[&F] = true;
    return false;
  }

  bool isStaticInitializer(const Function &F) {
    return StaticInit.count(&F) || F.getName().starts_with("__cxx_global_var_init") ||
           F.getName().starts_with("_GLOBAL__sub_I_");
  }

  // Whether code at At in F runs before any thread can exist.
  bool beforeThreads(const Function &F, const Instruction *At, unsigned Depth) {
    if (isStaticInitializer(F))
      return true;
    if (F.getName() == "main") {
      for (const Instruction &I : instructions(F))
        if (auto *CB = dyn_cast<CallBase>(&I))
          if (const Function *G = CB->getCalledFunction(); G && spawnsThreads(*G, 0))
            if (&I == At || isPotentiallyReachable(&I, At))
              return false;
      return true;
    }
    return initOnly(F, Depth);
  }

  // F is only ever called (directly) from code that runs before threads.
  bool initOnly(const Function &F, unsigned Depth) {
    auto It = InitMemo.find(&F);
    if (It != InitMemo.end())
      return It->second;
    if (Depth > MaxDepth || F.use_empty())
      return InitMemo[&F] = false;
    InitMemo[&F] = false;
    for (const Use &U : F.uses()) {
      auto *CB = dyn_cast<CallBase>(U.getUser());
      if (!CB || !CB->isCallee(&U) || !beforeThreads(*CB->getFunction(), CB, Depth + 1))
        return false;
    }
    return InitMemo[&F] = true;
  }

  // ---- recording ----

  void record(std::vector<ObjAccess> &To, uint64_t Off, uint64_t Size, bool Coarse,
              const AccessFacts &Fa, bool Exempt, const Instruction *Site,
              const Function *Fn) {
    ObjAccess A;
    A.Site = Site;
    A.Fn = Fn;
    A.Off = Off;
    A.Size = Size;
    A.Atomic = Fa.Atomic;
    A.Reads = Fa.Reads;
    A.Writes = Fa.Writes;
    A.CounterRMW = Fa.CounterRMW;
    A.SyncUse = Fa.SyncUse;
    A.Order = Fa.Order;
    A.Exempt = Exempt;
    A.Coarse = Coarse;
    To.push_back(A);
  }

  bool isSystemType(StructType *ST) {
    auto It = SystemTypes.find(ST);
    if (It != SystemTypes.end())
      return It->second;
    return SystemTypes[ST] = Types.isSystemType(ST);
  }

  // A static function called only directly (typically an init helper
  // taking the object to set up): whether its accesses are initialisation
  // depends on each caller, so they are judged at the call sites.
  bool deferrable(const Function &F) {
    auto It = DeferMemo.find(&F);
    if (It != DeferMemo.end())
      return It->second;
    bool D = F.hasLocalLinkage() && !F.use_empty();
    for (const Use &U : F.uses()) {
      auto *CB = dyn_cast<CallBase>(U.getUser());
      D &= CB && CB->isCallee(&U);
    }
    return DeferMemo[&F] = D;
  }

  // Rel: where the access is relative to PI's pointer (a callee's access
  // through the argument), unless !RelKnown (a variable index in the callee).
  void emit(Function &F, Summary &S, const PtrInfo &PI, uint64_t Rel, bool RelKnown,
            const AccessFacts &Fa, const Instruction *At, const Instruction *Site,
            ArrayRef<FieldRef> Carried) {
    bool Exempt = Fa.Exempt;
    if (!Exempt && PI.Root == PtrInfo::Fresh)
      Exempt = !escapedBefore(PI.Base, At);
    if (!Exempt && PI.Root == PtrInfo::Arg && cast<Argument>(PI.Base)->getArgNo() == 0 &&
        isCtorOrDtor(F))
      Exempt = true;
    if (!Exempt && PI.Root == PtrInfo::Global)
      Exempt = beforeThreads(F, At, 0);
    bool PlainStore = !Fa.Atomic && Fa.Writes;

    SmallVector<FieldRef, 4> Refs(Carried.begin(), Carried.end());
    for (const Level &L : PI.Levels)
      if (!isSystemType(L.ST))
        Refs.push_back(L.Exact && RelKnown ? FieldRef{L.ST, L.Off + Rel, Fa.Size, false}
                                         : FieldRef{L.ST, L.FieldOff, L.FieldSize, true});

    bool OffKnown = PI.OffKnown && RelKnown;
    bool Defer = PI.Root == PtrInfo::Arg && !Exempt && deferrable(F);
    if (!Defer)
      for (const FieldRef &R : Refs)
        record(Model.Fields[R.ST], R.Off, R.Size, R.Coarse, Fa,
               Exempt || (PlainStore && Fa.MaybeInit && Types.isAtomicField(R.ST, R.Off)),
               Site, &F);
    if (PI.Root == PtrInfo::Global && OffKnown) {
      auto *GV = cast<GlobalVariable>(PI.Base);
      uint64_t Off = PI.Off + Rel;
      bool Ex = Exempt || (PlainStore && Fa.MaybeInit && Types.isAtomicGlobal(GV, Off));
      if (!GV->isThreadLocal())
        record(Model.Globals[GV], Off, Fa.Size, false, Fa, Ex, Site, &F);
    }
    if (PI.Root == PtrInfo::Global && !PI.OffKnown && RelKnown && PI.Var.Known &&
        PI.Var.N == 1 && PI.Var.Stride && Fa.Atomic && Fa.Writes && !Exempt) {
      auto *GV = cast<GlobalVariable>(PI.Base);
      auto &W = Model.Slots[GV];
      if (!GV->isThreadLocal() && W.size() < MaxSummary)
        W.push_back({Site, &F, PI.Var.Start, PI.Var.Stride, PI.Var.Count, Fa.Size});
    }
    if (PI.Root == PtrInfo::Arg && (OffKnown || Defer)) {
      auto &Entries = S.Args[cast<Argument>(PI.Base)->getArgNo()];
      if (Entries.size() < MaxSummary) {
        AccessFacts Keep = Fa;
        Keep.Exempt = Exempt;
        SummaryEntry E{OffKnown ? PI.Off + Rel : 0, OffKnown, Keep, Site, {}};
        if (Defer)
          E.Refs.assign(Refs.begin(), Refs.end());
        Entries.push_back(std::move(E));
      }
    }
  }

  AccessFacts factsOf(Instruction &I, const Value *&Ptr) {
    AccessFacts Fa;
    Ptr = nullptr;
    if (auto Op = asAtomicOp(I)) {
      if (Op->Kind == AtomicKind::Fence || !Op->Ptr)
        return Fa;
      Ptr = Op->Ptr;
      Fa.Size = Op->Size;
      Fa.Atomic = true;
      Fa.Reads = Op->reads();
      Fa.Writes = Op->writes();
      Fa.Order = Op->Order;
      bool Counter = Op->Kind == AtomicKind::RMW &&
                     (Op->RMWOp == AtomicRMWInst::Add || Op->RMWOp == AtomicRMWInst::Sub);
      if (Op->Kind == AtomicKind::CmpXchg) {
        Fa.SyncUse = true;
      } else if (Fa.Reads && !Op->Libcall) {
        Fa.SyncUse = usedForSync(&I, 0);
      } else if (Fa.Reads) {
        // Generic libcalls return through memory; sized ones return the value.
        Fa.SyncUse = I.getType()->isVoidTy() || usedForSync(&I, 0);
      }
      Fa.CounterRMW = Counter && !Fa.SyncUse;
      return Fa;
    }
    // A scalable vector's size is a multiple of the machine's vector
    // length, unknown here: such an access names no byte range.
    if (auto *L = dyn_cast<LoadInst>(&I); L && !L->getType()->isScalableTy()) {
      Ptr = L->getPointerOperand();
      Fa.Size = DL.getTypeStoreSize(L->getType());
      Fa.Reads = true;
    } else if (auto *St = dyn_cast<StoreInst>(&I);
               St && !St->getValueOperand()->getType()->isScalableTy()) {
      Ptr = St->getPointerOperand();
      Fa.Size = DL.getTypeStoreSize(St->getValueOperand()->getType());
      Fa.Writes = true;
      Fa.MaybeInit = mayBeAtomicInit(*St);
    }
    return Fa;
  }

  const Summary &analyze(Function &F, unsigned Depth) {
    static const Summary Empty;
    auto &Slot = Summaries[&F];
    if (!Slot) {
      if (F.isDeclaration() || Depth > MaxDepth || F.getName().starts_with("syncsan.") ||
          F.getName().starts_with("__syncsan_")) {
        return Empty;
      }
      Slot = std::make_unique<Summary>();
      Slot->Args.resize(F.arg_size());
    } else {
      return *Slot; // finished, or in progress (recursion): what we have
    }
    Summary &S = *Slot;
    for (Instruction &I : instructions(F)) {
      const Value *Ptr;
      AccessFacts Fa = factsOf(I, Ptr);
      if (Ptr && Fa.Size) {
        PtrInfo PI = resolve(Ptr);
        if (PI.useful())
          emit(F, S, PI, 0, true, Fa, &I, &I, {});
        continue;
      }
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isa<IntrinsicInst>(CB))
        continue;
      Function *G = CB->getCalledFunction();
      if (!G || G->isDeclaration())
        continue;
      const Summary &GS = analyze(*G, Depth + 1);
      for (unsigned J = 0; J < CB->arg_size() && J < GS.Args.size(); ++J) {
        if (GS.Args[J].empty() || !CB->getArgOperand(J)->getType()->isPointerTy())
          continue;
        PtrInfo PI = resolve(CB->getArgOperand(J));
        // Copy: the callee's summary may grow while we emit (recursion).
        std::vector<SummaryEntry> Entries = GS.Args[J];
        for (const SummaryEntry &E : Entries)
          if (PI.useful() || !E.Refs.empty())
            emit(F, S, PI, E.Off, E.OffKnown, E.F, CB, isUserCode(E.Site) ? E.Site : CB,
                 E.Refs);
      }
    }
    return S;
  }

  Module &M;
  const DataLayout &DL;
  const DebugTypes &Types;
  AccessModel Model;
  DenseMap<const Function *, std::unique_ptr<Summary>> Summaries;
  DenseMap<const AllocaInst *, const Value *> Spills;
  DenseMap<std::pair<const Function *, unsigned>, bool> CapMemo;
  DenseMap<const Value *, SmallVector<const Instruction *, 4>> Escapes;
  DenseMap<const Function *, bool> SpawnMemo, InitMemo, DeferMemo;
  DenseMap<StructType *, bool> SystemTypes;
  SmallPtrSet<const Function *, 4> StaticInit;
};

} // namespace

AccessModel collectAccesses(Module &M, const DebugTypes &Types) {
  Collector C(M, Types);
  return C.run();
}

} // namespace syncsan
