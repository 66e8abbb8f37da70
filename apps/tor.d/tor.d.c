// apps/tor.d/tor.d.c: the tor.d snap's entry until the onion-routing
// service is written: it says so on stderr and exits 1, doing nothing else.
#include <stdio.h>

int main(void);

int
main(void)
{
	fputs("tor.d: not available yet: onion routing comes with the tor.d issue\n", stderr);
	return 1;
}
