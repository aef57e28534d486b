package temporal

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Context holds what building a temporal value may need besides its
// argument: the statement's clock (date() and friends return the same
// value throughout a statement, as in Neo4j), the default time zone
// (Neo4j's db.temporal.timezone, UTC unless configured) and a cache of
// named zones. One query owns one Context.
type Context struct {
	Now   time.Time
	Zone  Zone
	Zones Zones
}

// fields reads a Cypher map of temporal fields. Names match without regard
// to case; every name must be known to the constructor reading the map.
type fields struct {
	m    map[string]any
	keys map[string]string // lower-cased name → name as given
}

func newFields(m map[string]any, allowed string) (*fields, error) {
	f := &fields{m: m, keys: make(map[string]string, len(m))}
	ok := map[string]bool{}
	for _, a := range strings.Fields(allowed) {
		ok[a] = true
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		l := lower(k)
		if !ok[l] {
			return nil, argErr("No such field: %s", k)
		}
		if _, dup := f.keys[l]; dup {
			return nil, argErr("Field %s given twice", k)
		}
		f.keys[l] = k
	}
	return f, nil
}

func (f *fields) has(name string) bool {
	k, ok := f.keys[name]
	return ok && f.m[k] != nil
}

func (f *fields) get(name string) any {
	if k, ok := f.keys[name]; ok {
		return f.m[k]
	}
	return nil
}

// int reads an integer field; has is false when it is absent or null.
func (f *fields) int(name string) (n int64, has bool, err error) {
	v := f.get(name)
	switch x := v.(type) {
	case nil:
		return 0, false, nil
	case int64:
		return x, true, nil
	case float64:
		if x == float64(int64(x)) {
			return int64(x), true, nil
		}
	}
	return 0, false, argErr("%s must be an integer, got %v", f.keys[name], v)
}

const (
	dateFields = "year quarter month week weekyear ordinalday dayofquarter day dayofmonth dayofweek weekday"
	timeFields = "hour minute second millisecond microsecond nanosecond"
)

// date builds the date part from the fields over base (nil: none). It
// returns has=false when there is neither a date field nor a base.
func (f *fields) date(base *Date) (Date, bool, error) {
	var v [9]int64
	var h [9]bool
	for i, name := range [...]string{"year", "month", "day", "week", "dayofweek", "ordinalday", "quarter", "dayofquarter", "weekyear"} {
		var err error
		if v[i], h[i], err = f.int(name); err != nil {
			return Date{}, false, err
		}
	}
	if n, has, err := f.int("dayofmonth"); err != nil {
		return Date{}, false, err
	} else if has {
		v[2], h[2] = n, true
	}
	if n, has, err := f.int("weekday"); err != nil {
		return Date{}, false, err
	} else if has {
		v[4], h[4] = n, true
	}
	const (
		year = iota
		month
		day
		week
		dow
		ordinal
		quarter
		doq
		weekYear
	)
	if h[weekYear] {
		v[year], h[year] = v[weekYear], true
	}
	any := false
	for _, x := range h {
		any = any || x
	}
	if !any {
		if base == nil {
			return Date{}, false, nil
		}
		return *base, true, nil
	}
	conflict := func(names ...int) bool {
		n := 0
		for _, x := range names {
			if h[x] {
				n++
			}
		}
		return n > 0
	}
	var by, bm, bd int64
	if base != nil {
		y, m, d := civilFromDays(base.days)
		by, bm, bd = y, int64(m), int64(d)
	}
	pickYear := func(def int64) (int64, error) {
		if h[year] {
			return v[year], nil
		}
		if base == nil {
			return 0, argErr("year must be given to build a date")
		}
		return def, nil
	}
	switch {
	case h[week] || h[dow]:
		if conflict(month, day, ordinal, quarter, doq) {
			return Date{}, false, argErr("Cannot mix week fields with month, day, ordinalDay or quarter fields")
		}
		var bwy, bw, bdow int64 = 0, 0, 1
		if base != nil {
			wy, w := weekDate(base.days)
			bwy, bw, bdow = wy, int64(w), int64(isoDayOfWeek(base.days))
		}
		y, err := pickYear(bwy)
		if err != nil {
			return Date{}, false, err
		}
		w := bw
		if h[week] {
			w = v[week]
		} else if base == nil {
			return Date{}, false, argErr("dayOfWeek cannot be given without week")
		}
		d := bdow
		if h[dow] {
			d = v[dow]
		}
		dt, err := WeekDate(y, w, d)
		return dt, true, err
	case h[ordinal]:
		if conflict(month, day, quarter, doq) {
			return Date{}, false, argErr("Cannot mix ordinalDay with month, day or quarter fields")
		}
		y, err := pickYear(by)
		if err != nil {
			return Date{}, false, err
		}
		dt, err := OrdinalDate(y, v[ordinal])
		return dt, true, err
	case h[quarter] || h[doq]:
		if conflict(month, day) {
			return Date{}, false, argErr("Cannot mix quarter fields with month or day")
		}
		y, err := pickYear(by)
		if err != nil {
			return Date{}, false, err
		}
		var bq, bdoq int64 = 1, 1
		if base != nil {
			bq, bdoq = int64(quarterOf(int(bm))), int64(dayOfQuarter(base.days))
		}
		q := bq
		if h[quarter] {
			q = v[quarter]
		} else if base == nil {
			return Date{}, false, argErr("dayOfQuarter cannot be given without quarter")
		}
		d := bdoq
		if h[doq] {
			d = v[doq]
		}
		dt, err := QuarterDate(y, q, d)
		return dt, true, err
	}
	y, err := pickYear(by)
	if err != nil {
		return Date{}, false, err
	}
	m, d := int64(1), int64(1)
	if base != nil {
		m, d = bm, bd
	}
	if h[month] {
		m = v[month]
	} else if h[day] && base == nil {
		return Date{}, false, argErr("day cannot be given without month")
	}
	if h[day] {
		d = v[day]
	} else if base != nil && m >= 1 && m <= 12 {
		// A base's day of month, clamped as Java's withMonth/withYear do.
		d = min(d, int64(daysInMonth(y, int(m))))
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		_, err := DateOf(y, int(max(min(m, 13), 0)), int(max(min(d, 32), 0)))
		return Date{}, false, err
	}
	dt, err := DateOf(y, int(m), int(d))
	return dt, true, err
}

// localTime builds the time part from the fields over base (nil: none).
func (f *fields) localTime(base *LocalTime) (LocalTime, bool, error) {
	var v [6]int64
	var h [6]bool
	for i, name := range [...]string{"hour", "minute", "second", "millisecond", "microsecond", "nanosecond"} {
		var err error
		if v[i], h[i], err = f.int(name); err != nil {
			return LocalTime{}, false, err
		}
	}
	any := false
	for _, x := range h {
		any = any || x
	}
	if !any {
		if base == nil {
			return LocalTime{}, false, nil
		}
		return *base, true, nil
	}
	var bh, bm, bs, bns int64
	if base != nil {
		bh, bm, bs, bns = base.HMSN()
	} else {
		// Neo4j builds times from the largest unit down: no gaps.
		for i := 1; i < 3; i++ {
			if h[i] && !h[i-1] {
				return LocalTime{}, false, argErr("%s cannot be given without %s", []string{"hour", "minute", "second"}[i], []string{"hour", "minute", "second"}[i-1])
			}
		}
		if (h[3] || h[4] || h[5]) && !h[2] {
			return LocalTime{}, false, argErr("sub-second fields cannot be given without second")
		}
	}
	pick := func(i int, def int64) int64 {
		if h[i] {
			return v[i]
		}
		return def
	}
	ns := bns
	if h[3] || h[4] || h[5] {
		ms, us, n := v[3], v[4], v[5]
		switch {
		case h[3] && (ms < 0 || ms > 999):
			return LocalTime{}, false, argErr("Invalid value for MilliOfSecond (valid values 0 - 999): %d", ms)
		case h[4] && (us < 0 || h[3] && us > 999 || us > 999_999):
			return LocalTime{}, false, argErr("Invalid value for MicroOfSecond: %d", us)
		case h[5] && (n < 0 || (h[3] || h[4]) && n > 999 || n > 999_999_999):
			return LocalTime{}, false, argErr("Invalid value for NanoOfSecond: %d", n)
		}
		ns = ms*1_000_000 + us*1000 + n
		if ns > 999_999_999 {
			return LocalTime{}, false, argErr("Invalid value for NanoOfSecond: %d", ns)
		}
	}
	t, err := LocalTimeOf(pick(0, bh), pick(1, bm), pick(2, bs), ns)
	return t, true, err
}

// zoneField reads the timezone field.
func (c *Context) zoneField(f *fields) (Zone, bool, error) {
	v := f.get("timezone")
	if v == nil {
		return Zone{}, false, nil
	}
	s, ok := v.(string)
	if !ok {
		return Zone{}, false, argErr("timezone must be a string, got %v", v)
	}
	z, err := c.Zones.Zone(s)
	return z, err == nil, err
}

// now returns the statement's clock in zone z.
func (c *Context) now(z Zone) DateTime {
	dt, _ := DateTimeFromEpoch(c.Now.Unix(), int64(c.Now.Nanosecond()), z)
	return dt
}

// baseOf reads a base value field (date, time or datetime) and checks its
// type.
func baseOf(f *fields, name string) (any, error) {
	v := f.get(name)
	if v == nil {
		return nil, nil
	}
	p, ok := pointOf(v)
	switch {
	case !ok:
		return nil, argErr("%s must be a temporal value, got %v", name, v)
	case name == "date" && !p.hasDate:
		return nil, argErr("Cannot get the date of: %s", String(v))
	case name == "time" && isDate(v):
		return nil, argErr("Cannot get the time of: %s", String(v))
	case name == "datetime" && !p.hasDate:
		return nil, argErr("Cannot get the date and time of: %s", String(v))
	}
	return v, nil
}

func datePart(v any) *Date {
	if v == nil {
		return nil
	}
	p, _ := pointOf(v)
	if !p.hasDate {
		return nil
	}
	return &Date{p.date}
}

func timePart(v any) *LocalTime {
	if v == nil {
		return nil
	}
	p, _ := pointOf(v)
	if isDate(v) {
		return nil
	}
	return &LocalTime{p.nanos}
}

// zoneOf returns the zone of a Time or DateTime (a Time's offset as a
// fixed zone) and whether v has one.
func zoneOf(v any) (Zone, *int32, bool) {
	switch x := v.(type) {
	case Time:
		return Zone{offset: x.offset}, &x.offset, true
	case DateTime:
		off := x.zone.offsetAt(x.sec)
		return x.zone, &off, true
	}
	return Zone{}, nil, false
}

// --- the constructors -----------------------------------------------------

// Date is date(arg): arg nil is today; a string is parsed; a map is built
// from fields; a temporal value gives its date.
func (c *Context) Date(arg any) (Date, error) {
	switch x := arg.(type) {
	case nil:
		return c.now(c.Zone).Local().date, nil
	case string:
		return ParseDate(x)
	case map[string]any:
		f, err := newFields(x, dateFields+" date timezone")
		if err != nil {
			return Date{}, err
		}
		if z, has, err := c.zoneField(f); err != nil {
			return Date{}, err
		} else if has {
			if len(x) != 1 {
				return Date{}, argErr("Cannot assign time zone if also assigning other fields")
			}
			return c.now(z).Local().date, nil
		}
		base, err := baseOf(f, "date")
		if err != nil {
			return Date{}, err
		}
		d, has, err := f.date(datePart(base))
		if err == nil && !has {
			err = argErr("year must be given to build a date")
		}
		return d, err
	}
	if p, ok := pointOf(arg); ok && p.hasDate {
		return Date{p.date}, nil
	}
	return Date{}, selectErr("Date", arg)
}

func selectErr(kind string, arg any) error {
	if s := String(arg); s != "" {
		return argErr("Cannot construct %s from: %s", kind, s)
	}
	return argErr("Cannot construct %s from %T", kind, arg)
}

// LocalTime is localtime(arg); see Date.
func (c *Context) LocalTime(arg any) (LocalTime, error) {
	switch x := arg.(type) {
	case nil:
		return c.now(c.Zone).Local().time, nil
	case string:
		return ParseLocalTime(x)
	case map[string]any:
		f, err := newFields(x, timeFields+" time timezone")
		if err != nil {
			return LocalTime{}, err
		}
		if z, has, err := c.zoneField(f); err != nil {
			return LocalTime{}, err
		} else if has {
			if len(x) != 1 {
				return LocalTime{}, argErr("Cannot assign time zone if also assigning other fields")
			}
			return c.now(z).Local().time, nil
		}
		base, err := baseOf(f, "time")
		if err != nil {
			return LocalTime{}, err
		}
		t, _, err := f.localTime(timePart(base))
		return t, err
	}
	if p, ok := pointOf(arg); ok && !isDate(arg) {
		return LocalTime{p.nanos}, nil
	}
	return LocalTime{}, selectErr("LocalTime", arg)
}

// Time is time(arg); see Date. A time without an offset takes the default
// zone's; with a timezone field, a base that has an offset is moved to it.
func (c *Context) Time(arg any) (Time, error) {
	switch x := arg.(type) {
	case nil:
		return c.now(c.Zone).Time(), nil
	case string:
		return ParseTime(x, c.Zone, c.Now.Unix())
	case map[string]any:
		f, err := newFields(x, timeFields+" time timezone")
		if err != nil {
			return Time{}, err
		}
		z, hasZone, err := c.zoneField(f)
		if err != nil {
			return Time{}, err
		}
		if hasZone && len(x) == 1 {
			return c.now(z).Time(), nil
		}
		base, err := baseOf(f, "time")
		if err != nil {
			return Time{}, err
		}
		lt, _, err := f.localTime(timePart(base))
		if err != nil {
			return Time{}, err
		}
		if bz, _, ok := zoneOf(base); ok {
			// The base's offset, at the base's instant for a DateTime.
			off := bz.offset
			if dt, isDT := base.(DateTime); isDT {
				off = dt.zone.offsetAt(dt.sec)
			}
			t := Time{lt, off}
			if hasZone {
				to := z.offsetAt(c.Now.Unix())
				return Time{LocalTime{floorMod(t.utcNanos()+int64(to)*nanosPerSecond, nanosPerDay)}, to}, nil
			}
			return t, nil
		}
		if !hasZone {
			z = c.Zone
		}
		return TimeOf(lt, int(z.offsetAt(c.Now.Unix())))
	}
	switch x := arg.(type) {
	case Time:
		return x, nil
	case DateTime:
		return x.Time(), nil
	case LocalTime:
		return TimeOf(x, int(c.Zone.offsetAt(c.Now.Unix())))
	case LocalDateTime:
		return TimeOf(x.time, int(c.Zone.offsetAt(c.Now.Unix())))
	}
	return Time{}, selectErr("Time", arg)
}

// LocalDateTime is localdatetime(arg); see Date.
func (c *Context) LocalDateTime(arg any) (LocalDateTime, error) {
	switch x := arg.(type) {
	case nil:
		return c.now(c.Zone).Local(), nil
	case string:
		return ParseLocalDateTime(x)
	case map[string]any:
		f, err := newFields(x, dateFields+" "+timeFields+" date time datetime timezone")
		if err != nil {
			return LocalDateTime{}, err
		}
		if z, has, err := c.zoneField(f); err != nil {
			return LocalDateTime{}, err
		} else if has {
			if len(x) != 1 {
				return LocalDateTime{}, argErr("Cannot assign time zone if also assigning other fields")
			}
			return c.now(z).Local(), nil
		}
		return c.localParts(f)
	}
	switch x := arg.(type) {
	case LocalDateTime:
		return x, nil
	case DateTime:
		return x.Local(), nil
	case Date:
		return LocalDateTime{date: x}, nil
	}
	return LocalDateTime{}, selectErr("LocalDateTime", arg)
}

// localParts builds the local date and time of a localdatetime or
// datetime map from its fields and its date, time and datetime bases.
func (c *Context) localParts(f *fields) (LocalDateTime, error) {
	dtBase, err := baseOf(f, "datetime")
	if err != nil {
		return LocalDateTime{}, err
	}
	dBase, err := baseOf(f, "date")
	if err != nil {
		return LocalDateTime{}, err
	}
	tBase, err := baseOf(f, "time")
	if err != nil {
		return LocalDateTime{}, err
	}
	if dBase == nil {
		dBase = dtBase
	}
	if tBase == nil {
		tBase = dtBase
	}
	d, has, err := f.date(datePart(dBase))
	if err != nil {
		return LocalDateTime{}, err
	}
	if !has {
		return LocalDateTime{}, argErr("year must be given to build a date and time")
	}
	var tb *LocalTime
	if tBase != nil {
		tb = timePart(tBase)
	}
	t, _, err := f.localTime(tb)
	return LocalDateTime{d, t}, err
}

// DateTime is datetime(arg); see Date. A map may give epochSeconds or
// epochMillis instead of fields. With a timezone field, a base that has a
// zone is moved to it (the same instant); one without takes it.
func (c *Context) DateTime(arg any) (DateTime, error) {
	switch x := arg.(type) {
	case nil:
		return c.now(c.Zone), nil
	case string:
		return ParseDateTime(x, c.Zone, &c.Zones)
	case map[string]any:
		f, err := newFields(x, dateFields+" "+timeFields+" date time datetime timezone epochseconds epochmillis")
		if err != nil {
			return DateTime{}, err
		}
		z, hasZone, err := c.zoneField(f)
		if err != nil {
			return DateTime{}, err
		}
		if hasZone && len(x) == 1 {
			return c.now(z), nil
		}
		if !hasZone {
			z = c.Zone
		}
		if f.has("epochseconds") || f.has("epochmillis") {
			return c.epochFields(f, z)
		}
		ldt, err := c.localParts(f)
		if err != nil {
			return DateTime{}, err
		}
		// The zone comes from a time base first, then a datetime base.
		var src any
		for _, name := range []string{"time", "datetime"} {
			if b := f.get(name); b != nil {
				if _, _, ok := zoneOf(b); ok {
					src = b
					break
				}
			}
		}
		if bz, off, ok := zoneOf(src); ok {
			dt, err := dateTimeOf(ldt, bz, off)
			if err != nil || !hasZone {
				return dt, err
			}
			return dt.In(z), nil
		}
		return dateTimeOf(ldt, z, nil)
	}
	switch x := arg.(type) {
	case DateTime:
		return x, nil
	case LocalDateTime:
		return dateTimeOf(x, c.Zone, nil)
	case Date:
		return dateTimeOf(LocalDateTime{date: x}, c.Zone, nil)
	}
	return DateTime{}, selectErr("DateTime", arg)
}

func (c *Context) epochFields(f *fields, z Zone) (DateTime, error) {
	for _, k := range strings.Fields(dateFields + " " + timeFields[len("hour minute second "):] + " date time datetime") {
		if f.has(k) && !(k == "millisecond" || k == "microsecond" || k == "nanosecond") {
			return DateTime{}, argErr("%s cannot be given with epochSeconds or epochMillis", f.keys[k])
		}
	}
	var sec, ns int64
	if s, has, err := f.int("epochseconds"); err != nil {
		return DateTime{}, err
	} else if has {
		sec = s
	}
	if ms, has, err := f.int("epochmillis"); err != nil {
		return DateTime{}, err
	} else if has {
		sec += floorDiv(ms, 1000)
		ns += floorMod(ms, 1000) * 1_000_000
	}
	for _, u := range []struct {
		name string
		k    int64
	}{{"millisecond", 1_000_000}, {"microsecond", 1000}, {"nanosecond", 1}} {
		n, has, err := f.int(u.name)
		if err != nil {
			return DateTime{}, err
		}
		if has {
			ns += n * u.k
		}
	}
	return DateTimeFromEpoch(sec, ns, z)
}

// Duration is duration(arg): a string is parsed; a map is built from
// years, quarters, months, weeks, days, hours, minutes, seconds,
// milliseconds, microseconds and nanoseconds, any of which may be
// fractional or negative.
func (c *Context) Duration(arg any) (Duration, error) {
	switch x := arg.(type) {
	case string:
		return ParseDuration(x)
	case Duration:
		return x, nil
	case map[string]any:
		names := "years quarters months weeks days hours minutes seconds milliseconds microseconds nanoseconds"
		f, err := newFields(x, names)
		if err != nil {
			return Duration{}, err
		}
		var iv [11]int64
		var fv [11]float64
		approx := false
		for i, n := range strings.Fields(names) {
			switch v := f.get(n).(type) {
			case nil:
			case int64:
				iv[i], fv[i] = v, float64(v)
			case float64:
				fv[i], approx = v, true
			default:
				return Duration{}, argErr("%s must be a number, got %v", f.keys[n], v)
			}
		}
		if approx {
			return Approximate(fv[0]*12+fv[1]*3+fv[2], fv[3]*7+fv[4], fv[5]*3600+fv[6]*60+fv[7], fv[8]*1e6+fv[9]*1e3+fv[10])
		}
		sum := func(terms ...[2]int64) (int64, error) {
			var s int64
			for _, t := range terms {
				var err error
				if s, err = addMul(t[0], t[1], s); err != nil {
					return 0, err
				}
			}
			return s, nil
		}
		months, err1 := sum([2]int64{iv[0], 12}, [2]int64{iv[1], 3}, [2]int64{iv[2], 1})
		days, err2 := sum([2]int64{iv[3], 7}, [2]int64{iv[4], 1})
		secs, err3 := sum([2]int64{iv[5], 3600}, [2]int64{iv[6], 60}, [2]int64{iv[7], 1})
		nanos, err4 := sum([2]int64{iv[8], 1_000_000}, [2]int64{iv[9], 1000}, [2]int64{iv[10], 1})
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				return Duration{}, err
			}
		}
		return NewDuration(months, days, secs, nanos)
	}
	return Duration{}, argErr("Cannot construct a Duration from %s", describe(arg))
}

func describe(v any) string {
	if s := String(v); s != "" {
		return TypeName(v) + " " + s
	}
	return fmt.Sprintf("%v", v)
}

// FromEpoch is datetime.fromepoch(seconds, nanoseconds), in UTC.
func (c *Context) FromEpoch(sec, nano int64) (DateTime, error) {
	return DateTimeFromEpoch(sec, nano, UTC())
}

// FromEpochMillis is datetime.fromepochmillis(ms), in UTC.
func (c *Context) FromEpochMillis(ms int64) (DateTime, error) {
	return DateTimeFromEpoch(floorDiv(ms, 1000), floorMod(ms, 1000)*1_000_000, UTC())
}

// Realtime returns the current clock in zone z (date.realtime() and
// friends), not the statement's.
func Realtime(z Zone) DateTime {
	now := time.Now()
	dt, _ := DateTimeFromEpoch(now.Unix(), int64(now.Nanosecond()), z)
	return dt
}

// Statement returns the statement's clock in the default zone, or in the
// zone named by tz when it is not "".
func (c *Context) Statement(tz string) (DateTime, error) {
	z := c.Zone
	if tz != "" {
		var err error
		if z, err = c.Zones.Zone(tz); err != nil {
			return DateTime{}, err
		}
	}
	return c.now(z), nil
}

// --- truncation -----------------------------------------------------------

// Kind names the five instant types, for Truncate's result.
type Kind int

// The instant kinds.
const (
	KindDate Kind = iota
	KindLocalTime
	KindTime
	KindLocalDateTime
	KindDateTime
)

// Truncate is <kind>.truncate(unit, v, fields): v truncated to unit
// (millennium, century, decade, year, weekYear, quarter, month, week, day,
// hour, minute, second, millisecond, microsecond), then the fields set
// over it, as a value of kind. A zone-bearing result keeps v's zone unless
// the fields name another, which replaces it (the local time stays).
func (c *Context) Truncate(kind Kind, unit string, v any, m map[string]any) (any, error) {
	p, ok := pointOf(v)
	if !ok {
		return nil, argErr("truncate cannot take %s", describe(v))
	}
	u := lower(unit)
	dateUnit := false
	switch u {
	case "millennium", "century", "decade", "year", "weekyear", "quarter", "month", "week", "day":
		dateUnit = true
	case "hour", "minute", "second", "millisecond", "microsecond":
	default:
		return nil, argErr("Unsupported unit: %s", unit)
	}
	needDate := kind == KindDate || kind == KindLocalDateTime || kind == KindDateTime
	if needDate && !p.hasDate {
		return nil, argErr("Cannot truncate %s to a value with a date", describe(v))
	}
	if kind == KindDate && !dateUnit {
		return nil, argErr("Cannot truncate a date to %s", unit)
	}
	if (kind == KindLocalTime || kind == KindTime) && dateUnit && u != "day" {
		return nil, argErr("Cannot truncate a time to %s", unit)
	}
	d, t := p.date, p.nanos
	if p.hasDate {
		y, mo, _ := civilFromDays(d)
		switch u {
		case "millennium":
			d = daysFromCivil(floorDiv(y, 1000)*1000, 1, 1)
		case "century":
			d = daysFromCivil(floorDiv(y, 100)*100, 1, 1)
		case "decade":
			d = daysFromCivil(floorDiv(y, 10)*10, 1, 1)
		case "year":
			d = daysFromCivil(y, 1, 1)
		case "weekyear":
			wy, _ := weekDate(d)
			d = mondayOfWeek1(wy)
		case "quarter":
			d = daysFromCivil(y, (quarterOf(mo)-1)*3+1, 1)
		case "month":
			d = daysFromCivil(y, mo, 1)
		case "week":
			d -= int64(isoDayOfWeek(d) - 1)
		}
	}
	switch u {
	case "hour":
		t -= t % (3600 * nanosPerSecond)
	case "minute":
		t -= t % (60 * nanosPerSecond)
	case "second":
		t -= t % nanosPerSecond
	case "millisecond":
		t -= t % 1_000_000
	case "microsecond":
		t -= t % 1000
	default:
		t = 0
	}
	if m == nil {
		m = map[string]any{}
	}
	allowed := dateFields + " " + timeFields
	if kind == KindTime || kind == KindDateTime {
		allowed += " timezone"
	}
	f, err := newFields(m, allowed)
	if err != nil {
		return nil, err
	}
	// Finer sub-second fields go below what the truncation kept: 12:31:14.645
	// truncated to milliseconds with {nanosecond: 2} is 12:31:14.645000002.
	var kept map[string]any
	switch {
	case u == "millisecond" && !f.has("millisecond") && (f.has("microsecond") || f.has("nanosecond")):
		kept = map[string]any{"millisecond": t % nanosPerSecond / 1_000_000}
	case u == "microsecond" && !f.has("millisecond") && !f.has("microsecond") && f.has("nanosecond"):
		kept = map[string]any{"microsecond": t % nanosPerSecond / 1000}
	}
	if kept != nil {
		for k, v := range m {
			kept[k] = v
		}
		if f, err = newFields(kept, allowed); err != nil {
			return nil, err
		}
	}
	base := Date{d}
	nd := base
	if needDate {
		if nd, _, err = f.date(&base); err != nil {
			return nil, err
		}
	} else if f.has("year") || f.has("month") || f.has("day") || f.has("week") {
		return nil, argErr("Cannot set date fields on a time")
	}
	lt := LocalTime{t}
	nt := lt
	if kind != KindDate {
		if nt, _, err = f.localTime(&lt); err != nil {
			return nil, err
		}
	}
	zone, hasZone, err := c.zoneField(f)
	if err != nil {
		return nil, err
	}
	if !hasZone {
		zone = c.Zone
		if p.hasZone {
			zone = p.zone
		}
	}
	switch kind {
	case KindDate:
		return nd, nil
	case KindLocalTime:
		return nt, nil
	case KindTime:
		off := zone.offsetAt(c.Now.Unix())
		if p.inst != nil && !hasZone {
			off = p.inst.zone.offsetAt(p.inst.sec)
		}
		return TimeOf(nt, int(off))
	case KindLocalDateTime:
		return LocalDateTime{nd, nt}, nil
	}
	return dateTimeOf(LocalDateTime{nd, nt}, zone, nil)
}
