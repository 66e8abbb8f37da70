// tests/apps/t-true/t-true.c: exit 0 at once.
int
main(void)
{
	return 0;
}
