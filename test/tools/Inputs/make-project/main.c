#include <pthread.h>
#include <stdio.h>
void *work(void *);
extern long total;
int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  printf("total=%ld\n", total);
  return 0;
}
