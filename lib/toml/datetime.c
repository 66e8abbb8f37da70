// lib/toml/datetime.c: TOML's date and time values (RFC 3339 with TOML's
// allowances): offset date-time, local date-time, local date, local time.
// The date and time separator is T, t or one space; seconds are required;
// fractional seconds are kept to the nanosecond (further digits truncated);
// the offset is Z, z or +HH:MM / -HH:MM. Every field is range-checked,
// including the length of February in leap years.
#include <stdio.h>

#include "toml/internal.h"

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

// The n-digit decimal number k bytes ahead of the cursor, or -1.
static int
digits(const struct parser *P, size_t k, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (!is_digit(at(P, k + i)))
			return -1;
		v = v * 10 + (at(P, k + i) - '0');
	}
	return v;
}

static int
at_time(const struct parser *P, size_t k)
{
	return digits(P, k, 2) >= 0 && at(P, k + 2) == ':';
}

// Does a date (YYYY-) or a time (HH:) start at the cursor?
int
at_datetime(const struct parser *P)
{
	return (digits(P, 0, 4) >= 0 && at(P, 4) == '-') || at_time(P, 0);
}

static int
days_in(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return days[month - 1] + (month == 2 && leap);
}

// YYYY-MM-DD
static int
date(struct parser *P, struct toml_datetime *dt)
{
	uint32_t line = P->line, col = P->col;

	dt->year = digits(P, 0, 4);
	dt->month = at(P, 4) == '-' ? digits(P, 5, 2) : -1;
	dt->day = at(P, 7) == '-' ? digits(P, 8, 2) : -1;
	if (dt->year < 0 || dt->month < 0 || dt->day < 0 || is_digit(at(P, 10)))
		return perr(P, line, col, "invalid date: expected YYYY-MM-DD");
	if (dt->month < 1 || dt->month > 12)
		return perr(P, line, col, "invalid date: month %02d does not exist", dt->month);
	if (dt->day < 1 || dt->day > days_in(dt->year, dt->month))
		return perr(P, line, col, "invalid date: %04d-%02d has no day %02d", dt->year,
		            dt->month, dt->day);
	adv(P, 10);
	return 0;
}

// Fractional seconds after the '.': at least one digit.
static int
fraction(struct parser *P, struct toml_datetime *dt)
{
	uint32_t scale = 100000000;

	adv(P, 1);
	if (!is_digit(at(P, 0)))
		return perr(P, P->line, P->col, "invalid time: digits expected after '.'");
	for (; is_digit(at(P, 0)); adv(P, 1)) {
		dt->nanosecond += (uint32_t)(at(P, 0) - '0') * scale;
		scale /= 10;
	}
	return 0;
}

// HH:MM:SS[.fraction]
static int
time_of_day(struct parser *P, struct toml_datetime *dt)
{
	uint32_t line = P->line, col = P->col;

	dt->hour = digits(P, 0, 2);
	dt->minute = at(P, 2) == ':' ? digits(P, 3, 2) : -1;
	dt->second = at(P, 5) == ':' ? digits(P, 6, 2) : -1;
	if (dt->hour < 0 || dt->minute < 0 || dt->second < 0 || is_digit(at(P, 8)))
		return perr(P, line, col, "invalid time: expected HH:MM:SS (seconds are required)");
	if (dt->hour > 23 || dt->minute > 59 || dt->second > 60)
		return perr(P, line, col, "invalid time: %02d:%02d:%02d is out of range", dt->hour,
		            dt->minute, dt->second);
	adv(P, 8);
	if (at(P, 0) == '.')
		return fraction(P, dt);
	return 0;
}

// Z, z, +HH:MM or -HH:MM. Returns 1 if there was an offset, 0 if not.
static int
offset(struct parser *P, struct toml_datetime *dt)
{
	int c = at(P, 0), h, m;

	if (c == 'Z' || c == 'z') {
		adv(P, 1);
		return 1;
	}
	if (c != '+' && c != '-')
		return 0;
	h = digits(P, 1, 2);
	m = at(P, 3) == ':' ? digits(P, 4, 2) : -1;
	if (h < 0 || m < 0 || is_digit(at(P, 6)))
		return perr(P, P->line, P->col, "invalid time offset: expected %cHH:MM", c);
	if (h > 23 || m > 59)
		return perr(P, P->line, P->col, "invalid time offset %c%02d:%02d", c, h, m);
	dt->offset_minutes = (c == '-' ? -1 : 1) * (h * 60 + m);
	adv(P, 6);
	return 1;
}

// A date, a time, or a date and a time (with an optional offset); the
// cursor is on its first digit (at_datetime said yes).
toml_node *
parse_datetime(struct parser *P)
{
	toml_node *n = node_new(P, TOML_TIME_LOCAL, P->line, P->col);
	struct toml_datetime *dt;
	int r;

	if (n == NULL)
		return NULL;
	dt = &n->u.dt;
	if (at_time(P, 0)) {
		r = time_of_day(P, dt);
	} else if ((r = date(P, dt)) < 0) {
		;
	} else if (at(P, 0) == 'T' || at(P, 0) == 't' || (at(P, 0) == ' ' && at_time(P, 1))) {
		adv(P, 1);
		r = time_of_day(P, dt);
		if (r == 0)
			r = offset(P, dt);
		n->type = r == 1 ? TOML_DATETIME : TOML_DATETIME_LOCAL;
	} else {
		n->type = TOML_DATE_LOCAL;
	}
	if (r < 0) {
		node_free(n);
		return NULL;
	}
	return n;
}

static int
format_time(const struct toml_datetime *dt, char *out, size_t size)
{
	char frac[24] = "";
	int i;

	if (dt->nanosecond != 0) {
		snprintf(frac, sizeof frac, ".%09u", (unsigned)dt->nanosecond);
		for (i = 9; frac[i] == '0'; i--)
			frac[i] = '\0';
	}
	return snprintf(out, size, "%02d:%02d:%02d%s", dt->hour, dt->minute, dt->second, frac);
}

int
toml_datetime_format(const toml_node *n, char *out, size_t size)
{
	const struct toml_datetime *dt = &n->u.dt;
	char date_s[48], time_s[48], off[24] = "Z";
	int m;

	snprintf(date_s, sizeof date_s, "%04d-%02d-%02d", dt->year, dt->month, dt->day);
	format_time(dt, time_s, sizeof time_s);
	switch (n->type) {
	case TOML_DATE_LOCAL:
		return snprintf(out, size, "%s", date_s);
	case TOML_TIME_LOCAL:
		return snprintf(out, size, "%s", time_s);
	case TOML_DATETIME_LOCAL:
		return snprintf(out, size, "%sT%s", date_s, time_s);
	case TOML_DATETIME:
		m = dt->offset_minutes;
		if (m != 0)
			snprintf(off, sizeof off, "%c%02d:%02d", m < 0 ? '-' : '+',
			         (m < 0 ? -m : m) / 60, (m < 0 ? -m : m) % 60);
		return snprintf(out, size, "%sT%s%s", date_s, time_s, off);
	default:
		return snprintf(out, size, "%s", "");
	}
}
