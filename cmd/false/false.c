// cmd/false/false.c: exit with status 1.
int main(void);

int
main(void)
{
	return 1;
}
