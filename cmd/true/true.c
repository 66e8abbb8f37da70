// cmd/true/true.c: exit with status 0.
int main(void);

int
main(void)
{
	return 0;
}
