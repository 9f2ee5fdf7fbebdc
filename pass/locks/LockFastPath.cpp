//===- LockFastPath.cpp - the runtime's lock fast path, in line -----------===//
//
// The emitted code is a transcription of the runtime's first-lock path
// (runtime/locks/locks.h: ss_lock_first_begin/end, as the mutex hook runs
// them) and of ss_unlock_top, with the hook call as the branch for anything
// else. Its loads are all of memory that is always mapped (the thread's own
// state, the class cache it points to, which is never null, the epoch
// table), so they are made unconditionally and tested with one branch.
//
//===----------------------------------------------------------------------===//
#include "LockFastPath.h"

#include "InterceptedCalls.h"
#include "LockOptions.h"
#include "core/Sites.h"
#include "syncsan/abi.h"
#include "syncsan/abi_fast.h"

#include <cstring>

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace syncsan {

namespace {

enum class Role { None, Acquire, Release };

struct FastOp {
  Role R = Role::None;
  unsigned Kind = 0; // SYNCSAN_FAST_KIND_*
  unsigned Mode = 0; // SYNCSAN_FAST_MODE_*
};

/// The operations with an in-line path, by row: the blocking acquires the
/// runtime's first-lock path covers, and the releases ss_unlock_top does.
FastOp fastOpOf(uint32_t Op) {
  switch (Op) {
  case SYNCSAN_OP_MUTEX_LOCK:
    return {Role::Acquire, SYNCSAN_FAST_KIND_MUTEX, SYNCSAN_FAST_MODE_WRITE};
  case SYNCSAN_OP_RWLOCK_RDLOCK:
    return {Role::Acquire, SYNCSAN_FAST_KIND_RWLOCK, SYNCSAN_FAST_MODE_READ};
  case SYNCSAN_OP_RWLOCK_WRLOCK:
    return {Role::Acquire, SYNCSAN_FAST_KIND_RWLOCK, SYNCSAN_FAST_MODE_WRITE};
  case SYNCSAN_OP_SPIN_LOCK:
    return {Role::Acquire, SYNCSAN_FAST_KIND_SPIN, SYNCSAN_FAST_MODE_WRITE};
  case SYNCSAN_OP_MTX_LOCK:
    return {Role::Acquire, SYNCSAN_FAST_KIND_MTX, SYNCSAN_FAST_MODE_WRITE};
  case SYNCSAN_OP_MUTEX_UNLOCK:
  case SYNCSAN_OP_RWLOCK_UNLOCK:
  case SYNCSAN_OP_SPIN_UNLOCK:
  case SYNCSAN_OP_MTX_UNLOCK:
    return {Role::Release, 0, 0};
  default:
    return {};
  }
}

struct Candidate {
  CallInst *Call;
  const InterceptedCall *Row;
  FastOp Fast;
  unsigned Real; // index into the runtime's table of the real functions
};

/// The row's function's index in <syncsan/abi_fast.h>'s fixed list, or -1.
int realIndex(StringRef Name) {
  int I = 0;
#define SYNCSAN_FAST_REAL_INDEX(name)                                                              \
  if (Name == #name)                                                                               \
    return I;                                                                                      \
  ++I;
  SYNCSAN_FAST_REAL_FNS(SYNCSAN_FAST_REAL_INDEX)
#undef SYNCSAN_FAST_REAL_INDEX
  return -1;
}

/// What the emitted code refers to, declared once per module.
struct Runtime {
  GlobalVariable *Locks, *Core, *Real, *Epochs;
  FunctionCallee LockEnd;
};

GlobalVariable *declare(Module &M, StringRef Name, Type *Ty, bool TLS) {
  if (GlobalVariable *GV = M.getGlobalVariable(Name, /*AllowInternal=*/true))
    return GV->isDeclaration() && GV->isThreadLocal() == TLS ? GV : nullptr;
  auto *GV = new GlobalVariable(M, Ty, /*isConstant=*/false, GlobalValue::ExternalLinkage,
                                nullptr, Name, nullptr,
                                TLS ? GlobalValue::InitialExecTLSModel
                                    : GlobalValue::NotThreadLocal);
  // The runtime is linked into the executable: its symbols resolve there.
  GV->setVisibility(GlobalValue::HiddenVisibility);
  GV->setDSOLocal(true);
  return GV;
}

class Emitter {
public:
  Emitter(Module &M, const Runtime &RT)
      : RT(RT), Ctx(M.getContext()), I8(Type::getInt8Ty(Ctx)), I16(Type::getInt16Ty(Ctx)),
        I32(Type::getInt32Ty(Ctx)), I64(Type::getInt64Ty(Ctx)), Ptr(PointerType::getUnqual(Ctx)),
        Likely(MDBuilder(Ctx).createBranchWeights(2000, 1)) {}

  void emit(const Candidate &C) {
    if (C.Fast.R == Role::Acquire)
      acquire(C);
    else
      release(C);
  }

private:
  const Runtime &RT;
  LLVMContext &Ctx;
  Type *I8, *I16, *I32, *I64, *Ptr;
  MDNode *Likely;

  Value *at(IRBuilder<> &B, Value *Base, uint64_t Off) {
    return Off ? B.CreateConstGEP1_64(I8, Base, Off) : Base;
  }
  LoadInst *load(IRBuilder<> &B, Type *Ty, Value *Base, uint64_t Off, Align A) {
    LoadInst *L = B.CreateAlignedLoad(Ty, at(B, Base, Off), A);
    return L;
  }
  StoreInst *store(IRBuilder<> &B, Value *V, Value *Base, uint64_t Off, Align A,
                   AtomicOrdering O = AtomicOrdering::NotAtomic) {
    StoreInst *S = B.CreateAlignedStore(V, at(B, Base, Off), A);
    if (O != AtomicOrdering::NotAtomic)
      S->setAtomic(O);
    return S;
  }
  /// nheld | fast_off: 0 when the thread holds nothing and may take the path.
  Value *gate(IRBuilder<> &B, Value *Locks) {
    return B.CreateOr(load(B, I32, Locks, SYNCSAN_FAST_NHELD, Align(4)),
                      load(B, I32, Locks, SYNCSAN_FAST_OFF, Align(4)));
  }
  Value *realFn(IRBuilder<> &B, unsigned Index) {
    return load(B, Ptr, RT.Real, 8ull * Index, Align(8));
  }

  /// Splits the call's block: the hook call stays as the slow branch of a
  /// test made in the block before it; returns the fast branch's block and
  /// the join, where a phi replaces the call's result.
  struct Shape {
    BasicBlock *Fast, *Slow, *Join;
    PHINode *Result;
  };
  Shape split(CallInst *Call, Value *Cond) {
    BasicBlock *Head = Call->getParent();
    BasicBlock *Join = Head->splitBasicBlock(Call->getNextNode(), "syncsan.fast.join");
    BasicBlock *Slow = Head->splitBasicBlock(Call, "syncsan.fast.hook");
    BasicBlock *Fast = BasicBlock::Create(Ctx, "syncsan.fast", Head->getParent(), Slow);
    Head->getTerminator()->eraseFromParent();
    IRBuilder<> HB(Head);
    HB.SetCurrentDebugLocation(Call->getDebugLoc());
    HB.CreateCondBr(Cond, Fast, Slow, Likely);
    IRBuilder<> JB(Join, Join->begin());
    // The result keeps the call's name: the hook's call is now one of its
    // incoming values.
    std::string Name = Call->getName().str();
    Call->setName("");
    PHINode *Phi = JB.CreatePHI(Call->getType(), 3, Name);
    Call->replaceAllUsesWith(Phi);
    Phi->addIncoming(Call, Slow);
    return {Fast, Slow, Join, Phi};
  }

  void acquire(const Candidate &C) {
    CallInst *Call = C.Call;
    Value *Lock = Call->getArgOperand(0);
    Value *Site = Call->getArgOperand(Call->arg_size() - 1);
    IRBuilder<> B(Call);
    B.SetCurrentDebugLocation(Call->getDebugLoc());
    Value *Locks = B.CreateThreadLocalAddress(RT.Locks);
    Value *Core = B.CreateThreadLocalAddress(RT.Core);
    Value *Addr = B.CreatePtrToInt(Lock, I64);
    // Nothing held, the path on, and not inside the runtime. Two 32-bit
    // loads, not one of 64: the runtime stores nheld alone, and a wider
    // load of a just-stored word cannot be forwarded from the store.
    Value *Gate = gate(B, Locks);
    Value *InHook = load(B, I16, Core, SYNCSAN_FAST_CORE_IN_HOOK, Align(2));
    // The thread's class cache entry for the lock, current by its epoch.
    Value *Cache = load(B, Ptr, Locks, SYNCSAN_FAST_CLASS_CACHE, Align(8));
    Value *Slot = B.CreateShl(
        B.CreateLShr(B.CreateMul(Addr, B.getInt64(SYNCSAN_FAST_CACHE_MUL)),
                     64 - SYNCSAN_FAST_CACHE_BITS),
        5);
    static_assert(SYNCSAN_FAST_C_SIZE == 32, "the slot's shift is the entry size");
    Value *Entry = B.CreateGEP(I8, Cache, Slot);
    Value *EAddr = load(B, I64, Entry, SYNCSAN_FAST_C_ADDR, Align(8));
    Value *EValid = load(B, I32, Entry, SYNCSAN_FAST_C_VALID, Align(4));
    Value *EEpoch = load(B, I32, Entry, SYNCSAN_FAST_C_EPOCH, Align(4));
    Value *Bucket = B.CreateAnd(B.CreateXor(B.CreateLShr(Addr, 4), B.CreateLShr(Addr, 12)),
                                SYNCSAN_FAST_EPOCH_BUCKETS - 1);
    LoadInst *Epoch =
        B.CreateAlignedLoad(I32, B.CreateGEP(I32, RT.Epochs, Bucket), Align(4));
    Epoch->setAtomic(AtomicOrdering::Acquire);
    Value *Ok = B.CreateAnd(
        B.CreateAnd(B.CreateICmpEQ(Gate, B.getInt32(0)), B.CreateICmpEQ(InHook, B.getInt16(0))),
        B.CreateAnd(B.CreateAnd(B.CreateICmpEQ(EAddr, Addr), B.CreateICmpNE(EValid, B.getInt32(0))),
                    B.CreateICmpEQ(EEpoch, Epoch)));
    Shape S = split(Call, Ok);

    // The wait, the real call, the wait's end (ss_wait_begin/end).
    IRBuilder<> F(S.Fast);
    F.SetCurrentDebugLocation(Call->getDebugLoc());
    store(F, Site, Locks, SYNCSAN_FAST_WAIT_SITE, Align(8));
    Value *Seq = load(F, I32, Locks, SYNCSAN_FAST_WAIT_SEQ, Align(4));
    store(F, F.CreateAdd(Seq, F.getInt32(1)), Locks, SYNCSAN_FAST_WAIT_SEQ, Align(4),
          AtomicOrdering::Monotonic);
    Value *Waiting = C.Fast.Mode == SYNCSAN_FAST_MODE_READ ? F.CreateOr(Addr, 2) : Addr;
    store(F, Waiting, Locks, SYNCSAN_FAST_WAITING_FOR, Align(8), AtomicOrdering::Release);
    FunctionType *FTy = rowFunctionType(*C.Row, Ctx);
    CallInst *Real = F.CreateCall(FTy, realFn(F, C.Real), {Lock});
    Real->setCallingConv(Call->getCallingConv());
    store(F, F.getInt64(0), Locks, SYNCSAN_FAST_WAITING_FOR, Align(8), AtomicOrdering::Monotonic);
    // Acquired, and nothing changed under the call (a signal handler that
    // took a lock, or replaced the entry): push; else the runtime decides.
    Value *Gate2 = gate(F, Locks);
    Value *EAddr2 = load(F, I64, Entry, SYNCSAN_FAST_C_ADDR, Align(8));
    Value *Push = F.CreateAnd(F.CreateICmpEQ(Real, F.getInt32(0)),
                              F.CreateAnd(F.CreateICmpEQ(Gate2, F.getInt32(0)),
                                          F.CreateICmpEQ(EAddr2, Addr)));
    // Laid out before the hook's block: the fast path falls through.
    BasicBlock *PushBB = BasicBlock::Create(Ctx, "syncsan.fast.push", S.Fast->getParent(), S.Slow);
    BasicBlock *EndBB = BasicBlock::Create(Ctx, "syncsan.fast.end", S.Fast->getParent(), S.Slow);
    F.CreateCondBr(Push, PushBB, EndBB, Likely);

    IRBuilder<> P(PushBB);
    P.SetCurrentDebugLocation(Call->getDebugLoc());
    // The push is a runtime region (ss_enter_runtime): a signal handler
    // that locks while the entry is half written takes the hook, which
    // then only performs the real operation, instead of writing over it.
    Value *Depth = load(P, I16, Core, SYNCSAN_FAST_CORE_IN_HOOK, Align(2));
    store(P, P.CreateAdd(Depth, P.getInt16(1)), Core, SYNCSAN_FAST_CORE_IN_HOOK, Align(2));
    P.CreateFence(AtomicOrdering::SequentiallyConsistent, SyncScope::SingleThread);
    Value *ClassGen = load(P, I64, Entry, SYNCSAN_FAST_C_CLASS, Align(8));
    Value *Level = P.CreateZExt(load(P, I32, Entry, SYNCSAN_FAST_C_LEVEL, Align(4)), I64);
    Value *Flags = P.CreateZExt(load(P, I32, Entry, SYNCSAN_FAST_C_FLAGS, Align(4)), I64);
    // The chain key of a one-lock chain (ss_chain_step from 0).
    Value *Class = P.CreateAnd(ClassGen, 0xffffffffull);
    Value *H = P.CreateXor(P.CreateOr(P.CreateShl(Class, 20), (uint64_t)C.Fast.Mode << 2 | 1),
                           P.CreateShl(Level, 44));
    H = P.CreateMul(H, P.getInt64(SYNCSAN_FAST_CHAIN_MUL));
    Value *Chain = P.CreateAnd(P.CreateXor(H, P.CreateLShr(H, SYNCSAN_FAST_CHAIN_SHIFT)),
                               ~1ull);
    Value *Held = at(P, Locks, SYNCSAN_FAST_HELD);
    store(P, Site, Held, SYNCSAN_FAST_H_SITE, Align(8));
    store(P, Chain, Held, SYNCSAN_FAST_H_CHAIN, Align(8));
    store(P, P.getInt64(0), Held, SYNCSAN_FAST_H_ACQ_NS, Align(8));
    store(P, ClassGen, Held, SYNCSAN_FAST_H_CLASS, Align(8));
    uint64_t KindMode = (uint64_t)C.Fast.Kind << 32 | (uint64_t)C.Fast.Mode << 48;
    store(P, P.CreateOr(Level, KindMode), Held, SYNCSAN_FAST_H_LEVEL, Align(8));
    store(P, P.CreateShl(Flags, 32), Held, SYNCSAN_FAST_H_DEPTH, Align(8));
    store(P, Addr, Held, SYNCSAN_FAST_H_ADDR, Align(8), AtomicOrdering::Monotonic);
    store(P, P.getInt32(1), Locks, SYNCSAN_FAST_NHELD, Align(4), AtomicOrdering::Release);
    P.CreateFence(AtomicOrdering::SequentiallyConsistent, SyncScope::SingleThread);
    store(P, Depth, Core, SYNCSAN_FAST_CORE_IN_HOOK, Align(2));
    P.CreateBr(S.Join);

    IRBuilder<> E(EndBB);
    E.SetCurrentDebugLocation(Call->getDebugLoc());
    CallInst *End = E.CreateCall(RT.LockEnd, {Lock, Real, Site});
    E.CreateBr(S.Join);

    S.Result->addIncoming(Real, PushBB);
    S.Result->addIncoming(End, EndBB);
  }

  void release(const Candidate &C) {
    CallInst *Call = C.Call;
    Value *Lock = Call->getArgOperand(0);
    IRBuilder<> B(Call);
    B.SetCurrentDebugLocation(Call->getDebugLoc());
    Value *Locks = B.CreateThreadLocalAddress(RT.Locks);
    Value *Core = B.CreateThreadLocalAddress(RT.Core);
    Value *Addr = B.CreatePtrToInt(Lock, I64);
    Value *N = load(B, I32, Locks, SYNCSAN_FAST_NHELD, Align(4));
    Value *Off = load(B, I32, Locks, SYNCSAN_FAST_OFF, Align(4));
    Value *InHook = load(B, I16, Core, SYNCSAN_FAST_CORE_IN_HOOK, Align(2));
    // The innermost entry; with the gate's high word 0 the stack is the
    // in-line one and holds at most SS_HELD_INLINE entries, and the index
    // is clamped so that the load stays inside it whatever the gate says.
    Value *Top = B.CreateBinaryIntrinsic(Intrinsic::umin, B.CreateSub(B.CreateZExt(N, I64),
                                                                      B.getInt64(1)),
                                         B.getInt64(31));
    Value *Entry = B.CreateGEP(
        I8, Locks,
        B.CreateAdd(B.CreateMul(Top, B.getInt64(SYNCSAN_FAST_HELD_SIZE)),
                    B.getInt64(SYNCSAN_FAST_HELD)));
    Value *TAddr = load(B, I64, Entry, SYNCSAN_FAST_H_ADDR, Align(8));
    Value *TDepth = load(B, I32, Entry, SYNCSAN_FAST_H_DEPTH, Align(4));
    Value *Ok = B.CreateAnd(
        B.CreateAnd(B.CreateICmpEQ(Off, B.getInt32(0)),
                    B.CreateICmpNE(N, B.getInt32(0))),
        B.CreateAnd(B.CreateAnd(B.CreateICmpEQ(InHook, B.getInt16(0)),
                                B.CreateICmpEQ(TAddr, Addr)),
                    B.CreateICmpEQ(TDepth, B.getInt32(0))));
    Shape S = split(Call, Ok);
    IRBuilder<> F(S.Fast);
    F.SetCurrentDebugLocation(Call->getDebugLoc());
    store(F, F.getInt64(0), Entry, SYNCSAN_FAST_H_ADDR, Align(8), AtomicOrdering::Monotonic);
    store(F, F.CreateSub(N, F.getInt32(1)), Locks, SYNCSAN_FAST_NHELD, Align(4),
          AtomicOrdering::Release);
    FunctionType *FTy = rowFunctionType(*C.Row, Ctx);
    CallInst *Real = F.CreateCall(FTy, realFn(F, C.Real), {Lock});
    Real->setCallingConv(Call->getCallingConv());
    F.CreateBr(S.Join);
    S.Result->addIncoming(Real, S.Fast);
  }
};

/// Code of an executable: PIE, or not position-independent at all. A
/// module that may go into a shared library keeps the hooks, which reach
/// the runtime through the dynamic linker.
/// The layout is the x86-64 runtime's (the only one syncsan builds).
bool forExecutable(const Module &M) {
  Triple T(M.getTargetTriple());
  if (T.getArch() != Triple::x86_64 || T.isX32() || !T.isOSLinux())
    return false;
  return M.getPIELevel() != PIELevel::Default || M.getPICLevel() == PICLevel::NotPIC;
}

void collect(Module &M, const SiteTable &Sites, SmallVectorImpl<Candidate> &Out) {
  for (Function &F : M) {
    if (F.isDeclaration() || isSystemFunction(F))
      continue;
    for (Instruction &I : instructions(F)) {
      auto *CI = dyn_cast<CallInst>(&I);
      if (!CI || CI->isMustTailCall() || CI->hasOperandBundles())
        continue;
      Function *Callee = CI->getCalledFunction();
      if (!Callee || !Callee->getName().starts_with("__syncsan_"))
        continue;
      const InterceptedCall *Row =
          findInterceptedCall(Callee->getName().drop_front(strlen("__syncsan_")));
      if (!Row)
        continue;
      FastOp Fast = fastOpOf(Row->Op);
      FunctionType *FTy = rowFunctionType(*Row, M.getContext());
      // The hook's shape, as rewriteLockCalls made it: the lock, the site.
      if (Fast.R == Role::None || CI->arg_size() != 2 || FTy->getNumParams() != 1 ||
          !FTy->getReturnType()->isIntegerTy(32) || CI->getType() != FTy->getReturnType() ||
          !CI->getArgOperand(0)->getType()->isPointerTy())
        continue;
      // A site the runtime replaces (a system-header wrapper's, a lock
      // wrapper's, a caller's) is the hook's to resolve.
      std::optional<uint32_t> Flags = Sites.flagsOf(CI->getArgOperand(1));
      if (!Flags || (*Flags & (SYNCSAN_SITE_SYSTEM_HEADER | SYNCSAN_SITE_WRAPPER |
                               SYNCSAN_SITE_CALLER)))
        continue;
      int Real = realIndex(Row->Name);
      if (Real < 0)
        continue;
      Out.push_back({CI, Row, Fast, static_cast<unsigned>(Real)});
    }
  }
}

} // namespace

unsigned emitLockFastPaths(Module &M, const SiteTable &Sites) {
  if (!InlineFastPath || !InstrumentLocks || !forExecutable(M))
    return 0;
  SmallVector<Candidate, 32> Calls;
  collect(M, Sites, Calls);
  if (Calls.empty())
    return 0;
  LLVMContext &Ctx = M.getContext();
  Type *Ptr = PointerType::getUnqual(Ctx);
  Type *I8 = Type::getInt8Ty(Ctx);
  Runtime RT;
  // Sized as far as the emitted code reaches: the head and the in-line
  // entries, the core's first word, a pointer per row.
  RT.Locks = declare(M, SYNCSAN_FAST_LOCKS_TLS,
                     ArrayType::get(I8, SYNCSAN_FAST_HELD + 32 * SYNCSAN_FAST_HELD_SIZE), true);
  RT.Core = declare(M, SYNCSAN_FAST_CORE_TLS, ArrayType::get(I8, 8), true);
  RT.Real = declare(M, SYNCSAN_FAST_REAL, ArrayType::get(Ptr, SYNCSAN_FAST_REAL_COUNT), false);
  RT.Epochs = declare(M, SYNCSAN_FAST_EPOCHS,
                      ArrayType::get(Type::getInt32Ty(Ctx), SYNCSAN_FAST_EPOCH_BUCKETS), false);
  // A module that defines one of these names itself is not ours to touch.
  if (!RT.Locks || !RT.Core || !RT.Real || !RT.Epochs)
    return 0;
  Type *I32 = Type::getInt32Ty(Ctx);
  RT.LockEnd = M.getOrInsertFunction(SYNCSAN_FAST_LOCK_END,
                                     FunctionType::get(I32, {Ptr, I32, Ptr}, false));
  Emitter E(M, RT);
  for (const Candidate &C : Calls)
    E.emit(C);
  return Calls.size();
}

} // namespace syncsan
