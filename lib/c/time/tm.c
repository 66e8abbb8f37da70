// lib/c/time/tm.c: calendar time in the proleptic Gregorian calendar, UTC
// only (there is no time zone database: localtime is gmtime and mktime is
// timegm, documented in time.h): gmtime, mktime, strftime, asctime,
// ctime, difftime. Portable C: the host unit test (lib/c/test/time_test.c)
// checks it against glibc with TZ=UTC.
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

// Days since 1970-01-01 of a civil date (month 1..12), for any year: the
// year is shifted to start in March so the leap day comes last, and 400-year
// eras of 146097 days do the rest.
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

struct tm *
gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	int64_t days = *t / 86400, secs = *t % 86400, y;
	int m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	civil_from_days(days, &y, &m, &d);
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7); // 1970-01-01 was a Thursday
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *
gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

struct tm *
localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *
localtime(const time_t *t)
{
	return gmtime(t);
}

// timegm normalises out-of-range fields (month 13, day 0, second 60...)
// and fills in tm_wday and tm_yday, as mktime does.
time_t
timegm(struct tm *tm)
{
	int64_t mon = tm->tm_mon, y = (int64_t)tm->tm_year + 1900 + mon / 12, t;

	mon %= 12;
	if (mon < 0) {
		mon += 12;
		y--;
	}
	t = days_from_civil(y, (int)mon + 1, 1) + tm->tm_mday - 1;
	t = t * 86400 + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 + tm->tm_sec;
	if (gmtime_r(&t, tm) == NULL)
		return (time_t)-1;
	return t;
}

time_t
mktime(struct tm *tm)
{
	return timegm(tm);
}

double
difftime(time_t a, time_t b)
{
	return (double)(a - b);
}

static const char *const wdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                    "Thursday", "Friday", "Saturday"};
static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

// ISO 8601 week number and week-based year of tm.
static int
iso_week(const struct tm *tm, int64_t *year)
{
	int64_t y = (int64_t)tm->tm_year + 1900;
	int wday = (tm->tm_wday + 6) % 7; // Monday = 0
	int week = (tm->tm_yday - wday + 10) / 7;

	if (week < 1) {
		int64_t py = y - 1;
		int pdays = 365 + leap(py);
		int pyday = tm->tm_yday + pdays;
		*year = py;
		return (pyday - wday + 10) / 7;
	}
	if (week == 53) {
		int days = 365 + leap(y);
		// Week 53 exists only if the year's last day is Thursday or later.
		if (tm->tm_yday - wday + 3 >= days) {
			*year = y + 1;
			return 1;
		}
	}
	*year = y;
	return week;
}

struct out {
	char *s;
	size_t n, len;
	int full;
};

static void
put(struct out *o, const char *p, size_t k)
{
	if (o->len + k >= o->n) {
		o->full = 1;
		return;
	}
	memcpy(o->s + o->len, p, k);
	o->len += k;
}

static void
putnum(struct out *o, const char *fmt, long long v)
{
	char b[32];
	int k = snprintf(b, sizeof b, fmt, v);

	put(o, b, (size_t)k);
}

static void
put_name(struct out *o, const char *const *names, int i, int n, int abbrev)
{
	const char *s = (i >= 0 && i < n) ? names[i] : "?";

	put(o, s, abbrev ? (strlen(s) < 3 ? strlen(s) : 3) : strlen(s));
}

static void format(struct out *o, const char *fmt, const struct tm *tm);

static void
conv(struct out *o, char c, const struct tm *tm)
{
	int64_t y = (int64_t)tm->tm_year + 1900, iy;
	int h12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;

	switch (c) {
	case 'a':
	case 'A':
		put_name(o, wdays, tm->tm_wday, 7, c == 'a');
		return;
	case 'b':
	case 'h':
	case 'B':
		put_name(o, months, tm->tm_mon, 12, c != 'B');
		return;
	case 'c':
		format(o, "%a %b %e %H:%M:%S %Y", tm);
		return;
	case 'C':
		// As glibc: the floor of year / 100, unpadded ("19", "0", "-1").
		putnum(o, "%lld", (long long)((y >= 0 ? y : y - 99) / 100));
		return;
	case 'd':
		putnum(o, "%02lld", tm->tm_mday);
		return;
	case 'D':
		format(o, "%m/%d/%y", tm);
		return;
	case 'e':
		putnum(o, "%2lld", tm->tm_mday);
		return;
	case 'F':
		format(o, "%Y-%m-%d", tm);
		return;
	case 'G':
		iso_week(tm, &iy);
		putnum(o, "%lld", (long long)iy);
		return;
	case 'g':
		iso_week(tm, &iy);
		putnum(o, "%02lld", (long long)((iy % 100 + 100) % 100));
		return;
	case 'H':
		putnum(o, "%02lld", tm->tm_hour);
		return;
	case 'I':
		putnum(o, "%02lld", h12);
		return;
	case 'j':
		putnum(o, "%03lld", tm->tm_yday + 1);
		return;
	case 'k':
		putnum(o, "%2lld", tm->tm_hour);
		return;
	case 'l':
		putnum(o, "%2lld", h12);
		return;
	case 'm':
		putnum(o, "%02lld", tm->tm_mon + 1);
		return;
	case 'M':
		putnum(o, "%02lld", tm->tm_min);
		return;
	case 'n':
		put(o, "\n", 1);
		return;
	case 'p':
		put(o, tm->tm_hour < 12 ? "AM" : "PM", 2);
		return;
	case 'P':
		put(o, tm->tm_hour < 12 ? "am" : "pm", 2);
		return;
	case 'r':
		format(o, "%I:%M:%S %p", tm);
		return;
	case 'R':
		format(o, "%H:%M", tm);
		return;
	case 's': {
		struct tm copy = *tm;
		putnum(o, "%lld", (long long)timegm(&copy));
		return;
	}
	case 'S':
		putnum(o, "%02lld", tm->tm_sec);
		return;
	case 't':
		put(o, "\t", 1);
		return;
	case 'T':
		format(o, "%H:%M:%S", tm);
		return;
	case 'u':
		putnum(o, "%lld", tm->tm_wday == 0 ? 7 : tm->tm_wday);
		return;
	case 'U':
		putnum(o, "%02lld", (tm->tm_yday + 7 - tm->tm_wday) / 7);
		return;
	case 'V':
		putnum(o, "%02lld", iso_week(tm, &iy));
		return;
	case 'w':
		putnum(o, "%lld", tm->tm_wday);
		return;
	case 'W':
		putnum(o, "%02lld", (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7);
		return;
	case 'x':
		format(o, "%m/%d/%y", tm);
		return;
	case 'X':
		format(o, "%H:%M:%S", tm);
		return;
	case 'y':
		putnum(o, "%02lld", (long long)((y % 100 + 100) % 100));
		return;
	case 'Y':
		putnum(o, "%lld", (long long)y);
		return;
	case 'z':
		put(o, "+0000", 5);
		return;
	case 'Z':
		put(o, "UTC", 3);
		return;
	case '%':
		put(o, "%", 1);
		return;
	}
	// Unknown conversions are copied as written.
	put(o, "%", 1);
	put(o, &c, 1);
}

static void
format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			put(o, f, 1);
			continue;
		}
		f++;
		// The E and O modifiers select alternative forms in other locales.
		if (*f == 'E' || *f == 'O')
			f++;
		if (*f == '\0')
			break;
		conv(o, *f, tm);
	}
}

size_t
strftime(char *restrict s, size_t n, const char *restrict fmt, const struct tm *restrict tm)
{
	struct out o = {s, n, 0, 0};

	if (n == 0)
		return 0;
	format(&o, fmt, tm);
	s[o.len] = '\0';
	return o.full ? 0 : o.len;
}

char *
asctime(const struct tm *tm)
{
	static char buf[64];
	struct out o = {buf, sizeof buf, 0, 0};

	format(&o, "%a %b %e %H:%M:%S %Y\n", tm);
	buf[o.len] = '\0';
	return buf;
}

char *
ctime(const time_t *t)
{
	struct tm tm;

	return gmtime_r(t, &tm) ? asctime(&tm) : NULL;
}
