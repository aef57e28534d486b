package temporal

import (
	"strconv"
	"strings"
)

// --- adding durations ---------------------------------------------------
//
// As in Neo4j (Java's Temporal.plus with Neo4j's DurationValue), the
// months are added first (clamping the day of month), then the days, then
// the seconds and nanoseconds, each only where the value has that unit: a
// Date takes whole days of the seconds and ignores the rest, a time of day
// ignores months and days and wraps around midnight, and a DateTime adds
// months and days to its local date (keeping its offset where it can) and
// seconds to its instant.

// Plus returns v + d for a Date, LocalTime, Time, LocalDateTime or
// DateTime v.
func Plus(v any, d Duration) (any, error) {
	s, n := d.sameSign()
	switch x := v.(type) {
	case Date:
		z, err := x.plusDays(d.months, d.days)
		if err != nil {
			return nil, err
		}
		return DateFromEpochDay(z + s/secondsPerDay)
	case LocalTime:
		return x.plus(s, n), nil
	case Time:
		return Time{x.local.plus(s, n), x.offset}, nil
	case LocalDateTime:
		z, err := x.date.plusDays(d.months, d.days)
		if err != nil {
			return nil, err
		}
		return plusSeconds(LocalDateTime{Date{z}, x.time}, s, n)
	case DateTime:
		if d.months != 0 || d.days != 0 {
			l := x.Local()
			z, err := l.date.plusDays(d.months, d.days)
			if err != nil {
				return nil, err
			}
			off := x.zone.offsetAt(x.sec)
			if x, err = dateTimeOf(LocalDateTime{Date{z}, l.time}, x.zone, &off); err != nil {
				return nil, err
			}
		}
		return DateTimeFromEpoch(x.sec+s, int64(x.nano)+n, x.zone)
	}
	return nil, argErr("cannot add a duration to %T", v)
}

// Minus returns v - d.
func Minus(v any, d Duration) (any, error) {
	n, err := d.Neg()
	if err != nil {
		return nil, err
	}
	return Plus(v, n)
}

func (d Date) plusDays(months, days int64) (int64, error) {
	z, err := plusMonths(d.days, months)
	if err != nil {
		return 0, err
	}
	if z, err = addExact(z, days); err != nil || !dateInRange(z) {
		return 0, argErr("date out of range")
	}
	return z, nil
}

func (t LocalTime) plus(s, n int64) LocalTime {
	return LocalTime{floorMod(t.nanos+floorMod(s, secondsPerDay)*nanosPerSecond+n, nanosPerDay)}
}

func plusSeconds(l LocalDateTime, s, n int64) (LocalDateTime, error) {
	total := l.time.nanos + floorMod(s, secondsPerDay)*nanosPerSecond + n
	days := floorDiv(s, secondsPerDay) + floorDiv(total, nanosPerDay)
	z, err := addExact(l.date.days, days)
	if err != nil || !dateInRange(z) {
		return LocalDateTime{}, argErr("date out of range")
	}
	return LocalDateTime{Date{z}, LocalTime{floorMod(total, nanosPerDay)}}, nil
}

// --- durations between two values -----------------------------------------

// Unit selects what Between measures.
type Unit int

// The units of duration.between, duration.inMonths, duration.inDays and
// duration.inSeconds.
const (
	Whole Unit = iota
	Months
	Days
	Seconds
)

// point is any temporal instant seen as optional date, time and zone.
type point struct {
	date, nanos      int64 // epoch day; nanosecond of the (local) day
	zone             Zone
	hasDate, hasZone bool
	inst             *DateTime // the exact instant of a DateTime
}

func pointOf(v any) (point, bool) {
	switch x := v.(type) {
	case Date:
		return point{date: x.days, hasDate: true}, true
	case LocalTime:
		return point{nanos: x.nanos}, true
	case Time:
		return point{nanos: x.local.nanos, zone: Zone{offset: x.offset}, hasZone: true}, true
	case LocalDateTime:
		return point{date: x.date.days, nanos: x.time.nanos, hasDate: true}, true
	case DateTime:
		l := x.Local()
		return point{date: l.date.days, nanos: l.time.nanos, zone: x.zone, hasDate: true, hasZone: true, inst: &x}, true
	}
	return point{}, false
}

func (p point) local() LocalDateTime { return LocalDateTime{Date{p.date}, LocalTime{p.nanos}} }

// instant returns the point's instant (seconds, nanoseconds).
func (p point) instant() (int64, int64) {
	if p.inst != nil {
		return p.inst.sec, int64(p.inst.nano)
	}
	dt, _ := dateTimeOf(p.local(), p.zone, nil)
	return dt.sec, int64(dt.nano)
}

// Between returns the duration from a to b, as Neo4j's duration.between
// (Whole), duration.inMonths, inDays and inSeconds do. A value that lacks
// a date, a time or a zone takes it from the other: a missing time is
// midnight, a missing date the other's date, a missing zone the other's
// zone; two values with no date at all differ by their times of day only.
func Between(a, b any, unit Unit) (Duration, error) {
	pa, ok1 := pointOf(a)
	pb, ok2 := pointOf(b)
	if !ok1 || !ok2 {
		return Duration{}, argErr("duration.between takes two temporal instants")
	}
	if pa.hasDate != pb.hasDate {
		if pa.hasDate {
			pb.date, pb.hasDate = pa.date, true
		} else {
			pa.date, pa.hasDate = pb.date, true
		}
	}
	if pa.hasZone != pb.hasZone {
		if pa.hasZone {
			pb.zone, pb.hasZone = pa.zone, true
		} else {
			pa.zone, pa.hasZone = pb.zone, true
		}
	}
	zoned := pa.hasZone
	if !pa.hasDate {
		if unit == Months || unit == Days {
			return Duration{}, nil
		}
		diff := pb.nanos - pa.nanos
		if zoned {
			diff -= int64(pb.zone.offsetAt(0)-pa.zone.offsetAt(0)) * nanosPerSecond
		}
		return NewDuration(0, 0, 0, diff)
	}
	// la and lb are local date-times in a's zone; when both are zoned, b's
	// instant is seen in a's zone, as Java's ZonedDateTime.until does.
	la, lb := pa.local(), pb.local()
	var ia, ib [2]int64
	if zoned {
		ia[0], ia[1] = pa.instant()
		ib[0], ib[1] = pb.instant()
		lb = DateTime{sec: ib[0], nano: int32(ib[1]), zone: pa.zone}.Local()
	}
	switch unit {
	case Months:
		return NewDuration(untilDateBased(la, lb, true), 0, 0, 0)
	case Days:
		return NewDuration(0, untilDateBased(la, lb, false), 0, 0)
	case Seconds:
		if zoned {
			return NewDuration(0, 0, ib[0]-ia[0], ib[1]-ia[1])
		}
		return NewDuration(0, 0, lb.seconds()-la.seconds(), lb.time.nanos%nanosPerSecond-la.time.nanos%nanosPerSecond)
	}
	months := untilDateBased(la, lb, true)
	z, err := la.date.plusDays(months, 0)
	if err != nil {
		return Duration{}, err
	}
	la.date = Date{z}
	days := untilDateBased(la, lb, false)
	la.date = Date{la.date.days + days}
	if zoned {
		off := pa.zone.offsetAt(ia[0])
		from, _ := dateTimeOf(la, pa.zone, &off)
		return NewDuration(months, days, ib[0]-from.sec, ib[1]-int64(from.nano))
	}
	return NewDuration(months, days, lb.seconds()-la.seconds(), lb.time.nanos%nanosPerSecond-la.time.nanos%nanosPerSecond)
}

// untilDateBased is Java's LocalDateTime.until in MONTHS or DAYS: the end
// date counts only once its time of day is reached.
func untilDateBased(a, b LocalDateTime, months bool) int64 {
	end := b.date.days
	switch {
	case end > a.date.days && b.time.nanos < a.time.nanos:
		end--
	case end < a.date.days && b.time.nanos > a.time.nanos:
		end++
	}
	if months {
		return monthsBetween(a.date.days, end)
	}
	return end - a.date.days
}

// --- comparison -----------------------------------------------------------

// Equal reports whether a and b are the same value of the same type. Two
// DateTimes are equal only at the same instant in the same zone, and two
// Times only at the same time with the same offset, as in Neo4j; two
// durations when all their components are.
func Equal(a, b any) bool {
	switch x := a.(type) {
	case Date:
		y, ok := b.(Date)
		return ok && x == y
	case LocalTime:
		y, ok := b.(LocalTime)
		return ok && x == y
	case Time:
		y, ok := b.(Time)
		return ok && x == y
	case LocalDateTime:
		y, ok := b.(LocalDateTime)
		return ok && x == y
	case DateTime:
		y, ok := b.(DateTime)
		return ok && x.sec == y.sec && x.nano == y.nano && x.zone.Equal(y.zone)
	case Duration:
		y, ok := b.(Duration)
		return ok && x == y
	}
	return false
}

func cmp64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Compare orders two instants of the same type: ok is false for
// different types and for durations, which have no order in Cypher's
// comparisons. Times and DateTimes order by instant, then by local time
// (so by offset), then DateTimes by zone name.
func Compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case Date:
		if y, ok := b.(Date); ok {
			return cmp64(x.days, y.days), true
		}
	case LocalTime:
		if y, ok := b.(LocalTime); ok {
			return cmp64(x.nanos, y.nanos), true
		}
	case Time:
		if y, ok := b.(Time); ok {
			if c := cmp64(x.utcNanos(), y.utcNanos()); c != 0 {
				return c, true
			}
			return cmp64(x.local.nanos, y.local.nanos), true
		}
	case LocalDateTime:
		if y, ok := b.(LocalDateTime); ok {
			if c := cmp64(x.date.days, y.date.days); c != 0 {
				return c, true
			}
			return cmp64(x.time.nanos, y.time.nanos), true
		}
	case DateTime:
		if y, ok := b.(DateTime); ok {
			if c := cmp64(x.sec, y.sec); c != 0 {
				return c, true
			}
			if c := cmp64(int64(x.nano), int64(y.nano)); c != 0 {
				return c, true
			}
			if c := cmp64(x.localSeconds(), y.localSeconds()); c != 0 {
				return c, true
			}
			return strings.Compare(x.zone.Name(), y.zone.Name()), true
		}
	}
	return 0, false
}

// Order is a total order over values of one temporal type, for ORDER BY:
// Compare's, and for durations their approximate length, then their
// components.
func Order(a, b any) int {
	if x, ok := a.(Duration); ok {
		y := b.(Duration)
		la, lb := x.approxSeconds(), y.approxSeconds()
		switch {
		case la < lb:
			return -1
		case la > lb:
			return 1
		}
		for _, c := range [4]int{cmp64(x.months, y.months), cmp64(x.days, y.days), cmp64(x.seconds, y.seconds), cmp64(int64(x.nanos), int64(y.nanos))} {
			if c != 0 {
				return c
			}
		}
		return 0
	}
	c, _ := Compare(a, b)
	return c
}

// AppendKey writes a key that is the same for two values exactly when
// Equal holds, for grouping and DISTINCT.
func AppendKey(b []byte, v any) []byte {
	switch x := v.(type) {
	case Date:
		b = append(b, "tD"...)
		return strconv.AppendInt(b, x.days, 10)
	case LocalTime:
		b = append(b, "tL"...)
		return strconv.AppendInt(b, x.nanos, 10)
	case Time:
		b = append(b, "tT"...)
		b = strconv.AppendInt(b, x.local.nanos, 10)
		b = append(b, '@')
		return strconv.AppendInt(b, int64(x.offset), 10)
	case LocalDateTime:
		b = append(b, "tl"...)
		b = strconv.AppendInt(b, x.date.days, 10)
		b = append(b, ',')
		return strconv.AppendInt(b, x.time.nanos, 10)
	case DateTime:
		b = append(b, "tZ"...)
		b = strconv.AppendInt(b, x.sec, 10)
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(x.nano), 10)
		b = append(b, '@')
		return append(b, x.zone.Name()...)
	case Duration:
		b = append(b, "tP"...)
		for _, n := range [4]int64{x.months, x.days, x.seconds, int64(x.nanos)} {
			b = strconv.AppendInt(b, n, 10)
			b = append(b, ',')
		}
		return b
	}
	return b
}

// TypeName is Neo4j's name of v's type, or "" when v is not temporal.
func TypeName(v any) string {
	switch v.(type) {
	case Date:
		return "Date"
	case LocalTime:
		return "LocalTime"
	case Time:
		return "Time"
	case LocalDateTime:
		return "LocalDateTime"
	case DateTime:
		return "DateTime"
	case Duration:
		return "Duration"
	}
	return ""
}

// Is reports whether v is a temporal value (a Duration included).
func Is(v any) bool { return TypeName(v) != "" }

// String writes any temporal value as Neo4j's toString does.
func String(v any) string {
	switch x := v.(type) {
	case Date:
		return x.String()
	case LocalTime:
		return x.String()
	case Time:
		return x.String()
	case LocalDateTime:
		return x.String()
	case DateTime:
		return x.String()
	case Duration:
		return x.String()
	}
	return ""
}

// --- accessors ------------------------------------------------------------

// Get returns a component of an instant by Neo4j's name for it, matched
// without regard to case: year, quarter, month, week, weekYear, day,
// ordinalDay, dayOfWeek (weekDay), dayOfQuarter, hour, minute, second,
// millisecond, microsecond, nanosecond, timezone, offset, offsetMinutes,
// offsetSeconds, epochSeconds, epochMillis; for a Duration see
// Duration.Get. ok is false when v has no such component.
func Get(v any, field string) (any, bool) {
	f := lower(field)
	if d, ok := v.(Duration); ok {
		n, ok := d.Get(f)
		return n, ok
	}
	p, ok := pointOf(v)
	if !ok {
		return nil, false
	}
	_, isLocalTime := v.(LocalTime)
	_, isTime := v.(Time)
	hasTime := !isDate(v)
	if p.hasDate {
		y, m, d := civilFromDays(p.date)
		switch f {
		case "year":
			return y, true
		case "quarter":
			return int64(quarterOf(m)), true
		case "month":
			return int64(m), true
		case "week":
			_, w := weekDate(p.date)
			return int64(w), true
		case "weekyear":
			wy, _ := weekDate(p.date)
			return wy, true
		case "day":
			return int64(d), true
		case "ordinalday":
			return p.date - daysFromCivil(y, 1, 1) + 1, true
		case "dayofweek", "weekday":
			return int64(isoDayOfWeek(p.date)), true
		case "dayofquarter":
			return int64(dayOfQuarter(p.date)), true
		}
	}
	if hasTime || isLocalTime || isTime {
		h, mi, s, ns := LocalTime{p.nanos}.HMSN()
		switch f {
		case "hour":
			return h, true
		case "minute":
			return mi, true
		case "second":
			return s, true
		case "millisecond":
			return ns / 1_000_000, true
		case "microsecond":
			return ns / 1000, true
		case "nanosecond":
			return ns, true
		}
	}
	if p.hasZone {
		var off int32
		zoneName := ""
		if p.inst != nil {
			off = p.inst.zone.offsetAt(p.inst.sec)
			zoneName = p.inst.zone.Name()
			switch f {
			case "epochseconds":
				return p.inst.sec, true
			case "epochmillis":
				return p.inst.sec*1000 + int64(p.inst.nano)/1_000_000, true
			}
		} else {
			off = p.zone.offset
			zoneName = offsetString(off)
		}
		switch f {
		case "timezone":
			return zoneName, true
		case "offset":
			return offsetString(off), true
		case "offsetminutes":
			return int64(off / 60), true
		case "offsetseconds":
			return int64(off), true
		}
	}
	return nil, false
}

func isDate(v any) bool { _, ok := v.(Date); return ok }
