package temporal

// Proleptic Gregorian calendar arithmetic on epoch days (days since
// 1970-01-01) in int64, so that the whole range Neo4j allows (years
// -999,999,999 to 999,999,999) works without time.Time's quirks. The
// civil conversions are Howard Hinnant's algorithms.

const (
	// MinYear and MaxYear bound every date, as in Neo4j (Java's LocalDate).
	MinYear = -999_999_999
	MaxYear = 999_999_999

	nanosPerSecond = 1_000_000_000
	secondsPerDay  = 86_400
	nanosPerDay    = secondsPerDay * nanosPerSecond
	// avgSecondsPerMonth is 365.2425 days / 12, the length Neo4j gives a
	// month when it must turn months into seconds.
	avgSecondsPerMonth = 2_629_746
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// daysFromCivil returns the epoch day of y-m-d (m 1..12, d 1..31).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysInMonth(y int64, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func daysInYear(y int64) int {
	if isLeap(y) {
		return 366
	}
	return 365
}

// isoDayOfWeek is 1 (Monday) to 7 (Sunday); 1970-01-01 was a Thursday.
func isoDayOfWeek(z int64) int { return int(floorMod(z+3, 7)) + 1 }

// weekDate returns the ISO week-based year and week of epoch day z.
func weekDate(z int64) (weekYear int64, week int) {
	thursday := z - int64(isoDayOfWeek(z)-1) + 3
	y, _, _ := civilFromDays(thursday)
	return y, int((thursday-daysFromCivil(y, 1, 1))/7) + 1
}

// weeksInYear is 53 when the ISO week-based year y has 53 weeks.
func weeksInYear(y int64) int {
	jan1 := isoDayOfWeek(daysFromCivil(y, 1, 1))
	if jan1 == 4 || (jan1 == 3 && isLeap(y)) {
		return 53
	}
	return 52
}

// mondayOfWeek1 is the epoch day of the Monday starting ISO week 1 of y.
func mondayOfWeek1(y int64) int64 {
	jan4 := daysFromCivil(y, 1, 4)
	return jan4 - int64(isoDayOfWeek(jan4)-1)
}

func quarterOf(m int) int { return (m-1)/3 + 1 }

// dayOfQuarter is the 1-based day of z within its quarter.
func dayOfQuarter(z int64) int {
	y, m, _ := civilFromDays(z)
	first := (quarterOf(m)-1)*3 + 1
	return int(z-daysFromCivil(y, first, 1)) + 1
}

func daysInQuarter(y int64, q int) int {
	first := (q-1)*3 + 1
	return daysInMonth(y, first) + daysInMonth(y, first+1) + daysInMonth(y, first+2)
}

// plusMonths adds n months to epoch day z the way Java's LocalDate does:
// the day of month is clamped to the last day of the target month.
func plusMonths(z, n int64) (int64, error) {
	if n == 0 {
		return z, nil
	}
	y, m, d := civilFromDays(z)
	total := y*12 + int64(m-1) + n
	ny := floorDiv(total, 12)
	nm := int(floorMod(total, 12)) + 1
	if ny < MinYear || ny > MaxYear {
		return 0, argErr("date overflow: year %d is out of range", ny)
	}
	return daysFromCivil(ny, nm, min(d, daysInMonth(ny, nm))), nil
}

// monthsBetween is Java's LocalDate.until(end, MONTHS): whole months from
// a to b, counting a month only when the day of month is reached.
func monthsBetween(a, b int64) int64 {
	ya, ma, da := civilFromDays(a)
	yb, mb, db := civilFromDays(b)
	pa := (ya*12+int64(ma-1))*32 + int64(da)
	pb := (yb*12+int64(mb-1))*32 + int64(db)
	return (pb - pa) / 32
}

// dateInRange reports whether epoch day z is within Neo4j's date range.
func dateInRange(z int64) bool {
	return z >= daysFromCivil(MinYear, 1, 1) && z <= daysFromCivil(MaxYear, 12, 31)
}
