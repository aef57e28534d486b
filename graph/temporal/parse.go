package temporal

import (
	"math"
	"strings"
)

// Parsing follows Neo4j's formats, which are ISO 8601's, in the extended
// (2015-07-21, 21:40:32) and basic (20150721, 214032) forms:
//
//	date      YYYY | YYYY-MM | YYYYMM | YYYY-MM-DD | YYYYMMDD
//	          | YYYY-Www | YYYYWww | YYYY-Www-D | YYYYWwwD
//	          | YYYY-Qq | YYYY-Qq-DD | YYYY-DDD | YYYYDDD
//	          (a year beyond 0000-9999 carries a sign: +12345, -0033)
//	time      HH | HH:MM | HHMM | HH:MM:SS | HHMMSS, then .fffffffff
//	offset    Z | ±HH | ±HHMM | ±HH:MM
//	datetime  date T time [offset] [[Zone/Name]]
//	duration  PnYnMnWnDTnHnMnS (any number may be negative or have a
//	          fraction) | PYYYY-MM-DDTHH:MM:SS.fff, optionally signed
//
// These are hand-written scanners rather than regular expressions: a
// query may parse a date for every relationship of a large graph.

// scanner reads a string left to right.
type scanner struct {
	s string
	i int
}

func (sc *scanner) done() bool { return sc.i >= len(sc.s) }

func (sc *scanner) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

func (sc *scanner) accept(c byte) bool {
	if sc.peek() == c && c != 0 {
		sc.i++
		return true
	}
	return false
}

// digits reads between min and max digits; ok is false when fewer than
// min are there.
func (sc *scanner) digits(min, max int) (n int64, count int, ok bool) {
	for count < max && sc.i < len(sc.s) && sc.s[sc.i] >= '0' && sc.s[sc.i] <= '9' {
		n = n*10 + int64(sc.s[sc.i]-'0')
		sc.i++
		count++
	}
	return n, count, count >= min
}

// digitRun counts the digits from the current position without reading.
func (sc *scanner) digitRun() int {
	j := sc.i
	for j < len(sc.s) && sc.s[j] >= '0' && sc.s[j] <= '9' {
		j++
	}
	return j - sc.i
}

// ParseDate parses a date; see the formats above.
func ParseDate(s string) (Date, error) {
	sc := &scanner{s: s}
	d, err := sc.date()
	if err != nil {
		return Date{}, err
	}
	if !sc.done() {
		return Date{}, textErr("Date", s)
	}
	return d, nil
}

func (sc *scanner) year() (int64, bool) {
	neg := false
	switch {
	case sc.accept('+'):
	case sc.accept('-'):
		neg = true
	default:
		y, _, ok := sc.digits(4, 4)
		return y, ok
	}
	y, _, ok := sc.digits(1, 9)
	if neg {
		y = -y
	}
	return y, ok
}

func (sc *scanner) date() (Date, error) {
	fail := func() (Date, error) { return Date{}, textErr("Date", sc.s) }
	y, ok := sc.year()
	if !ok {
		return fail()
	}
	if sc.done() || sc.peek() == 'T' {
		return DateOf(y, 1, 1)
	}
	long := sc.accept('-')
	switch {
	case sc.accept('W'):
		w, _, ok := sc.digits(2, 2)
		if !ok {
			return fail()
		}
		dow := int64(1)
		if !long || sc.accept('-') {
			if n, c, _ := sc.digits(1, 1); c == 1 {
				dow = n
			} else if long {
				return fail()
			}
		}
		return WeekDate(y, w, dow)
	case sc.accept('Q'):
		q, _, ok := sc.digits(1, 1)
		if !ok {
			return fail()
		}
		doq := int64(1)
		if !long || sc.accept('-') {
			if n, c, _ := sc.digits(2, 2); c == 2 {
				doq = n
			} else if long {
				return fail()
			}
		}
		return QuarterDate(y, q, doq)
	}
	run := sc.digitRun()
	if !long {
		switch run {
		case 2, 4:
			m, _, _ := sc.digits(2, 2)
			d := int64(1)
			if run == 4 {
				d, _, _ = sc.digits(2, 2)
			}
			return DateOf(y, int(m), int(d))
		case 3:
			od, _, _ := sc.digits(3, 3)
			return OrdinalDate(y, od)
		}
		return fail()
	}
	if run == 3 {
		od, _, _ := sc.digits(3, 3)
		return OrdinalDate(y, od)
	}
	m, _, ok := sc.digits(1, 2)
	if !ok {
		return fail()
	}
	d := int64(1)
	if sc.accept('-') {
		if d, _, ok = sc.digits(1, 2); !ok {
			return fail()
		}
	}
	if m > 12 {
		return Date{}, &Error{Text: true, Msg: "Invalid value for MonthOfYear (valid values 1 - 12): " + itoa(m)}
	}
	dt, err := DateOf(y, int(m), int(d))
	if e, ok := err.(*Error); ok {
		e.Text = true
	}
	return dt, err
}

// WeekDate returns the date of ISO week w of week-based year y, day dow
// (1 Monday to 7 Sunday).
func WeekDate(y, w, dow int64) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, argErr("Invalid value for WeekBasedYear: %d", y)
	}
	if w < 1 || w > int64(weeksInYear(y)) {
		return Date{}, argErr("Invalid value for WeekOfWeekBasedYear (valid values 1 - %d): %d", weeksInYear(y), w)
	}
	if dow < 1 || dow > 7 {
		return Date{}, argErr("Invalid value for DayOfWeek (valid values 1 - 7): %d", dow)
	}
	return DateFromEpochDay(mondayOfWeek1(y) + (w-1)*7 + dow - 1)
}

// OrdinalDate returns day od (1-based) of year y.
func OrdinalDate(y, od int64) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, argErr("Invalid value for Year: %d", y)
	}
	if od < 1 || od > int64(daysInYear(y)) {
		return Date{}, argErr("Invalid value for DayOfYear (valid values 1 - 365/366): %d", od)
	}
	return Date{daysFromCivil(y, 1, 1) + od - 1}, nil
}

// QuarterDate returns day doq (1-based) of quarter q of year y.
func QuarterDate(y, q, doq int64) (Date, error) {
	if y < MinYear || y > MaxYear {
		return Date{}, argErr("Invalid value for Year: %d", y)
	}
	if q < 1 || q > 4 {
		return Date{}, argErr("Invalid value for QuarterOfYear (valid values 1 - 4): %d", q)
	}
	if doq < 1 || doq > int64(daysInQuarter(y, int(q))) {
		return Date{}, argErr("Invalid value for DayOfQuarter (valid values 1 - 90/91/92): %d", doq)
	}
	return Date{daysFromCivil(y, int(q-1)*3+1, 1) + doq - 1}, nil
}

// ParseLocalTime parses a time of day without an offset.
func ParseLocalTime(s string) (LocalTime, error) {
	sc := &scanner{s: s}
	t, err := sc.localTime("LocalTime")
	if err != nil {
		return LocalTime{}, err
	}
	if !sc.done() {
		return LocalTime{}, textErr("LocalTime", s)
	}
	return t, nil
}

func (sc *scanner) localTime(kind string) (LocalTime, error) {
	fail := func() (LocalTime, error) { return LocalTime{}, textErr(kind, sc.s) }
	run := sc.digitRun()
	var h, m, s, ns int64
	switch {
	case run == 1 || run == 2 && sc.i+2 < len(sc.s) && sc.s[sc.i+2] == ':':
		// Extended form: HH:MM:SS.
		h, _, _ = sc.digits(1, 2)
		if sc.accept(':') {
			var ok bool
			if m, _, ok = sc.digits(2, 2); !ok {
				return fail()
			}
			if sc.accept(':') {
				if s, _, ok = sc.digits(2, 2); !ok {
					return fail()
				}
				if ns, ok = sc.fraction(); !ok {
					return fail()
				}
			}
		}
	case run == 2 || run == 4 || run == 6:
		h, _, _ = sc.digits(2, 2)
		if run >= 4 {
			m, _, _ = sc.digits(2, 2)
		}
		if run == 6 {
			s, _, _ = sc.digits(2, 2)
			var ok bool
			if ns, ok = sc.fraction(); !ok {
				return fail()
			}
		}
	default:
		return fail()
	}
	t, err := LocalTimeOf(h, m, s, ns)
	if e, ok := err.(*Error); ok {
		e.Text = true
	}
	return t, err
}

// fraction reads an optional .fffffffff (or ,fff) as nanoseconds.
func (sc *scanner) fraction() (int64, bool) {
	if !sc.accept('.') && !sc.accept(',') {
		return 0, true
	}
	n, c, ok := sc.digits(1, 9)
	if !ok {
		return 0, false
	}
	for ; c < 9; c++ {
		n *= 10
	}
	return n, true
}

// offset reads an optional UTC offset; has is false when there is none.
func (sc *scanner) offset() (off int, has, ok bool) {
	if sc.accept('Z') || sc.accept('z') {
		return 0, true, true
	}
	sign := 1
	switch {
	case sc.accept('+'):
	case sc.accept('-'):
		sign = -1
	default:
		return 0, false, true
	}
	h, _, ok := sc.digits(2, 2)
	if !ok {
		return 0, true, false
	}
	var m int64
	if sc.accept(':') {
		if m, _, ok = sc.digits(2, 2); !ok {
			return 0, true, false
		}
	} else if sc.digitRun() == 2 {
		m, _, _ = sc.digits(2, 2)
	}
	if h > 18 || m > 59 || h == 18 && m > 0 {
		return 0, true, false
	}
	return sign * int(h*3600+m*60), true, true
}

// ParseTime parses a time of day with an optional offset; def is the zone
// of a time without one.
func ParseTime(s string, def Zone, now int64) (Time, error) {
	sc := &scanner{s: s}
	lt, err := sc.localTime("Time")
	if err != nil {
		return Time{}, err
	}
	off, has, ok := sc.offset()
	if !ok || !sc.done() {
		return Time{}, textErr("Time", s)
	}
	if !has {
		off = int(def.offsetAt(now))
	}
	return TimeOf(lt, off)
}

// ParseLocalDateTime parses a date, optionally followed by T and a time.
func ParseLocalDateTime(s string) (LocalDateTime, error) {
	sc := &scanner{s: s}
	ldt, err := sc.localDateTime("LocalDateTime")
	if err != nil {
		return LocalDateTime{}, err
	}
	if !sc.done() {
		return LocalDateTime{}, textErr("LocalDateTime", s)
	}
	return ldt, nil
}

func (sc *scanner) localDateTime(kind string) (LocalDateTime, error) {
	d, err := sc.date()
	if err != nil {
		if e, ok := err.(*Error); ok && e.Text && strings.HasPrefix(e.Msg, "Text cannot") {
			return LocalDateTime{}, textErr(kind, sc.s)
		}
		return LocalDateTime{}, err
	}
	var t LocalTime
	if sc.accept('T') || sc.accept('t') {
		if t, err = sc.localTime(kind); err != nil {
			return LocalDateTime{}, err
		}
	}
	return LocalDateTime{d, t}, nil
}

// ParseDateTime parses a date and time with an optional offset and an
// optional zone name in brackets; def is the zone of one with neither.
func ParseDateTime(s string, def Zone, zones *Zones) (DateTime, error) {
	sc := &scanner{s: s}
	ldt, err := sc.localDateTime("DateTime")
	if err != nil {
		return DateTime{}, err
	}
	off, hasOff, ok := sc.offset()
	if !ok {
		return DateTime{}, textErr("DateTime", s)
	}
	zone := def
	var preferred *int32
	if hasOff {
		if zone, err = FixedZone(off); err != nil {
			return DateTime{}, err
		}
		o := int32(off)
		preferred = &o
	}
	if sc.accept('[') {
		end := strings.IndexByte(sc.s[sc.i:], ']')
		if end < 0 || sc.i+end+1 != len(sc.s) {
			return DateTime{}, textErr("DateTime", s)
		}
		name := sc.s[sc.i : sc.i+end]
		sc.i += end + 1
		if zone, err = zones.Zone(name); err != nil {
			return DateTime{}, err
		}
	}
	if !sc.done() {
		return DateTime{}, textErr("DateTime", s)
	}
	dt, err := dateTimeOf(ldt, zone, preferred)
	if err == nil && preferred != nil && zone.loc != nil && (dt.zone.offsetAt(dt.sec) != *preferred || dt.Local() != ldt) {
		return DateTime{}, argErr("Timezone and offset do not match: %s", s)
	}
	return dt, err
}

// ParseDuration parses a duration; see the formats above.
func ParseDuration(s string) (Duration, error) {
	fail := func() (Duration, error) { return Duration{}, textErr("Duration", s) }
	sc := &scanner{s: s}
	neg := false
	if sc.accept('-') {
		neg = true
	} else {
		sc.accept('+')
	}
	if !sc.accept('P') && !sc.accept('p') {
		return fail()
	}
	var d Duration
	var err error
	if run := sc.digitRun(); run == 4 && sc.i+4 < len(sc.s) && sc.s[sc.i+4] == '-' {
		d, err = sc.dateBasedDuration()
	} else {
		d, err = sc.unitDuration()
	}
	if err != nil || !sc.done() {
		return fail()
	}
	if neg {
		return d.Neg()
	}
	return d, nil
}

// dateBasedDuration reads the alternative form YYYY-MM-DDTHH:MM:SS.fff.
func (sc *scanner) dateBasedDuration() (Duration, error) {
	bad := &Error{Text: true}
	y, _, _ := sc.digits(4, 4)
	var mo, d, h, mi, s, ns int64
	ok := sc.accept('-')
	if ok {
		mo, _, ok = sc.digits(2, 2)
	}
	if ok && sc.accept('-') {
		d, _, ok = sc.digits(2, 2)
	}
	if ok && sc.accept('T') {
		h, _, ok = sc.digits(2, 2)
		if ok && sc.accept(':') {
			mi, _, ok = sc.digits(2, 2)
			if ok && sc.accept(':') {
				s, _, ok = sc.digits(2, 2)
				if ok {
					ns, ok = sc.fraction()
				}
			}
		}
	}
	if !ok {
		return Duration{}, bad
	}
	return NewDuration(y*12+mo, d, h*3600+mi*60+s, ns)
}

// unitDuration reads nYnMnWnD[TnHnMnS].
func (sc *scanner) unitDuration() (Duration, error) {
	bad := &Error{Text: true}
	type num struct {
		whole    int64
		frac     float64 // the fraction, with the sign of whole
		hasFrac  bool
		fracNano int64 // the fraction in nanoseconds (seconds only)
	}
	read := func() (num, bool) {
		var n num
		neg := false
		if sc.accept('-') {
			neg = true
		} else {
			sc.accept('+')
		}
		w, c, _ := sc.digits(1, 18)
		if c == 0 || sc.digitRun() > 0 {
			return n, false
		}
		n.whole = w
		if sc.accept('.') || sc.accept(',') {
			fr, c, ok := sc.digits(1, 9)
			if !ok || sc.digitRun() > 0 {
				return n, false
			}
			n.hasFrac = true
			n.frac = float64(fr) / math.Pow10(c)
			for ; c < 9; c++ {
				fr *= 10
			}
			n.fracNano = fr
		}
		if neg {
			n.whole, n.frac, n.fracNano = -n.whole, -n.frac, -n.fracNano
		}
		return n, true
	}
	var vals [7]num // Y M W D H M S
	var seen [7]bool
	units := "YMWD"
	any := false
	part := func(units string, offset int) bool {
		next := 0
		for !sc.done() && sc.peek() != 'T' && sc.peek() != 't' {
			n, ok := read()
			if !ok {
				return false
			}
			u := sc.peek()
			if u >= 'a' && u <= 'z' {
				u -= 'a' - 'A'
			}
			k := strings.IndexByte(units[next:], u)
			if k < 0 {
				return false
			}
			sc.i++
			next += k + 1
			vals[offset+next-1], seen[offset+next-1] = n, true
			any = true
		}
		return true
	}
	if !part(units, 0) {
		return Duration{}, bad
	}
	if sc.accept('T') || sc.accept('t') {
		before := any
		any = false
		if !part("HMS", 4) || !any {
			return Duration{}, bad
		}
		any = any || before
	}
	if !any {
		return Duration{}, bad
	}
	approx := false
	for i := 0; i < 6; i++ {
		if vals[i].hasFrac {
			approx = true
		}
	}
	if approx {
		f := func(i int) float64 { return float64(vals[i].whole) + vals[i].frac }
		return Approximate(f(0)*12+f(1), f(2)*7+f(3), f(4)*3600+f(5)*60+f(6), 0)
	}
	months, err := addMul(vals[0].whole, 12, vals[1].whole)
	if err != nil {
		return Duration{}, err
	}
	days, err := addMul(vals[2].whole, 7, vals[3].whole)
	if err != nil {
		return Duration{}, err
	}
	secs, err := addMul(vals[4].whole, 3600, vals[6].whole)
	if err == nil {
		secs, err = addMul(vals[5].whole, 60, secs)
	}
	if err != nil {
		return Duration{}, err
	}
	return NewDuration(months, days, secs, vals[6].fracNano)
}

func itoa(n int64) string {
	return string(appendInt(nil, n))
}
