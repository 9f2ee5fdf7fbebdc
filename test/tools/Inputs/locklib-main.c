#include <stdio.h>

int lib_bump(void);

int main(void) {
  lib_bump();
  printf("lib_bump = %d\n", lib_bump());
  return 0;
}
