/* Global arrays of locks: one class per element until the program shows
 * that the elements are one collection.
 *
 * An array of locks is either a table of locks with different roles
 * (sqlite's staticMutexes[]: its main, memory, PRNG... mutexes) or one
 * collection of interchangeable locks (a hashed lock stripe, locks[h % N]).
 * Roles need a class each, or an order between two roles reads as a cycle
 * through "the array"; a collection needs one class, or an order learned on
 * one element does not cover the others. Each element starts as its own
 * class; the array becomes a collection when one acquisition site takes two
 * of its elements, which is what indexing by a computed value looks like.
 * A site counts only while it has taken nothing but that array's elements:
 * a lock wrapper (sqlite's pthreadMutexEnter) takes every lock of the
 * program at one site and says nothing about which element it is given,
 * and neither does a site the pass marked SYNCSAN_SITE_WRAPPER, one in a
 * function lock_wrappers names, or a dynamic site. The evidence is gathered when a thread resolves a lock's class
 * (lock_class.c, a slow path), never on the fast path. */
#ifndef SYNCSAN_LOCK_ARRAY_H
#define SYNCSAN_LOCK_ARRAY_H
#include "core/internal.h"

/* The key of an array: its symbol, by content (the class key's rule). */
SS_HIDDEN uint64_t ss_array_key(const char *name);
/* Whether the array is a collection (its elements share a class). */
SS_HIDDEN int ss_array_is_collection(uint64_t akey);
/* A thread resolved element `elem` of array akey at site s. Returns 1 when
 * this made the array a collection (the caller joins its element classes
 * to it), 0 otherwise; *revoked is the key of a collection withdrawn by
 * this (0: none). */
SS_HIDDEN uint64_t ss_array_note_element(uint64_t akey, uint32_t elem,
                                         const struct syncsan_site *s, uint64_t *revoked);
/* A thread resolved a lock that is no array element at site s: s says
 * nothing about arrays from now on. Returns the key of a collection that
 * rested on s alone and is withdrawn (0: none): the site was a lock layer
 * that happened to take two elements first. */
SS_HIDDEN uint64_t ss_array_note_other(const struct syncsan_site *s);
#endif
