// apps/ethnode/ethnode.c: the ethnode snap's entry until the wallet and
// chain service (DESIGN section 6) is written: it says so on stderr and
// exits 1, doing nothing else.
#include <stdio.h>

int main(void);

int
main(void)
{
	fputs("ethnode: not available yet: the wallet service comes with the ethnode issue\n",
	      stderr);
	return 1;
}
