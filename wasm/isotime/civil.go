package isotime

// The calendar arithmetic counts days from 1970-01-01 in the proleptic
// Gregorian calendar. It shifts the year to start on March 1st, so that the
// leap day is the last day of a year and month lengths from March on follow
// a fixed pattern, and splits time into 400-year eras of 146097 days, which
// repeat exactly.

const (
	daysPerEra = 146097 // 400 years
	// epochShift is the day number of 1970-01-01 counted from 0000-03-01.
	epochShift = 719468
)

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y-- // January and February belong to the previous March-based year
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // year of era, 0..399
	mp := (m + 9) % 12                     // month from March, 0..11
	doy := (153*mp+2)/5 + d - 1            // day of the March-based year, 0..365
	doe := yoe*365 + yoe/4 - yoe/100 + doy // day of era, 0..146096
	return era*daysPerEra + doe - epochShift
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(days int64) (y, m, d int64) {
	days += epochShift
	era := floorDiv(days, daysPerEra)
	doe := days - era*daysPerEra
	// Undo the leap-day corrections of 4, 100 and 400 years to find the year.
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

var monthDays = [13]int64{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// daysIn returns the length of month m (1..12) of year y.
func daysIn(y, m int64) int64 {
	if m == 2 && isLeap(y) {
		return 29
	}
	return monthDays[m]
}

// floorDiv divides rounding towards negative infinity (b > 0).
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}
