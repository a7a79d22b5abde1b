package phone

import "strings"

// rule describes how one region writes its numbers. It is deliberately coarse
// (a length range and the allowed first digits instead of libphonenumber's
// per-type patterns) so the whole table costs a few KiB of WebAssembly.
type rule struct {
	region string // ISO 3166-1 alpha-2 code
	cc     string // country calling code
	first  string // digits a national significant number (NSN) may start with
	trunk  string // national (trunk) prefixes, "|"-separated, tried in order
	idd    string // international prefix accepted besides "00" (e.g. "011" in NANP)
	min    uint8  // shortest NSN
	max    uint8  // longest NSN
}

// Digit sets for rule.first.
const (
	d09 = "0123456789"
	d19 = "123456789"
	d29 = "23456789"
)

// rules is sorted by region. Lengths cover fixed lines, mobiles and the common
// toll-free ranges; valid() additionally caps cc+NSN at 8..15 digits. Only IT
// and SM let an NSN start with 0: there the leading 0 of a landline is part of
// the number, not a trunk prefix. Calling codes are prefix-free (ITU), so at
// most one code matches the start of an international number; US/CA and RU/KZ
// share a code and are told apart by their first digits and lengths.
var rules = []rule{
	{region: "AR", cc: "54", first: d19, trunk: "0", min: 10, max: 11}, // mobiles: +54 9 ...
	{region: "AT", cc: "43", first: d19, trunk: "0", min: 4, max: 13},
	{region: "AU", cc: "61", first: d19, trunk: "0", idd: "0011", min: 9, max: 10}, // 10: 1800/1300
	{region: "BE", cc: "32", first: d19, trunk: "0", min: 8, max: 9},
	{region: "BG", cc: "359", first: d29, trunk: "0", min: 6, max: 9},
	{region: "BR", cc: "55", first: d19, trunk: "0", min: 10, max: 11},
	{region: "CA", cc: "1", first: d29, trunk: "1", idd: "011", min: 10, max: 10},
	{region: "CH", cc: "41", first: d29, trunk: "0", min: 9, max: 9},
	{region: "CN", cc: "86", first: d19, trunk: "0", min: 8, max: 12},
	{region: "CZ", cc: "420", first: d29, min: 9, max: 9}, // no trunk prefix since 2002
	{region: "DE", cc: "49", first: d19, trunk: "0", min: 5, max: 13},
	{region: "DK", cc: "45", first: d29, min: 8, max: 8},
	{region: "EE", cc: "372", first: "3456789", min: 7, max: 10},
	{region: "ES", cc: "34", first: "56789", min: 9, max: 9},
	{region: "FI", cc: "358", first: d19, trunk: "0", min: 5, max: 12},
	{region: "FR", cc: "33", first: d19, trunk: "0", min: 9, max: 9},
	{region: "GB", cc: "44", first: "1235789", trunk: "0", min: 7, max: 10},
	{region: "GR", cc: "30", first: d29, min: 10, max: 10},
	{region: "HR", cc: "385", first: d19, trunk: "0", min: 8, max: 9},
	{region: "HU", cc: "36", first: d19, trunk: "06", min: 8, max: 9},
	{region: "IE", cc: "353", first: d19, trunk: "0", min: 7, max: 10},
	{region: "IL", cc: "972", first: d19, trunk: "0", min: 8, max: 10}, // 10: 1-800
	{region: "IN", cc: "91", first: d19, trunk: "0", min: 10, max: 10},
	{region: "IT", cc: "39", first: "0134578", min: 6, max: 11}, // landlines keep their 0
	{region: "JP", cc: "81", first: d19, trunk: "0", idd: "010", min: 9, max: 10},
	{region: "KZ", cc: "7", first: "67", trunk: "8", min: 10, max: 10},
	{region: "LT", cc: "370", first: "3456789", trunk: "8|0", min: 8, max: 8}, // 8 is being replaced by 0
	{region: "LU", cc: "352", first: d29, min: 4, max: 11},
	{region: "LV", cc: "371", first: d29, min: 8, max: 8},
	{region: "MX", cc: "52", first: d29, trunk: "044|045|01|02|1", min: 10, max: 10}, // prefixes abolished 2019, still typed
	{region: "NL", cc: "31", first: d19, trunk: "0", min: 7, max: 11},
	{region: "NO", cc: "47", first: d29, min: 8, max: 8},
	{region: "NZ", cc: "64", first: d29, trunk: "0", min: 8, max: 10},
	{region: "PL", cc: "48", first: d19, min: 9, max: 9}, // no trunk prefix since 2009
	{region: "PT", cc: "351", first: d29, min: 9, max: 9},
	{region: "RO", cc: "40", first: d29, trunk: "0", min: 9, max: 9},
	{region: "RU", cc: "7", first: "3489", trunk: "8", min: 10, max: 10},
	{region: "SE", cc: "46", first: d19, trunk: "0", min: 6, max: 10},
	{region: "SI", cc: "386", first: d19, trunk: "0", min: 8, max: 8},
	{region: "SK", cc: "421", first: d29, trunk: "0", min: 9, max: 9},
	{region: "SM", cc: "378", first: "0567", min: 8, max: 10}, // landlines 0549..., keep the 0
	{region: "TR", cc: "90", first: d29, trunk: "0", min: 10, max: 10},
	{region: "UA", cc: "380", first: "3456789", trunk: "0", min: 9, max: 9},
	{region: "US", cc: "1", first: d29, trunk: "1", idd: "011", min: 10, max: 10},
	{region: "ZA", cc: "27", first: d19, trunk: "0", min: 9, max: 9},
}

// lookup finds the rule of an ISO region code, ignoring ASCII case. A linear
// scan of ~45 entries is cheaper in code size than a map and fast enough.
func lookup(region string) (*rule, bool) {
	if len(region) != 2 {
		return nil, false
	}
	for i := range rules {
		if equalFold2(rules[i].region, region) {
			return &rules[i], true
		}
	}
	return nil, false
}

// equalFold2 compares an upper-case two-letter code with any-case input.
func equalFold2(upper, s string) bool {
	for i := 0; i < 2; i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

// valid reports whether nsn is a plausible national significant number for r.
func (r *rule) valid(nsn string) bool {
	n := len(nsn)
	total := len(r.cc) + n
	return n > 0 && n >= int(r.min) && n <= int(r.max) &&
		total >= minE164 && total <= maxE164 &&
		strings.IndexByte(r.first, nsn[0]) >= 0
}

// stripTrunk drops the first trunk prefix of r that leaves a valid NSN.
func (r *rule) stripTrunk(d string) (string, bool) {
	rest := r.trunk
	for rest != "" {
		var p string
		p, rest, _ = strings.Cut(rest, "|")
		if len(d) > len(p) && d[:len(p)] == p && r.valid(d[len(p):]) {
			return d[len(p):], true
		}
	}
	return "", false
}
