//===- QueueSpec.cpp - the grammar of queue declarations ------------------===//
#include "queues/QueueSpec.h"

#include "syncsan/abi_queue.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

using namespace llvm;

namespace syncsan {

namespace {

const char *const RoleNames[] = {
    "?",
#define SYNCSAN_QUEUE_ROLE_STR(name, str) str,
    SYNCSAN_QUEUE_ROLE_LIST(SYNCSAN_QUEUE_ROLE_STR)
#undef SYNCSAN_QUEUE_ROLE_STR
};

const char *const OkNames[] = {
#define SYNCSAN_QUEUE_OK_STR(name, str) str,
    SYNCSAN_QUEUE_OK_LIST(SYNCSAN_QUEUE_OK_STR)
#undef SYNCSAN_QUEUE_OK_STR
};

const char *const KeyList = "handle=, capacity=, blocking, nonblocking, ok=, strict_close, timed=";

std::string quoted(StringRef S) { return ("'" + S + "'").str(); }

/// A decimal number that fits Max, or nullopt ("07" and "+1" are not).
std::optional<uint64_t> number(StringRef S, uint64_t Max) {
  if (S.empty() || S.size() > 10 || !llvm::all_of(S, isDigit) || (S.size() > 1 && S[0] == '0'))
    return std::nullopt;
  uint64_t V = 0;
  if (S.getAsInteger(10, V) || V > Max)
    return std::nullopt;
  return V;
}

std::optional<uint32_t> parseRole(StringRef S) {
  for (uint32_t R = SYNCSAN_QUEUE_ROLE_NONE + 1; R < SYNCSAN_QUEUE_ROLE_COUNT; ++R)
    if (S == RoleNames[R])
      return R;
  return std::nullopt;
}

std::string roleList() {
  std::string L;
  for (uint32_t R = SYNCSAN_QUEUE_ROLE_NONE + 1; R < SYNCSAN_QUEUE_ROLE_COUNT; ++R)
    L += (L.empty() ? "" : ", ") + std::string(RoleNames[R]);
  return L;
}

std::string okList() {
  std::string L;
  for (uint32_t K = 0; K < SYNCSAN_QUEUE_OK_COUNT; ++K)
    L += (L.empty() ? "" : ", ") + std::string(OkNames[K]);
  return L;
}

bool isPushOrPop(uint32_t Role) {
  return Role == SYNCSAN_QUEUE_ROLE_PUSH || Role == SYNCSAN_QUEUE_ROLE_POP;
}

/// Reads the keys after the role (and, in a spec line, the function) into
/// D; then the rules that need only the declaration itself.
std::optional<std::string> parseKeys(ArrayRef<StringRef> Keys, QueueDecl &D) {
  SmallVector<StringRef, 8> Seen;
  bool NonBlocking = false;
  for (StringRef Tok : Keys) {
    StringRef Key = Tok.split('=').first, Value = Tok.split('=').second;
    bool HasValue = Tok.contains('=');
    if (llvm::is_contained(Seen, Key))
      return "key " + quoted(Key) + " given twice";
    Seen.push_back(Key);
    auto NeedsValue = [&]() -> std::optional<std::string> {
      if (!HasValue || Value.empty())
        return quoted(Key) + " needs a value (" + Key.str() + "=...)";
      return std::nullopt;
    };
    if (Key == "blocking" || Key == "nonblocking" || Key == "strict_close") {
      if (HasValue)
        return quoted(Key) + " takes no value";
      if (Key == "blocking")
        D.Flags |= SYNCSAN_QUEUE_BLOCKING;
      else if (Key == "nonblocking")
        NonBlocking = true;
      else
        D.Flags |= SYNCSAN_QUEUE_STRICT_CLOSE;
    } else if (Key == "handle") {
      if (auto E = NeedsValue())
        return E;
      if (Value == "result") {
        D.Handle = SYNCSAN_QUEUE_HANDLE_RESULT;
      } else if (auto N = number(Value, INT32_MAX)) {
        D.Handle = int32_t(*N);
      } else {
        return "bad value in " + quoted(Tok) + ": handle= is a parameter number (0, 1, ...) or "
               "'result'";
      }
    } else if (Key == "capacity") {
      if (auto E = NeedsValue())
        return E;
      if (Value.starts_with("arg")) {
        auto N = number(Value.drop_front(3), INT32_MAX);
        if (!N)
          return "bad value in " + quoted(Tok) + ": capacity=argN names parameter N (0, 1, ...)";
        D.CapacityArg = int32_t(*N);
      } else if (auto N = number(Value, UINT32_MAX)) {
        D.Capacity = uint32_t(*N);
      } else {
        return "bad value in " + quoted(Tok) + ": capacity= is argN (parameter N holds it) or "
               "a number up to 4294967295";
      }
    } else if (Key == "ok") {
      if (auto E = NeedsValue())
        return E;
      uint32_t K = 0;
      while (K < SYNCSAN_QUEUE_OK_COUNT && Value != OkNames[K])
        ++K;
      if (K == SYNCSAN_QUEUE_OK_COUNT)
        return "bad value in " + quoted(Tok) + " (ok= is one of " + okList() + ")";
      D.Ok = K;
      D.OkGiven = true;
    } else if (Key == "timed") {
      if (auto E = NeedsValue())
        return E;
      if (!isSymbolName(Value))
        return "bad value in " + quoted(Tok) + ": timed= names a function";
      D.Timed = Value.str();
    } else {
      return "unknown key " + quoted(Tok) + " (the keys: " + KeyList + ")";
    }
  }

  const char *Role = roleName(D.Role);
  if ((D.Flags & SYNCSAN_QUEUE_BLOCKING) && NonBlocking)
    return "'blocking' and 'nonblocking' contradict each other";
  if ((D.Flags & SYNCSAN_QUEUE_BLOCKING || NonBlocking) && !isPushOrPop(D.Role))
    return std::string(D.Flags & SYNCSAN_QUEUE_BLOCKING ? "'blocking'" : "'nonblocking'") +
           " is for a push or pop, not a " + Role;
  if (D.Handle == SYNCSAN_QUEUE_HANDLE_RESULT && D.Role != SYNCSAN_QUEUE_ROLE_CREATE)
    return std::string("handle=result is for a create (its result is the new queue), not a ") +
           Role;
  if ((D.CapacityArg != SYNCSAN_QUEUE_NO_ARG || D.Capacity) && D.Role != SYNCSAN_QUEUE_ROLE_CREATE)
    return std::string("capacity= is for a create, not a ") + Role;
  if (D.CapacityArg != SYNCSAN_QUEUE_NO_ARG && D.CapacityArg == D.Handle)
    return "capacity=arg" + std::to_string(D.CapacityArg) + " is the handle's parameter";
  if ((D.Flags & SYNCSAN_QUEUE_STRICT_CLOSE) && D.Role != SYNCSAN_QUEUE_ROLE_POP)
    return std::string("'strict_close' is for a pop, not a ") + Role;
  if (!D.Timed.empty()) {
    if (!isPushOrPop(D.Role) || !(D.Flags & SYNCSAN_QUEUE_BLOCKING))
      return "timed= is for a blocking push or pop (its timed form is what a stalled one is "
             "made to fail with); this " +
             std::string(Role) + " is not " +
             (isPushOrPop(D.Role) ? "blocking (add 'blocking')" : "one");
    if (D.OkGiven && D.Ok == SYNCSAN_QUEUE_OK_ALWAYS)
      return "timed= needs a result that tells a timeout (ok= other than always)";
    if (D.Timed == D.Function)
      return "timed= names the function itself";
  }
  return std::nullopt;
}

} // namespace

QueueDecl::QueueDecl() : Ok(SYNCSAN_QUEUE_OK_ALWAYS), CapacityArg(SYNCSAN_QUEUE_NO_ARG) {}

std::string QueueDecl::text() const {
  std::string T = roleName(Role);
  if (Handle == SYNCSAN_QUEUE_HANDLE_RESULT)
    T += " handle=result";
  else if (Handle != 0)
    T += " handle=" + std::to_string(Handle);
  if (CapacityArg != SYNCSAN_QUEUE_NO_ARG)
    T += " capacity=arg" + std::to_string(CapacityArg);
  else if (Capacity)
    T += " capacity=" + std::to_string(Capacity);
  if (Flags & SYNCSAN_QUEUE_BLOCKING)
    T += " blocking";
  if (OkGiven)
    T += std::string(" ok=") + okName(Ok);
  if (Flags & SYNCSAN_QUEUE_STRICT_CLOSE)
    T += " strict_close";
  if (!Timed.empty())
    T += " timed=" + Timed;
  return T;
}

const char *roleName(uint32_t Role) {
  return Role < SYNCSAN_QUEUE_ROLE_COUNT ? RoleNames[Role] : "?";
}

const char *okName(uint32_t Ok) { return Ok < SYNCSAN_QUEUE_OK_COUNT ? OkNames[Ok] : "?"; }

bool isSymbolName(StringRef S) {
  auto First = [](char C) { return isAlpha(C) || C == '_' || C == '.' || C == '$'; };
  return !S.empty() && First(S[0]) &&
         llvm::all_of(S.drop_front(), [&](char C) { return First(C) || isDigit(C); });
}

std::optional<std::string> parseAnnotation(StringRef Text, QueueDecl &D) {
  SmallVector<StringRef, 8> Toks;
  SplitString(Text, Toks, " \t\r\n\v\f");
  if (Toks.empty())
    return "no role (one of " + roleList() + ")";
  std::optional<uint32_t> Role = parseRole(Toks[0]);
  if (!Role)
    return "unknown role " + quoted(Toks[0]) + " (one of " + roleList() + ")";
  D.Role = *Role;
  // The spec-line form by mistake: the function named after the role.
  if (Toks.size() > 1 && Toks[1] == D.Function)
    return "the function is named after the role, as in a spec file line: in an annotation "
           "the function is the annotated one (SYNCSAN_QUEUE(\"" +
           Toks[0].str() + " key=value ...\"))";
  return parseKeys(ArrayRef<StringRef>(Toks).drop_front(), D);
}

std::vector<QueueDecl> parseSpecFile(StringRef Name, StringRef Contents,
                                     std::vector<SpecError> &Errors) {
  std::vector<QueueDecl> Decls;
  SmallVector<StringRef, 64> Lines;
  Contents.consume_front("\xEF\xBB\xBF"); // an editor's byte-order mark
  Contents.split(Lines, '\n');
  for (unsigned I = 0; I < Lines.size(); ++I) {
    StringRef Line = Lines[I].split('#').first;
    SmallVector<StringRef, 8> Toks;
    SplitString(Line, Toks, " \t\r\v\f");
    if (Toks.empty())
      continue;
    unsigned No = I + 1;
    std::optional<uint32_t> Role = parseRole(Toks[0]);
    if (!Role) {
      Errors.push_back({No, "unknown role " + quoted(Toks[0]) + " (one of " + roleList() +
                                "; a line is 'ROLE FUNCTION key=value ...')"});
      continue;
    }
    if (Toks.size() < 2) {
      Errors.push_back({No, "no function after the role (a line is 'ROLE FUNCTION key=value "
                            "...')"});
      continue;
    }
    if (!isSymbolName(Toks[1])) {
      Errors.push_back({No, quoted(Toks[1]) + " is not a function's symbol name (a line is "
                                              "'ROLE FUNCTION key=value ...')"});
      continue;
    }
    QueueDecl D;
    D.Role = *Role;
    D.Function = Toks[1].str();
    D.Origin = (Name + ":" + Twine(No)).str();
    D.FromSpec = true;
    if (std::optional<std::string> E = parseKeys(ArrayRef<StringRef>(Toks).drop_front(2), D)) {
      Errors.push_back({No, D.Function + ": " + *E});
      continue;
    }
    Decls.push_back(std::move(D));
  }
  return Decls;
}

} // namespace syncsan
