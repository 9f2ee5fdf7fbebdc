//===- DebugTypes.cpp - source names and qualifiers from debug info -------===//
#include "DebugTypes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/BinaryFormat/Dwarf.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace syncsan {

DebugTypes::DebugTypes(const Module &M) : DL(M.getDataLayout()) {
  HasDebugInfo = !M.debug_compile_units().empty();
  if (!HasDebugInfo)
    return;
  IsC = dwarf::isC(static_cast<dwarf::SourceLanguage>(
      (*M.debug_compile_units().begin())->getSourceLanguage()));
  DebugInfoFinder F;
  F.processModule(M);
  for (DIType *T : F.types())
    if (auto *CT = dyn_cast<DICompositeType>(T))
      if ((CT->getTag() == dwarf::DW_TAG_structure_type ||
           CT->getTag() == dwarf::DW_TAG_class_type) &&
          !CT->getName().empty() && !CT->isForwardDecl())
        Composites[CT->getName()].push_back(CT);
}

// "struct.ns::queue.12" -> "queue": the IR name's kind prefix, the suffix
// LLVM adds to keep same-named types apart, and the C++ scopes (debug info
// names a type without its scope).
static StringRef bareName(StructType *ST) {
  StringRef N = ST->hasName() ? ST->getName() : "";
  for (StringRef P : {"struct.", "class.", "union."})
    if (N.consume_front(P))
      break;
  size_t Dot = N.rfind('.');
  if (Dot != StringRef::npos && Dot + 1 < N.size() &&
      N.substr(Dot + 1).find_first_not_of("0123456789") == StringRef::npos)
    N = N.substr(0, Dot);
  // Scopes, but not the "::" inside template arguments.
  int Depth = 0;
  size_t Last = StringRef::npos;
  for (size_t I = 0; I + 1 < N.size(); ++I) {
    if (N[I] == '<')
      ++Depth;
    else if (N[I] == '>')
      --Depth;
    else if (Depth == 0 && N[I] == ':' && N[I + 1] == ':')
      Last = I + 2;
  }
  return Last == StringRef::npos ? N : N.substr(Last);
}

const DICompositeType *DebugTypes::composite(StructType *ST) const {
  if (!HasDebugInfo || !ST->hasName() || !ST->isSized() || ST->isScalableTy())
    return nullptr;
  auto It = Composites.find(bareName(ST));
  if (It == Composites.end())
    return nullptr;
  uint64_t Bits = DL.getTypeAllocSizeInBits(ST);
  for (const DICompositeType *CT : It->second)
    if (CT->getSizeInBits() == Bits)
      return CT;
  return nullptr;
}

static const DIType *stripQualifiers(const DIType *T, bool *Atomic = nullptr) {
  while (auto *D = dyn_cast_or_null<DIDerivedType>(T)) {
    unsigned Tag = D->getTag();
    if (Tag == dwarf::DW_TAG_atomic_type) {
      if (Atomic)
        *Atomic = true;
    } else if (Tag != dwarf::DW_TAG_typedef && Tag != dwarf::DW_TAG_const_type &&
               Tag != dwarf::DW_TAG_volatile_type) {
      break;
    }
    T = D->getBaseType();
  }
  return T;
}

// Walks the members of T down to the one holding byte Off; fills the dotted
// path and whether any type on the way was _Atomic.
static bool memberAt(const DIType *T, uint64_t Off, std::string &Path, bool &Atomic) {
  T = stripQualifiers(T, &Atomic);
  auto *CT = dyn_cast_or_null<DICompositeType>(T);
  if (!CT || (CT->getTag() != dwarf::DW_TAG_structure_type &&
              CT->getTag() != dwarf::DW_TAG_class_type))
    return Off == 0 || !CT;
  for (const DINode *E : CT->getElements()) {
    auto *M = dyn_cast<DIDerivedType>(E);
    if (!M || M->getTag() != dwarf::DW_TAG_member || M->isStaticMember())
      continue;
    uint64_t Start = M->getOffsetInBits() / 8;
    uint64_t Size = M->getSizeInBits() / 8;
    if (Off < Start || Off >= Start + std::max<uint64_t>(Size, 1))
      continue;
    if (!Path.empty())
      Path += ".";
    Path += M->getName().str();
    memberAt(M->getBaseType(), Off - Start, Path, Atomic);
    return true;
  }
  return false;
}

// A member the implementation declares (a reserved identifier: "__x" or
// "_X"), such as libstdc++'s std::atomic<bool>::_M_base._M_i: the user can
// neither name nor fix it, so a path ending in such members is shown as
// the user's own object ("flag_", not "flag_._M_base._M_i").
static bool isReservedName(StringRef N) {
  return N.starts_with("__") || (N.size() > 1 && N[0] == '_' && isUpper(N[1]));
}

// In a struct's path the first member is the struct's own (a C struct may
// well name its fields "__x"); only those below it can be the library's. A
// global's path is all below the global.
static void dropImplementationMembers(std::string &Path, bool KeepFirst) {
  while (!Path.empty()) {
    size_t Dot = Path.rfind('.');
    if (Dot == std::string::npos && KeepFirst)
      return;
    size_t Start = Dot == std::string::npos ? 0 : Dot + 1;
    if (!isReservedName(StringRef(Path).substr(Start)))
      return;
    Path.resize(Dot == std::string::npos ? 0 : Dot);
  }
}

// The innermost member holding byte Off whose name is the user's (the walk
// stops at the implementation's members, as the names do).
static const DIDerivedType *userMemberAt(const DIType *T, uint64_t Off) {
  const DIDerivedType *Found = nullptr;
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    bool Atomic = false;
    auto *CT = dyn_cast_or_null<DICompositeType>(stripQualifiers(T, &Atomic));
    if (!CT || (CT->getTag() != dwarf::DW_TAG_structure_type &&
                CT->getTag() != dwarf::DW_TAG_class_type))
      return Found;
    const DIDerivedType *Next = nullptr;
    for (const DINode *E : CT->getElements()) {
      auto *M = dyn_cast<DIDerivedType>(E);
      if (!M || M->getTag() != dwarf::DW_TAG_member || M->isStaticMember())
        continue;
      uint64_t Start = M->getOffsetInBits() / 8;
      uint64_t Size = M->getSizeInBits() / 8;
      if (Off >= Start && Off < Start + std::max<uint64_t>(Size, 1)) {
        Next = M;
        Off -= Start;
        break;
      }
    }
    if (!Next || (Found && isReservedName(Next->getName())))
      return Found;
    if (!isReservedName(Next->getName()) || !Found)
      Found = Next;
    T = Next->getBaseType();
  }
  return Found;
}

/// A variable's or a member's declaration (both DI nodes spell it alike).
template <typename DINode> static DebugTypes::Decl declOf(const DINode *N) {
  DebugTypes::Decl D;
  D.Name = N->getName();
  D.Directory = N->getDirectory();
  D.File = N->getFilename();
  D.Line = N->getLine();
  return D;
}

DebugTypes::Decl DebugTypes::fieldDecl(StructType *ST, uint64_t Off) const {
  if (const DICompositeType *CT = composite(ST))
    if (const DIDerivedType *M = userMemberAt(CT, Off))
      return declOf(M);
  return {};
}

DebugTypes::Decl DebugTypes::globalDecl(const GlobalVariable *GV, uint64_t Off) const {
  SmallVector<DIGlobalVariableExpression *, 1> GVEs;
  GV->getDebugInfo(GVEs);
  for (DIGlobalVariableExpression *E : GVEs)
    if (DIGlobalVariable *V = E->getVariable()) {
      const DIDerivedType *M = userMemberAt(V->getType(), Off);
      return M && !isReservedName(M->getName()) ? declOf(M) : declOf(V);
    }
  return {};
}

std::string DebugTypes::structName(StructType *ST) const {
  if (const DICompositeType *CT = composite(ST)) {
    bool IsClass = CT->getTag() == dwarf::DW_TAG_class_type;
    // C structs read "struct queue"; C++ types read as their name.
    if (IsC)
      return (IsClass ? "class " : "struct ") + CT->getName().str();
    return CT->getName().str();
  }
  StringRef N = ST->hasName() ? ST->getName() : "<anonymous struct>";
  if (N.consume_front("struct."))
    return "struct " + N.str();
  if (N.consume_front("class."))
    return N.str();
  return N.str();
}

std::string DebugTypes::fieldName(StructType *ST, uint64_t Off) const {
  if (const DICompositeType *CT = composite(ST)) {
    std::string Path;
    bool Atomic = false;
    if (memberAt(CT, Off, Path, Atomic))
      dropImplementationMembers(Path, /*KeepFirst=*/true);
    if (!Path.empty())
      return Path;
  }
  return "";
}

std::string DebugTypes::fieldShort(StructType *ST, uint64_t Off) const {
  std::string N = fieldName(ST, Off);
  return N.empty() ? "the field at offset " + std::to_string(Off) : "'" + N + "'";
}

std::string DebugTypes::fieldRef(StructType *ST, uint64_t Off) const {
  std::string N = fieldName(ST, Off);
  return (N.empty() ? "the field at offset " + std::to_string(Off) : "field '" + N + "'") +
         " of '" + structName(ST) + "'";
}

const DIType *DebugTypes::globalType(const GlobalVariable *GV) const {
  SmallVector<DIGlobalVariableExpression *, 1> GVEs;
  GV->getDebugInfo(GVEs);
  for (DIGlobalVariableExpression *E : GVEs)
    if (DIGlobalVariable *V = E->getVariable())
      return V->getType();
  return nullptr;
}

std::string DebugTypes::globalName(const GlobalVariable *GV, uint64_t Off) const {
  std::string Name = demangle(GV->getName().str());
  if (const DIType *T = globalType(GV)) {
    std::string Path;
    bool Atomic = false;
    if (memberAt(T, Off, Path, Atomic)) {
      dropImplementationMembers(Path, /*KeepFirst=*/false);
      return Path.empty() ? Name : Name + "." + Path;
    }
  }
  return Off ? Name + "+" + std::to_string(Off) : Name;
}

bool DebugTypes::isSystemType(StructType *ST) const {
  StringRef N = ST->hasName() ? ST->getName() : "";
  for (StringRef P : {"struct.", "class.", "union."})
    if (N.consume_front(P))
      break;
  for (StringRef P : {"std::", "__gnu_cxx::", "__cxxabiv1::"})
    if (N.starts_with(P))
      return true;
  if (const DICompositeType *CT = composite(ST))
    if (const DIFile *F = CT->getFile()) {
      auto System = [](StringRef P) {
        return P.starts_with("/usr/include/") || P.starts_with("/usr/lib/") ||
               P.starts_with("/usr/local/include/") || P.contains("/include/c++/");
      };
      return System(F->getFilename()) ||
             (!F->getFilename().starts_with("/") && System(F->getDirectory()));
    }
  return false;
}

uint64_t DebugTypes::structAlign(StructType *ST) const {
  uint64_t A = ST->isSized() ? DL.getABITypeAlign(ST).value() : 1;
  if (const DICompositeType *CT = composite(ST)) {
    A = std::max<uint64_t>(A, CT->getAlignInBits() / 8);
    for (const DINode *E : CT->getElements())
      if (auto *M = dyn_cast<DIDerivedType>(E))
        if (M->getTag() == dwarf::DW_TAG_member && !M->isStaticMember())
          A = std::max<uint64_t>(A, M->getAlignInBits() / 8);
  }
  return A;
}

bool DebugTypes::isAtomicField(StructType *ST, uint64_t Off) const {
  const DICompositeType *CT = composite(ST);
  std::string Path;
  bool Atomic = false;
  return CT && memberAt(CT, Off, Path, Atomic) && Atomic;
}

bool DebugTypes::isAtomicGlobal(const GlobalVariable *GV, uint64_t Off) const {
  const DIType *T = globalType(GV);
  std::string Path;
  bool Atomic = false;
  return T && memberAt(T, Off, Path, Atomic) && Atomic;
}

} // namespace syncsan
