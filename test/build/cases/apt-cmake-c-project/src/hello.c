#include <stdio.h>

int main(void) {
  printf("hello from cmake\n");
  return 0;
}
