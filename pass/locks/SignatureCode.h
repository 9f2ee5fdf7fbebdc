//===- SignatureCode.h - a C function type as a signature code -*- C++ -*-===//
//
// The rewrite table describes each hook's signature as a string of IR type
// codes (InterceptedCall::Signature). Deriving it at compile time from the
// C types of the row in <syncsan/intercept.h> keeps the pass on the same
// source as the runtime's hook prototypes, and a row with a C type that has
// no code fails to compile instead of being matched against a wrong shape.
//
//===----------------------------------------------------------------------===//
#ifndef SYNCSAN_PASS_SIGNATURECODE_H
#define SYNCSAN_PASS_SIGNATURECODE_H

namespace syncsan {

template <typename> constexpr bool AlwaysFalse = false;

/// The code of one C type: 'p' (ptr), 'i' (i32: int, unsigned), 'l' (C long, unsigned
/// long), 'v' (void).
template <typename T> struct TypeCode {
  static_assert(AlwaysFalse<T>, "an intercepted call's C type has no signature code: the "
                                "rewrite table knows pointers, int, unsigned, long, unsigned long "
                                "and void");
};
template <typename T> struct TypeCode<T *> {
  static constexpr char Value = 'p';
};
// C's int is i32 on every target the pass instruments; clockid_t is int.
template <> struct TypeCode<int> {
  static constexpr char Value = 'i';
};
// unsigned is i32 too (pthread_barrier_init's count, sem_init's value).
template <> struct TypeCode<unsigned> {
  static constexpr char Value = 'i';
};
// pthread_t and thrd_t are unsigned long, i64 on the LP64 targets the pass
// instruments (on an ILP32 one the call does not match and is left alone).
template <> struct TypeCode<unsigned long> {
  static constexpr char Value = 'l';
};
// ssize_t (mq_receive's result) is long, i64 on the same LP64 targets.
template <> struct TypeCode<long> {
  static constexpr char Value = 'l';
};
template <> struct TypeCode<void> {
  static constexpr char Value = 'v';
};

/// Sig<ret (params...)>::Value is "<ret code>:<param codes>", e.g.
/// Sig<int(pthread_mutex_t *, clockid_t, const struct timespec *)> is "i:pip";
/// a row with no parameters, Sig<void *()>, is "p:".
template <typename F> struct Sig {
  static_assert(AlwaysFalse<F>, "an intercepted call's `ret params` must name a function "
                                "type with a fixed parameter list");
};
template <typename R, typename... Ps> struct Sig<R(Ps...)> {
  static constexpr unsigned NumParams = sizeof...(Ps);
  // The bound is spelled out: clang does not deduce it for a member of a
  // class template before the member is used, and the checks read Value[0].
  static constexpr char Value[sizeof...(Ps) + 3] = {TypeCode<R>::Value, ':',
                                                    TypeCode<Ps>::Value..., '\0'};
};

} // namespace syncsan

#endif
