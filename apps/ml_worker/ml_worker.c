// apps/ml_worker/ml_worker.c: the ml_worker snap's entry until encrypted
// inference (DESIGN section 7) is written: it says so on stderr and exits
// 1, doing nothing else.
#include <stdio.h>

int main(void);

int
main(void)
{
	fputs("ml_worker: not available yet: encrypted inference comes with the ml_worker issue\n",
	      stderr);
	return 1;
}
