package temporal

import (
	"strconv"
	"strings"
	"time"
)

// Date is a calendar date: no time of day, no time zone.
type Date struct{ days int64 }

// LocalTime is a time of day without a time zone, to the nanosecond.
type LocalTime struct{ nanos int64 }

// Time is a time of day with a fixed UTC offset.
type Time struct {
	local  LocalTime
	offset int32 // seconds east of UTC
}

// LocalDateTime is a date and a time of day without a time zone.
type LocalDateTime struct {
	date Date
	time LocalTime
}

// DateTime is an instant with a time zone, which is either a fixed offset
// or a named zone of the IANA database (whose offset depends on the
// instant).
type DateTime struct {
	sec  int64 // seconds since 1970-01-01T00:00Z
	nano int32
	zone Zone
}

// Zone is a fixed UTC offset (loc == nil) or a named IANA zone.
type Zone struct {
	loc    *time.Location
	offset int32
}

// Duration is Neo4j's duration: months, days and seconds are kept apart,
// because a month and a day have no fixed length. Nanos is always in
// [0, 1e9); seconds carry the sign.
type Duration struct {
	months, days, seconds int64
	nanos                 int32
}

// --- construction ---------------------------------------------------------

// DateOf returns the date y-m-d, or an error when it does not exist.
func DateOf(y int64, m, d int) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, argErr("Invalid value for Year (valid values %d - %d): %d", MinYear, MaxYear, y)
	}
	if m < 1 || m > 12 {
		return Date{}, argErr("Invalid value for MonthOfYear (valid values 1 - 12): %d", m)
	}
	if d < 1 || d > 31 {
		return Date{}, argErr("Invalid value for DayOfMonth (valid values 1 - 28/31): %d", d)
	}
	if d > daysInMonth(y, m) {
		return Date{}, argErr("Invalid date '%s %d'", monthName(m), d)
	}
	return Date{daysFromCivil(y, m, d)}, nil
}

// monthName names month m as Java does in its messages.
func monthName(m int) string {
	return strings.Fields("JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER")[m-1]
}

// DateFromEpochDay returns the date z days after 1970-01-01.
func DateFromEpochDay(z int64) (Date, error) {
	if !dateInRange(z) {
		return Date{}, argErr("date out of range: epoch day %d", z)
	}
	return Date{z}, nil
}

// LocalTimeOf returns h:m:s.ns, validating each field.
func LocalTimeOf(h, m, s, ns int64) (LocalTime, error) {
	switch {
	case h < 0 || h > 23:
		return LocalTime{}, argErr("Invalid value for HourOfDay (valid values 0 - 23): %d", h)
	case m < 0 || m > 59:
		return LocalTime{}, argErr("Invalid value for MinuteOfHour (valid values 0 - 59): %d", m)
	case s < 0 || s > 59:
		return LocalTime{}, argErr("Invalid value for SecondOfMinute (valid values 0 - 59): %d", s)
	case ns < 0 || ns > 999_999_999:
		return LocalTime{}, argErr("Invalid value for NanoOfSecond (valid values 0 - 999999999): %d", ns)
	}
	return LocalTime{((h*60+m)*60+s)*nanosPerSecond + ns}, nil
}

// LocalTimeFromNanos returns the time ns nanoseconds after midnight,
// wrapping around the day.
func LocalTimeFromNanos(ns int64) LocalTime { return LocalTime{floorMod(ns, nanosPerDay)} }

// TimeOf returns lt at the given offset (seconds east of UTC, at most 18
// hours either way).
func TimeOf(lt LocalTime, offset int) (Time, error) {
	if offset < -18*3600 || offset > 18*3600 {
		return Time{}, argErr("Zone offset not in valid range: -18:00 to +18:00")
	}
	return Time{lt, int32(offset)}, nil
}

// LocalDateTimeOf joins a date and a time.
func LocalDateTimeOf(d Date, t LocalTime) LocalDateTime { return LocalDateTime{d, t} }

// FixedZone returns the zone of a fixed offset in seconds east of UTC.
func FixedZone(offset int) (Zone, error) {
	if offset < -18*3600 || offset > 18*3600 {
		return Zone{}, argErr("Zone offset not in valid range: -18:00 to +18:00")
	}
	return Zone{offset: int32(offset)}, nil
}

// NamedZone returns a zone backed by loc, e.g. one from time.LoadLocation.
// A *time.Location of a fixed offset made with time.FixedZone should be
// turned into FixedZone instead, or it prints as a named zone.
func NamedZone(loc *time.Location) Zone { return Zone{loc: loc} }

// UTC is the zone of offset zero, printed Z.
func UTC() Zone { return Zone{} }

// DateTimeOf returns the local date and time ldt in zone z. When the
// local time falls in a gap of a named zone (a clock moved forward), it is
// moved later by the length of the gap; when it is ambiguous (a clock moved
// back), the earlier instant is taken, as Java's ZonedDateTime does.
func DateTimeOf(ldt LocalDateTime, z Zone) (DateTime, error) {
	return dateTimeOf(ldt, z, nil)
}

func dateTimeOf(ldt LocalDateTime, z Zone, preferred *int32) (DateTime, error) {
	local := ldt.date.days*secondsPerDay + ldt.time.nanos/nanosPerSecond
	nano := int32(ldt.time.nanos % nanosPerSecond)
	return DateTime{sec: z.resolve(local, preferred), nano: nano, zone: z}, nil
}

// DateTimeFromEpoch returns the instant sec seconds and nano nanoseconds
// after 1970-01-01T00:00Z, in zone z.
func DateTimeFromEpoch(sec int64, nano int64, z Zone) (DateTime, error) {
	sec += floorDiv(nano, nanosPerSecond)
	nano = floorMod(nano, nanosPerSecond)
	dt := DateTime{sec: sec, nano: int32(nano), zone: z}
	if !dateInRange(floorDiv(dt.localSeconds(), secondsPerDay)) {
		return DateTime{}, argErr("datetime out of range: %d seconds since the epoch", sec)
	}
	return dt, nil
}

// --- zones ------------------------------------------------------------

// offsetAt returns the zone's offset at the instant sec.
func (z Zone) offsetAt(sec int64) int32 {
	if z.loc == nil {
		return z.offset
	}
	_, off := time.Unix(sec, 0).In(z.loc).Zone()
	return int32(off)
}

// resolve turns local seconds into an instant (see DateTimeOf).
func (z Zone) resolve(local int64, preferred *int32) int64 {
	if z.loc == nil {
		return local - int64(z.offset)
	}
	// Offsets never exceed 18 hours, so the offsets a day either side
	// bracket any transition at this local time.
	before := z.offsetAt(local - secondsPerDay)
	after := z.offsetAt(local + secondsPerDay)
	valid := func(o int32) bool { return z.offsetAt(local-int64(o)) == o }
	vb, va := valid(before), valid(after)
	switch {
	case vb && va && before != after:
		if preferred != nil && (*preferred == before || *preferred == after) {
			return local - int64(*preferred)
		}
		return local - int64(before)
	case vb:
		return local - int64(before)
	case va:
		return local - int64(after)
	}
	// A gap: the instant the earlier offset gives lies after the
	// transition, so its local time is later by the gap.
	return local - int64(before)
}

// Named reports whether z is a named zone.
func (z Zone) Named() bool { return z.loc != nil }

// Name is the zone's id: the IANA name, or the offset (Z, +01:00).
func (z Zone) Name() string {
	if z.loc != nil {
		return z.loc.String()
	}
	return offsetString(z.offset)
}

// Equal reports whether two zones are the same zone (not merely the same
// offset now).
func (z Zone) Equal(o Zone) bool {
	if (z.loc == nil) != (o.loc == nil) {
		return false
	}
	if z.loc == nil {
		return z.offset == o.offset
	}
	return z.loc.String() == o.loc.String()
}

// offsetString writes an offset as Java's ZoneOffset id: Z, +01:00 or
// +02:05:59.
func offsetString(off int32) string {
	if off == 0 {
		return "Z"
	}
	return string(appendOffset(nil, off))
}

func appendOffset(b []byte, off int32) []byte {
	if off == 0 {
		return append(b, 'Z')
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = append(b, sign)
	b = append2(b, int64(off/3600))
	b = append(b, ':')
	b = append2(b, int64(off/60%60))
	if s := off % 60; s != 0 {
		b = append(b, ':')
		b = append2(b, int64(s))
	}
	return b
}

func append2(b []byte, n int64) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, n, 10)
}

// --- accessors --------------------------------------------------------

// EpochDay is the number of days since 1970-01-01.
func (d Date) EpochDay() int64 { return d.days }

// YMD returns the year, month and day.
func (d Date) YMD() (int64, int, int) { return civilFromDays(d.days) }

// NanoOfDay is the number of nanoseconds since midnight.
func (t LocalTime) NanoOfDay() int64 { return t.nanos }

// HMSN returns the hour, minute, second and nanosecond.
func (t LocalTime) HMSN() (h, m, s, ns int64) {
	ns = t.nanos % nanosPerSecond
	secs := t.nanos / nanosPerSecond
	return secs / 3600, secs / 60 % 60, secs % 60, ns
}

// Local is the time without its offset.
func (t Time) Local() LocalTime { return t.local }

// Offset is the offset in seconds east of UTC.
func (t Time) Offset() int { return int(t.offset) }

// utcNanos is the time of day in UTC, not wrapped around: it may be
// negative or past a day, which keeps the order of times total.
func (t Time) utcNanos() int64 { return t.local.nanos - int64(t.offset)*nanosPerSecond }

// Date is the date part.
func (l LocalDateTime) Date() Date { return l.date }

// Time is the time part.
func (l LocalDateTime) Time() LocalTime { return l.time }

func (l LocalDateTime) seconds() int64 {
	return l.date.days*secondsPerDay + l.time.nanos/nanosPerSecond
}

// Zone is the time zone.
func (d DateTime) Zone() Zone { return d.zone }

// Offset is the UTC offset at this instant, in seconds.
func (d DateTime) Offset() int { return int(d.zone.offsetAt(d.sec)) }

// Epoch returns the seconds and nanoseconds since 1970-01-01T00:00Z.
func (d DateTime) Epoch() (int64, int) { return d.sec, int(d.nano) }

func (d DateTime) localSeconds() int64 { return d.sec + int64(d.zone.offsetAt(d.sec)) }

// Local is the local date and time.
func (d DateTime) Local() LocalDateTime {
	ls := d.localSeconds()
	return LocalDateTime{Date{floorDiv(ls, secondsPerDay)}, LocalTime{floorMod(ls, secondsPerDay)*nanosPerSecond + int64(d.nano)}}
}

// Time is the local time of day with the offset in effect.
func (d DateTime) Time() Time { return Time{d.Local().time, d.zone.offsetAt(d.sec)} }

// In returns the same instant in zone z.
func (d DateTime) In(z Zone) DateTime { return DateTime{d.sec, d.nano, z} }

// Components returns the duration's months, days, seconds and nanoseconds
// (nanoseconds in [0, 1e9), seconds carrying the sign).
func (d Duration) Components() (months, days, seconds int64, nanos int) {
	return d.months, d.days, d.seconds, int(d.nanos)
}

// --- formatting -------------------------------------------------------

// Neo4j 5's toString writes seconds always and the shortest fraction
// (12:00:00, 12:00:00.5); Java's toString, which the openCypher TCK's
// expected values follow, leaves out zero seconds and writes fractions in
// groups of three digits (12:00, 12:00:00.500). String is the former,
// ISOString the latter.

func (d Date) String() string          { return string(d.append(nil)) }
func (t LocalTime) String() string     { return string(t.append(nil, false)) }
func (t Time) String() string          { return string(t.append(nil, false)) }
func (l LocalDateTime) String() string { return string(l.append(nil, false)) }
func (d DateTime) String() string      { return string(d.append(nil, false)) }

// ISOString writes the value as Java's toString does; see String.
func (t LocalTime) ISOString() string     { return string(t.append(nil, true)) }
func (t Time) ISOString() string          { return string(t.append(nil, true)) }
func (l LocalDateTime) ISOString() string { return string(l.append(nil, true)) }
func (d DateTime) ISOString() string      { return string(d.append(nil, true)) }

func (d Date) append(b []byte) []byte {
	y, m, day := civilFromDays(d.days)
	switch {
	case y > 9999:
		b = append(b, '+')
		b = strconv.AppendInt(b, y, 10)
	case y < 0:
		b = append(b, '-')
		if y > -1000 {
			b = append(b, "000"[:4-len(strconv.FormatInt(-y, 10))]...)
		}
		b = strconv.AppendInt(b, -y, 10)
	default:
		s := strconv.FormatInt(y, 10)
		b = append(b, "000"[:4-len(s)]...)
		b = append(b, s...)
	}
	b = append(b, '-')
	b = append2(b, int64(m))
	b = append(b, '-')
	return append2(b, int64(day))
}

func (t LocalTime) append(b []byte, java bool) []byte {
	h, m, s, ns := t.HMSN()
	b = append2(b, h)
	b = append(b, ':')
	b = append2(b, m)
	if java && s == 0 && ns == 0 {
		return b
	}
	b = append(b, ':')
	b = append2(b, s)
	if ns == 0 {
		return b
	}
	digits := strconv.FormatInt(ns+nanosPerSecond, 10)[1:] // nine digits
	switch {
	case !java:
		for len(digits) > 1 && digits[len(digits)-1] == '0' {
			digits = digits[:len(digits)-1]
		}
	case ns%1_000_000 == 0:
		digits = digits[:3]
	case ns%1000 == 0:
		digits = digits[:6]
	}
	b = append(b, '.')
	return append(b, digits...)
}

func (t Time) append(b []byte, java bool) []byte {
	return appendOffset(t.local.append(b, java), t.offset)
}

func (l LocalDateTime) append(b []byte, java bool) []byte {
	b = l.date.append(b)
	b = append(b, 'T')
	return l.time.append(b, java)
}

func (d DateTime) append(b []byte, java bool) []byte {
	b = d.Local().append(b, java)
	b = appendOffset(b, d.zone.offsetAt(d.sec))
	if d.zone.loc != nil {
		b = append(b, '[')
		b = append(b, d.zone.loc.String()...)
		b = append(b, ']')
	}
	return b
}

// String writes the duration as Neo4j does: P1Y2M3DT4H5M6.7S, with each
// of hours, minutes and seconds carrying the sign of the seconds.
func (d Duration) String() string {
	if d == (Duration{}) {
		return "PT0S"
	}
	b := []byte{'P'}
	unit := func(n int64, u byte) {
		if n != 0 {
			b = strconv.AppendInt(b, n, 10)
			b = append(b, u)
		}
	}
	unit(d.months/12, 'Y')
	unit(d.months%12, 'M')
	unit(d.days, 'D')
	secs, nanos := d.seconds, int64(d.nanos)
	if secs < 0 && nanos > 0 {
		secs, nanos = secs+1, nanos-nanosPerSecond
	}
	if secs != 0 || nanos != 0 {
		b = append(b, 'T')
		unit(secs/3600, 'H')
		unit(secs%3600/60, 'M')
		s := secs % 60
		if s != 0 || nanos != 0 {
			if s == 0 && nanos < 0 {
				b = append(b, '-')
			}
			b = strconv.AppendInt(b, s, 10)
			if nanos != 0 {
				n := nanos
				if n < 0 {
					n = -n
				}
				digits := strconv.FormatInt(n+nanosPerSecond, 10)[1:]
				for digits[len(digits)-1] == '0' {
					digits = digits[:len(digits)-1]
				}
				b = append(b, '.')
				b = append(b, digits...)
			}
			b = append(b, 'S')
		}
	}
	if len(b) == 1 {
		b = append(b, "T0S"...)
	}
	return string(b)
}
