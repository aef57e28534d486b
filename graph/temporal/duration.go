package temporal

import (
	"math"
	"math/bits"
	"strconv"
)

func overflow() error { return argErr("long overflow in a duration") }

// addMul returns a*k + b, or an error on overflow.
func addMul(a, k, b int64) (int64, error) {
	hi, lo := bits.Mul64(uint64(abs(a)), uint64(abs(k)))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, overflow()
	}
	p := int64(lo)
	if (a < 0) != (k < 0) {
		p = -p
	}
	return addExact(p, b)
}

func abs(a int64) int64 {
	if a < 0 {
		return -a
	}
	return a
}

func addExact(a, b int64) (int64, error) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, overflow()
	}
	return s, nil
}

func mulExact(a, b int64) (int64, error) { return addMul(a, b, 0) }

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

// NewDuration returns a duration; nanos may be any size or sign and is
// carried into the seconds.
func NewDuration(months, days, seconds, nanos int64) (Duration, error) {
	s, err := addExact(seconds, floorDiv(nanos, nanosPerSecond))
	if err != nil {
		return Duration{}, err
	}
	return Duration{months, days, s, int32(floorMod(nanos, nanosPerSecond))}, nil
}

// toLong truncates a float towards zero, as Java's (long) cast does, but
// fails on values out of range instead of saturating.
func toLong(f float64) (int64, error) {
	if math.IsNaN(f) || f >= 9.223372036854775807e18 || f < -9.223372036854775808e18 {
		return 0, overflow()
	}
	return int64(f), nil
}

// Approximate builds a duration from fractional parts as Neo4j does: the
// fraction of a month becomes days at 365.2425/12 days a month, the
// fraction of a day seconds, the fraction of a second nanoseconds. The
// float operations follow Neo4j's order, so that results agree to the
// nanosecond.
func Approximate(months, days, seconds, nanos float64) (Duration, error) {
	const nanosPerMonth = float64(avgSecondsPerMonth) * nanosPerSecond
	const dayNanos = float64(nanosPerDay)
	m, err := toLong(months)
	if err != nil {
		return Duration{}, err
	}
	days += (nanosPerMonth*months - nanosPerMonth*float64(m)) / dayNanos
	d, err := toLong(days)
	if err != nil {
		return Duration{}, err
	}
	seconds += (dayNanos*days - dayNanos*float64(d)) / nanosPerSecond
	s, err := toLong(seconds)
	if err != nil {
		return Duration{}, err
	}
	nanos += nanosPerSecond*seconds - nanosPerSecond*float64(s)
	n, err := toLong(nanos)
	if err != nil {
		return Duration{}, err
	}
	return NewDuration(m, d, s, n)
}

// sameSign returns the seconds and nanoseconds with nanos carrying the
// sign of the seconds, the form Neo4j's arithmetic and printing use.
func (d Duration) sameSign() (int64, int64) {
	s, n := d.seconds, int64(d.nanos)
	if s < 0 && n > 0 {
		return s + 1, n - nanosPerSecond
	}
	return s, n
}

// Neg returns -d.
func (d Duration) Neg() (Duration, error) {
	s, n := d.sameSign()
	if d.months == math.MinInt64 || d.days == math.MinInt64 || s == math.MinInt64 {
		return Duration{}, overflow()
	}
	return NewDuration(-d.months, -d.days, -s, -n)
}

// Add returns d + o, component by component.
func (d Duration) Add(o Duration) (Duration, error) {
	m, err1 := addExact(d.months, o.months)
	dd, err2 := addExact(d.days, o.days)
	s, err3 := addExact(d.seconds, o.seconds)
	if err1 != nil || err2 != nil || err3 != nil {
		return Duration{}, overflow()
	}
	return NewDuration(m, dd, s, int64(d.nanos)+int64(o.nanos))
}

// Sub returns d - o.
func (d Duration) Sub(o Duration) (Duration, error) {
	n, err := o.Neg()
	if err != nil {
		return Duration{}, err
	}
	return d.Add(n)
}

// MulInt multiplies every component by k exactly.
func (d Duration) MulInt(k int64) (Duration, error) {
	s, n := d.sameSign()
	m, err1 := mulExact(d.months, k)
	dd, err2 := mulExact(d.days, k)
	ss, err3 := mulExact(s, k)
	nn, err4 := mulExact(n, k)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
		return Duration{}, overflow()
	}
	return NewDuration(m, dd, ss, nn)
}

// MulFloat multiplies by f, spilling fractions into smaller units.
func (d Duration) MulFloat(f float64) (Duration, error) {
	s, n := d.sameSign()
	return Approximate(float64(d.months)*f, float64(d.days)*f, float64(s)*f, float64(n)*f)
}

// Div divides by f, spilling fractions into smaller units.
func (d Duration) Div(f float64) (Duration, error) {
	if f == 0 {
		return Duration{}, &Error{Msg: "/ by zero"}
	}
	s, n := d.sameSign()
	return Approximate(float64(d.months)/f, float64(d.days)/f, float64(s)/f, float64(n)/f)
}

// Get returns a component of the duration by Neo4j's name for it
// (case-insensitive): years, months, days, hours, seconds, … and the
// "of" forms (monthsOfYear, nanosecondsOfSecond, …).
func (d Duration) Get(field string) (int64, bool) {
	m, days, s, n := d.months, d.days, d.seconds, int64(d.nanos)
	switch lower(field) {
	case "years":
		return m / 12, true
	case "quarters":
		return m / 3, true
	case "months":
		return m, true
	case "weeks":
		return days / 7, true
	case "days":
		return days, true
	case "hours":
		return s / 3600, true
	case "minutes":
		return s / 60, true
	case "seconds":
		return s, true
	case "milliseconds":
		return s*1000 + n/1_000_000, true
	case "microseconds":
		return s*1_000_000 + n/1000, true
	case "nanoseconds":
		return s*nanosPerSecond + n, true
	case "quartersofyear":
		return m / 3 % 4, true
	case "monthsofquarter":
		return m % 3, true
	case "monthsofyear":
		return m % 12, true
	case "daysofweek":
		return days % 7, true
	case "minutesofhour":
		return s / 60 % 60, true
	case "secondsofminute":
		return s % 60, true
	case "millisecondsofsecond":
		return n / 1_000_000, true
	case "microsecondsofsecond":
		return n / 1000, true
	case "nanosecondsofsecond":
		return n, true
	}
	return 0, false
}

// approxSeconds is the duration's length with a month of 365.2425/12
// days, for ordering durations (which Cypher does not compare with <).
func (d Duration) approxSeconds() float64 {
	return float64(d.months)*avgSecondsPerMonth + float64(d.days)*secondsPerDay + float64(d.seconds) + float64(d.nanos)/nanosPerSecond
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
