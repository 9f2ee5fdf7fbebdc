"""Prints a C program with N distinct unlock-not-held sites (N = argv[1])
and M distinct double-lock sites on errorcheck mutexes (M = argv[2]), one
call per line, for the report caps test."""
import sys

n, m = int(sys.argv[1]), int(sys.argv[2])
print("#include <pthread.h>")
print("#include <stdio.h>")
print(f"static pthread_mutex_t u[{n}], d[{max(m, 1)}];")
print("static void unlocks(void) {")
for i in range(n):
    print(f"  pthread_mutex_unlock(&u[{i}]);")
print("}")
print("static void relocks(void) {")
for i in range(m):
    print(f"  pthread_mutex_lock(&d[{i}]);")
    print(f"  pthread_mutex_lock(&d[{i}]); /* EDEADLK */")
    print(f"  pthread_mutex_unlock(&d[{i}]);")
print("}")
print("int main(void) {")
print("  pthread_mutexattr_t a;")
print("  pthread_mutexattr_init(&a);")
print("  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);")
print(f"  for (int i = 0; i < {m}; i++)")
print("    pthread_mutex_init(&d[i], &a);")
print("  unlocks();")
print("  relocks();")
print('  printf("done\\n");')
print("  return 0;")
print("}")
