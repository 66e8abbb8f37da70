// kernel/arch/x86_64/rtc.c: read the CMOS real-time clock once at boot and
// turn it into seconds since 1970 (the RTC holds UTC under QEMU).
#include "defs.h"

static uint8_t
cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static int
bcd(uint8_t v, int isbcd)
{
	return isbcd ? (v & 0xf) + (v >> 4) * 10 : v;
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian).
static int64_t
days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int64_t
rtc_read_epoch(void)
{
	uint8_t s, mi, h, d, mo, y, regb;
	int isbcd, pm;

	// Wait out an update in progress (at most about 2 ms), then read twice
	// until two reads agree.
	for (;;) {
		while (cmos(0x0a) & 0x80)
			;
		s = cmos(0x00), mi = cmos(0x02), h = cmos(0x04);
		d = cmos(0x07), mo = cmos(0x08), y = cmos(0x09);
		if (s == cmos(0x00) && mi == cmos(0x02) && h == cmos(0x04) && d == cmos(0x07))
			break;
	}
	regb = cmos(0x0b);
	isbcd = !(regb & 0x04);
	pm = h & 0x80;
	h &= 0x7f;
	int hour = bcd(h, isbcd);

	if (!(regb & 0x02) && pm)
		hour = (hour % 12) + 12;
	int64_t year = 2000 + bcd(y, isbcd);

	return days(year, bcd(mo, isbcd), bcd(d, isbcd)) * 86400 + hour * 3600 +
	       bcd(mi, isbcd) * 60 + bcd(s, isbcd);
}
