/* A unit that calls no queue function. */
int add(int a, int b) { return a + b; }
