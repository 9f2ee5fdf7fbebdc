//===- QueueWrap.cpp - wrap the calls of declared queue functions ---------===//
//
// What is wrapped: direct calls (and invokes) of a declared function whose
// type is the function's own. Not wrapped: calls through a pointer or a
// cast to another type (nothing says which function they reach), musttail
// calls (nothing may follow them), callbr, invokes unwinding to a funclet
// pad (Windows EH: no landing pad to hold the unwind call), and calls made
// inside a declared function or a timed form (one operation, the caller's).
//
// The call record is one alloca per function: wrapped calls of a function
// never overlap (each runs from its begin to its end or unwind, and no
// wrapped call is made inside another), so they can share it.
//
//===----------------------------------------------------------------------===//
#include "queues/QueueWrap.h"

#include "core/Sites.h"
#include "syncsan/abi.h"
#include "syncsan/abi_queue.h"

#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace syncsan {

namespace {

/// The kind of metadata on a call this pass made or wrapped: never wrapped
/// again (opt -passes=syncsan-queues run twice).
constexpr const char *Mark = "syncsan.queue";

uint32_t siteOp(uint32_t Role) {
  switch (Role) {
  case SYNCSAN_QUEUE_ROLE_CREATE:
    return SYNCSAN_OP_QUEUE_CREATE;
  case SYNCSAN_QUEUE_ROLE_PUSH:
    return SYNCSAN_OP_QUEUE_SEND;
  case SYNCSAN_QUEUE_ROLE_POP:
    return SYNCSAN_OP_QUEUE_RECV;
  case SYNCSAN_QUEUE_ROLE_CLOSE:
    return SYNCSAN_OP_QUEUE_CLOSE;
  case SYNCSAN_QUEUE_ROLE_DESTROY:
    return SYNCSAN_OP_QUEUE_DESTROY;
  }
  return SYNCSAN_OP_UNKNOWN;
}

class Wrapper {
public:
  Wrapper(Module &M, QueueOps &Ops)
      : M(M), Ctx(M.getContext()), Ops(Ops), Sites(M), I32(Type::getInt32Ty(Ctx)),
        I64(Type::getInt64Ty(Ctx)), Ptr(PointerType::getUnqual(Ctx)),
        Descs(Ops.Ops.size(), nullptr) {
    AttributeList NoUnwind =
        AttributeList::get(Ctx, AttributeList::FunctionIndex, {Attribute::NoUnwind});
    Begin = M.getOrInsertFunction("__syncsan_queue_begin", NoUnwind, I32, Ptr, Ptr, Ptr, I64,
                                  Ptr);
    TimeoutMs = M.getOrInsertFunction("__syncsan_queue_timeout_ms", NoUnwind, I64, Ptr);
    TimedAgain = M.getOrInsertFunction("__syncsan_queue_timed_again", NoUnwind, I32, Ptr, I64);
    End = M.getOrInsertFunction("__syncsan_queue_end", NoUnwind, Type::getVoidTy(Ctx), Ptr, I64);
    Unwind =
        M.getOrInsertFunction("__syncsan_queue_unwind", NoUnwind, Type::getVoidTy(Ctx), Ptr);
  }

  /// Wraps CB, a call of Ops.Ops[OpIndex]; false when it is of a kind that
  /// is left alone.
  bool wrap(CallBase *CB, unsigned OpIndex);

private:
  GlobalVariable *desc(unsigned OpIndex);
  Constant *str(StringRef S);
  Value *record(Function &F);
  Value *handle(IRBuilder<> &B, CallBase *CB, const QueueDecl &D);
  Value *capacity(IRBuilder<> &B, CallBase *CB, const QueueDecl &D);
  Value *asInt(IRBuilder<> &B, Value *V, CallBase *CB);
  CallInst *call(IRBuilder<> &B, FunctionCallee F, ArrayRef<Value *> Args);
  CallBase *timedCall(IRBuilder<> &B, CallBase *CB, const QueueOp &Op, Value *C,
                      BasicBlock *Normal, BasicBlock *UnwindTo);
  BasicBlock *ownUnwindBlock(InvokeInst *II);
  void at(IRBuilder<> &B, BasicBlock *BB, BasicBlock::iterator I) {
    B.SetInsertPoint(BB, I);
    B.SetCurrentDebugLocation(Loc);
  }

  Module &M;
  LLVMContext &Ctx;
  QueueOps &Ops;
  SiteTable Sites;
  Type *I32, *I64;
  PointerType *Ptr;
  StructType *DescTy = nullptr;
  FunctionCallee Begin, TimeoutMs, TimedAgain, End, Unwind;
  std::vector<GlobalVariable *> Descs;
  DenseMap<Function *, Value *> Records;
  StringMap<Constant *> Strings;
  // Of the call being wrapped: what every instruction emitted for it carries.
  DebugLoc Loc;
  SmallVector<OperandBundleDef, 1> Funclet;
};

Constant *Wrapper::str(StringRef S) {
  Constant *&GV = Strings[S];
  if (!GV) {
    Constant *Init = ConstantDataArray::getString(Ctx, S);
    auto *G = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                 GlobalValue::PrivateLinkage, Init, "syncsan.qstr");
    G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    G->setAlignment(Align(1));
    GV = G;
  }
  return GV;
}

GlobalVariable *Wrapper::desc(unsigned OpIndex) {
  if (Descs[OpIndex])
    return Descs[OpIndex];
  QueueOp &Op = Ops.Ops[OpIndex];
  const QueueDecl &D = Op.Decl;
  if (!Op.Timed && Op.TimedType)
    // Declared here because the unit calls the operation and not its timed
    // form (QueueCheck.cpp); it keeps the name's linkage: external.
    Op.Timed = dyn_cast<Function>(M.getOrInsertFunction(D.Timed, Op.TimedType).getCallee());
  if (!DescTy) {
    DescTy = StructType::getTypeByName(Ctx, "syncsan.queue_desc");
    if (!DescTy)
      DescTy = StructType::create(Ctx, {Ptr, Ptr, I32, I32, I32, I32, I32, I32},
                                  "syncsan.queue_desc");
  }
  uint32_t Flags = D.Flags | (Op.Timed ? SYNCSAN_QUEUE_HAS_TIMED : 0);
  Constant *Init = ConstantStruct::get(
      DescTy, {str(demangle(D.Function)), str(D.Origin), ConstantInt::get(I32, D.Role),
               ConstantInt::get(I32, D.Ok), ConstantInt::get(I32, Flags),
               ConstantInt::get(I32, uint32_t(D.Handle)),
               ConstantInt::get(I32, uint32_t(D.CapacityArg)), ConstantInt::get(I32, D.Capacity)});
  auto *GV = new GlobalVariable(M, DescTy, /*isConstant=*/true, GlobalValue::PrivateLinkage, Init,
                                "syncsan.queue_desc." + D.Function);
  GV->setAlignment(Align(8));
  Descs[OpIndex] = GV;
  return GV;
}

Value *Wrapper::record(Function &F) {
  Value *&R = Records[&F];
  if (R)
    return R;
  BasicBlock &Entry = F.getEntryBlock();
  IRBuilder<> B(&Entry, Entry.getFirstInsertionPt());
  const DataLayout &DL = M.getDataLayout();
  AllocaInst *A = B.CreateAlloca(ArrayType::get(I64, 8), DL.getAllocaAddrSpace(), nullptr,
                                 "syncsan.qcall");
  A->setAlignment(Align(8));
  R = A->getType() == Ptr ? static_cast<Value *>(A) : B.CreateAddrSpaceCast(A, Ptr);
  return R;
}

CallInst *Wrapper::call(IRBuilder<> &B, FunctionCallee F, ArrayRef<Value *> Args) {
  return B.CreateCall(F, Args, Funclet);
}

Value *Wrapper::handle(IRBuilder<> &B, CallBase *CB, const QueueDecl &D) {
  if (D.Handle == SYNCSAN_QUEUE_HANDLE_RESULT)
    return ConstantPointerNull::get(Ptr);
  Value *H = CB->getArgOperand(D.Handle);
  Type *T = H->getType();
  if (T == Ptr)
    return H;
  if (T->isPointerTy())
    return B.CreateIntToPtr(B.CreatePtrToInt(H, I64), Ptr);
  // An integer handle (a descriptor, an index): the queue is its value.
  bool Zero = T->isIntegerTy(1) || CB->paramHasAttr(D.Handle, Attribute::ZExt);
  return B.CreateIntToPtr(Zero ? B.CreateZExtOrTrunc(H, I64) : B.CreateSExtOrTrunc(H, I64), Ptr);
}

Value *Wrapper::capacity(IRBuilder<> &B, CallBase *CB, const QueueDecl &D) {
  if (D.CapacityArg == SYNCSAN_QUEUE_NO_ARG)
    return ConstantInt::get(I64, D.Capacity);
  Value *C = CB->getArgOperand(D.CapacityArg);
  return CB->paramHasAttr(D.CapacityArg, Attribute::SExt) ? B.CreateSExtOrTrunc(C, I64)
                                                          : B.CreateZExtOrTrunc(C, I64);
}

/// The result as the runtime reads it: an address, a signed integer
/// sign-extended (a bool, or a result the ABI says is unsigned, zero-
/// extended), 0 for nothing.
Value *Wrapper::asInt(IRBuilder<> &B, Value *V, CallBase *CB) {
  Type *T = V->getType();
  if (T->isPointerTy())
    return B.CreatePtrToInt(V, I64);
  if (T->isIntegerTy()) {
    if (T->isIntegerTy(1) || CB->hasRetAttr(Attribute::ZExt))
      return B.CreateZExtOrTrunc(V, I64);
    return B.CreateSExtOrTrunc(V, I64);
  }
  return ConstantInt::get(I64, 0);
}

BasicBlock *Wrapper::ownUnwindBlock(InvokeInst *II) {
  BasicBlock *U = II->getUnwindDest();
  BasicBlock *From = II->getParent();
  if (U->getSinglePredecessor() == From && !isa<PHINode>(U->front()))
    return U;
  // A landing pad of its own for this invoke, with the original's clauses;
  // what it lands on is the original's code, reached from both.
  return SplitBlockPredecessors(U, {From}, ".syncsan.q");
}

/// The timed form's call, with CB's arguments, attributes and bundles and
/// the runtime's timeout; an invoke to Normal and UnwindTo when they are
/// given. Inserted at B.
CallBase *Wrapper::timedCall(IRBuilder<> &B, CallBase *CB, const QueueOp &Op, Value *C,
                             BasicBlock *Normal, BasicBlock *UnwindTo) {
  Function *T = Op.Timed;
  FunctionType *TT = T->getFunctionType();
  unsigned N = CB->arg_size();
  Value *Ms = call(B, TimeoutMs, {C});
  SmallVector<Value *, 8> Args(CB->args());
  Args.push_back(B.CreateZExtOrTrunc(Ms, TT->getParamType(N)));
  SmallVector<OperandBundleDef, 1> Bundles;
  CB->getOperandBundlesAsDefs(Bundles);
  CallBase *New;
  if (Normal)
    New = B.CreateInvoke(TT, T, Normal, UnwindTo, Args, Bundles);
  else
    New = B.CreateCall(TT, T, Args, Bundles);
  AttributeList A = CB->getAttributes();
  SmallVector<AttributeSet, 8> Params;
  for (unsigned I = 0; I < N; ++I)
    Params.push_back(A.getParamAttrs(I));
  Params.push_back(T->getAttributes().getParamAttrs(N));
  New->setAttributes(AttributeList::get(Ctx, A.getFnAttrs(), A.getRetAttrs(), Params));
  New->setCallingConv(T->getCallingConv());
  New->setMetadata(Mark, MDNode::get(Ctx, {}));
  return New;
}

bool Wrapper::wrap(CallBase *CB, unsigned OpIndex) {
  auto *II = dyn_cast<InvokeInst>(CB);
  if (II && !isa<LandingPadInst>(II->getUnwindDest()->getFirstNonPHI()))
    return false;
  const QueueOp &Op = Ops.Ops[OpIndex];
  const QueueDecl &D = Op.Decl;
  GlobalVariable *Desc = desc(OpIndex);
  Function &F = *CB->getFunction();
  Value *C = record(F);

  Loc = CB->getDebugLoc();
  Funclet.clear();
  if (auto OB = CB->getOperandBundle(LLVMContext::OB_funclet))
    Funclet.emplace_back(*OB);
  IRBuilder<> B(Ctx);
  at(B, CB->getParent(), CB->getIterator());
  Value *HandleArg = D.Handle == SYNCSAN_QUEUE_HANDLE_RESULT ? nullptr
                                                             : CB->getArgOperand(D.Handle);
  Constant *Site = Sites.get(*CB, siteOp(D.Role),
                             HandleArg && HandleArg->getType()->isPointerTy() ? HandleArg
                                                                                : nullptr);
  Value *Mode = call(B, Begin, {C, Desc, handle(B, CB, D), capacity(B, CB, D), Site});
  CB->setMetadata(Mark, MDNode::get(Ctx, {}));

  if (!Op.Timed) {
    if (!II) {
      at(B, CB->getParent(), std::next(CB->getIterator()));
      call(B, End, {C, asInt(B, CB, CB)});
      return true;
    }
    BasicBlock *Head = II->getParent();
    BasicBlock *Unw = ownUnwindBlock(II);
    BasicBlock *Normal = II->getNormalDest();
    BasicBlock *Done = BasicBlock::Create(Ctx, "syncsan.qdone", &F, Normal);
    Normal->replacePhiUsesWith(Head, Done);
    II->setNormalDest(Done);
    at(B, Done, Done->end());
    call(B, End, {C, asInt(B, II, CB)});
    B.CreateBr(Normal);
    at(B, Unw, Unw->getFirstInsertionPt());
    call(B, Unwind, {C});
    return true;
  }

  // The timed form when the runtime asks for it (stall recovery on),
  // the call itself otherwise; the result the program sees is either's.
  BasicBlock *Head = CB->getParent();
  BasicBlock *Done, *Timed, *Plain, *Last; // Last: where the timed loop leaves for Done
  if (!II) {
    Done = Head->splitBasicBlock(std::next(CB->getIterator()), "syncsan.qdone");
    Plain = Head->splitBasicBlock(CB->getIterator(), "syncsan.qplain");
    Timed = BasicBlock::Create(Ctx, "syncsan.qtimed", &F, Done);
    at(B, Timed, Timed->end());
    Value *R = timedCall(B, CB, Op, C, nullptr, nullptr);
    Value *Again = call(B, TimedAgain, {C, asInt(B, R, CB)});
    B.CreateCondBr(B.CreateICmpNE(Again, ConstantInt::get(I32, 0)), Timed, Done);
    Last = Timed;
    at(B, Done, Done->begin());
    Value *Res = CB;
    if (!CB->getType()->isVoidTy()) {
      PHINode *Phi = B.CreatePHI(CB->getType(), 2, CB->getName() + ".r");
      CB->replaceAllUsesWith(Phi);
      Phi->addIncoming(CB, Plain);
      Phi->addIncoming(R, Last);
      Res = Phi;
    }
    call(B, End, {C, asInt(B, Res, CB)});
  } else {
    Plain = Head->splitBasicBlock(II->getIterator(), "syncsan.qplain");
    BasicBlock *Unw = ownUnwindBlock(II);
    BasicBlock *Normal = II->getNormalDest();
    Done = BasicBlock::Create(Ctx, "syncsan.qdone", &F, Normal);
    Normal->replacePhiUsesWith(Plain, Done);
    II->setNormalDest(Done);
    Timed = BasicBlock::Create(Ctx, "syncsan.qtimed", &F, Done);
    BasicBlock *Again = BasicBlock::Create(Ctx, "syncsan.qagain", &F, Done);
    at(B, Timed, Timed->end());
    Value *R = timedCall(B, CB, Op, C, Again, Unw);
    at(B, Again, Again->end());
    Value *More = call(B, TimedAgain, {C, asInt(B, R, CB)});
    B.CreateCondBr(B.CreateICmpNE(More, ConstantInt::get(I32, 0)), Timed, Done);
    Last = Again;
    at(B, Done, Done->end());
    Value *Res = II;
    if (!II->getType()->isVoidTy()) {
      PHINode *Phi = B.CreatePHI(II->getType(), 2, II->getName() + ".r");
      II->replaceAllUsesWith(Phi);
      Phi->addIncoming(II, Plain);
      Phi->addIncoming(R, Last);
      Res = Phi;
    }
    call(B, End, {C, asInt(B, Res, CB)});
    B.CreateBr(Normal);
    at(B, Unw, Unw->getFirstInsertionPt());
    call(B, Unwind, {C});
  }
  // Head now ends in a branch to Plain: choose by begin's answer.
  Head->getTerminator()->eraseFromParent();
  at(B, Head, Head->end());
  Value *IsTimed = B.CreateICmpEQ(Mode, ConstantInt::get(I32, SYNCSAN_QUEUE_CALL_TIMED));
  B.CreateCondBr(IsTimed, Timed, Plain);
  return true;
}

} // namespace

std::vector<unsigned> wrapQueueCalls(Module &M, QueueOps &Ops) {
  std::vector<unsigned> Count(Ops.Ops.size(), 0);
  std::vector<std::pair<CallBase *, unsigned>> Calls;
  for (Function &F : M) {
    if (F.isDeclaration() || Ops.Inside.count(&F))
      continue;
    for (Instruction &I : instructions(F)) {
      auto *CB = dyn_cast<CallBase>(&I);
      if (!CB || isa<CallBrInst>(CB) || CB->getMetadata(Mark))
        continue;
      // Direct, and of the function's own type.
      Function *Callee = CB->getCalledFunction();
      auto It = Callee ? Ops.Index.find(Callee) : Ops.Index.end();
      if (It == Ops.Index.end())
        continue;
      if (auto *CI = dyn_cast<CallInst>(CB); CI && CI->isMustTailCall())
        continue;
      Calls.push_back({CB, It->second});
    }
  }
  if (Calls.empty())
    return Count;
  Wrapper W(M, Ops);
  for (auto [CB, Op] : Calls)
    Count[Op] += W.wrap(CB, Op);
  return Count;
}

} // namespace syncsan
