package phone

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var e164Re = regexp.MustCompile(`^\+[1-9][0-9]{7,14}$`)

type normCase struct {
	raw, region, want string // want "" means invalid
}

func checkNormalize(t *testing.T, cases []normCase) {
	t.Helper()
	for _, c := range cases {
		got, ok := Normalize(c.raw, c.region)
		if c.want == "" {
			assert.False(t, ok, "Normalize(%q, %q) = %q, want invalid", c.raw, c.region, got)
			assert.Empty(t, got, "invalid result must be empty for %q", c.raw)
			continue
		}
		if assert.True(t, ok, "Normalize(%q, %q) reported invalid", c.raw, c.region) {
			assert.Equal(t, c.want, got, "Normalize(%q, %q)", c.raw, c.region)
		}
	}
}

func TestNormalizeBriefExamples(t *testing.T) {
	checkNormalize(t, []normCase{
		{"777 666 555", "CZ", "+420777666555"},
		{"+420 777 666 555", "", "+420777666555"},
		{"00420777666555", "DE", "+420777666555"},
		{"030 1234567", "DE", "+49301234567"},
		{"(212) 555-0100", "US", "+12125550100"},
		{"1-212-555-0100", "US", "+12125550100"},
		{"02124122674", "IT", "+3902124122674"},
		{"12", "CZ", ""},
		{"777abc555", "CZ", ""},
	})
}

func TestNormalizeSeparators(t *testing.T) {
	const want = "+420777666555"
	for _, raw := range []string{
		"777666555", "777 666 555", "777-666-555", "777.666.555", "777/666/555",
		"(777) 666 555", "777\u00a0666\u00a0555", "777\u202f666\u2009555", "777\t666 555",
		"777\u2013666\u2013555", "  777 666 555\n", "+420777666555", "+420 (777) 666-555",
		"+ 420 777 666 555", "(+420) 777 666 555", "00420 777 666 555", "00 420 777.666.555",
	} {
		got, ok := Normalize(raw, "CZ")
		assert.True(t, ok, "%q", raw)
		assert.Equal(t, want, got, "%q", raw)
	}
}

func TestNormalizeRejectsGarbage(t *testing.T) {
	checkNormalize(t, []normCase{
		{"", "CZ", ""},
		{"   ", "CZ", ""},
		{"+", "", ""},
		{"()-. /", "CZ", ""},
		{"777abc555", "CZ", ""},
		{"tel:777666555", "CZ", ""},
		{"777 666 555 ext 12", "CZ", ""},
		{"777 666 555 ext. 12", "CZ", ""},
		{"777666555x12", "CZ", ""},
		{"777666555#12", "CZ", ""},
		{"777666555;ext=12", "CZ", ""},
		{"*31#777666555", "CZ", ""},
		{"777,666,555", "CZ", ""},
		{"777_666_555", "CZ", ""},
		{"777\n666 555", "CZ", ""},
		{"７７７６６６５５５", "CZ", ""}, // full-width digits are not ASCII digits
		{"++420777666555", "", ""},
		{"+420+777666555", "", ""},
		{"420+777666555", "CZ", ""},
		{"777666555+", "CZ", ""},
		{"+0420777666555", "", ""},
	})
}

func TestNormalizeDigitLimits(t *testing.T) {
	checkNormalize(t, []normCase{
		{"+43 664 1234567890", "", "+436641234567890"}, // 15 digits with a known code
		{"+3512345678901", "", ""},                     // 351 is PT: 9-digit NSN only
		{"+998901234567", "", "+998901234567"},         // 998 not in the table: 12 digits ok
		{"+99890123456789", "", "+99890123456789"},     // 14
		{"+998901234567890", "", "+998901234567890"},   // 15
		{"+9989012345678901", "", ""},                  // 16 > E.164
		{"+99812345", "", "+99812345"},                 // 8
		{"+9981234", "", ""},                           // 7 < 8
		{"+420 777 666 555 1234", "", ""},
		{"0049 30 1234 5678 9012 3456", "CZ", ""},
		{"777 666 555 777 666 555 777", "CZ", ""}, // more digits than the scan buffer
		{"0011 420 777 666 555", "AU", "+420777666555"},
	})
}

func TestNormalizeRegionHandling(t *testing.T) {
	checkNormalize(t, []normCase{
		{"777 666 555", "", ""},   // national input needs a region
		{"777 666 555", "XX", ""}, // unknown region
		{"777 666 555", "CZE", ""},
		{"777 666 555", "cz", "+420777666555"},
		{"777 666 555", "Cz", "+420777666555"},
		{"+420 777 666 555", "XX", "+420777666555"}, // international input ignores the region
		{"0044 20 7946 0000", "", "+442079460000"},
		{"420 777 666 555", "CZ", "+420777666555"}, // calling code typed without + or 00
		{"49 30 1234567", "CZ", ""},                // another country's code is not guessed
	})
}

// Trunk prefixes: dropped where the country has one, kept where it is part of the number.
func TestNormalizeTrunkPrefixes(t *testing.T) {
	checkNormalize(t, []normCase{
		{"030 1234567", "DE", "+49301234567"},
		{"30 1234567", "DE", "+49301234567"}, // prefix is optional on input
		{"+49 (0)30 1234567", "", "+49301234567"},
		{"0049 030 1234567", "", "+49301234567"},
		{"0049 00 30 1234567", "", ""}, // only one trunk 0 is dropped
		{"01 5134567", "AT", "+4315134567"},
		{"020 7946 0000", "GB", "+442079460000"},
		{"+44 (0) 20 7946 0000", "", "+442079460000"},
		{"01 23 45 67 89", "FR", "+33123456789"},
		{"020 123 4567", "NL", "+31201234567"},
		{"02 123 45 67", "BE", "+3221234567"},
		{"044 668 18 00", "CH", "+41446681800"},
		{"512 345 678", "PL", "+48512345678"},
		{"0512 345 678", "PL", ""}, // Poland has no trunk prefix
		{"02 1234 5678", "IT", "+390212345678"},
		{"+39 02 1234 5678", "", "+390212345678"}, // Italian 0 stays after +39
		{"347 123 4567", "IT", "+393471234567"},
		{"0549 123456", "SM", "+3780549123456"},
		{"+378 0549 123456", "", "+3780549123456"},
		{"0777 666 555", "CZ", ""}, // CZ has no trunk prefix
		{"077 766 655", "CZ", ""},
		{"0905 123 456", "SK", "+421905123456"}, // SK does have trunk 0 (see report)
		{"905 123 456", "SK", "+421905123456"},
		{"1 (212) 555-0100", "US", "+12125550100"},
		{"+1 1 212 555 0100", "", "+12125550100"},
		{"(012) 555-0100", "US", ""}, // NANP area codes start with 2-9
		{"011 420 777 666 555", "US", "+420777666555"},
		{"011 420 777 666 555", "CA", "+420777666555"},
		{"010 420 777 666 555", "JP", "+420777666555"},
		{"06 30 123 4567", "HU", "+36301234567"},
		{"06 1 234 5678", "HU", "+3612345678"},
		{"8 912 345-67-89", "RU", "+79123456789"},
		{"8 800 123-45-67", "RU", "+78001234567"},
		{"800 123-45-67", "RU", "+78001234567"},
		{"+7 8 912 345 67 89", "", "+79123456789"},
		{"+7 701 123 4567", "", "+77011234567"}, // KZ shares +7
		{"8 612 34567", "LT", "+37061234567"},
		{"0 612 34567", "LT", "+37061234567"},
		{"044 55 1234 5678", "MX", "+525512345678"},
		{"01 55 1234 5678", "MX", "+525512345678"},
		{"+52 1 55 1234 5678", "", "+525512345678"},
	})
}

type regionCase struct {
	region, cc  string
	valid, e164 string
	invalid     string
	invalidIntl string // an international number with this calling code that is invalid
}

var regionCases = []regionCase{
	{"AR", "54", "011 4123-4567", "+541141234567", "011 412", "+54 11 412"},
	{"AT", "43", "0664 1234567", "+436641234567", "0664 12345678901", "+43 664 12345678901"},
	{"AU", "61", "0412 345 678", "+61412345678", "0412 345 67", "+61 412 345 67"},
	{"BE", "32", "0470 12 34 56", "+32470123456", "0470 12 34 567", "+32 470 12 34 567"},
	{"BG", "359", "088 123 4567", "+359881234567", "088 123 45678", "+359 88 123 45678"},
	{"BR", "55", "(11) 91234-5678", "+5511912345678", "(11) 1234-567", "+55 11 1234 567"},
	{"CA", "1", "(416) 555-0199", "+14165550199", "(416) 555-019", "+1 416 555 019"},
	{"CH", "41", "044 668 18 00", "+41446681800", "044 668 18 0", "+41 44 668 18 0"},
	{"CN", "86", "138 0013 8000", "+8613800138000", "138 0013 8000 123", "+86 138 0013 8000 123"},
	{"CZ", "420", "602 123 456", "+420602123456", "602 123 45", "+420 602 123 45"},
	{"DE", "49", "0171 1234567", "+491711234567", "0171", "+49 171"},
	{"DK", "45", "32 12 34 56", "+4532123456", "32 12 34 5", "+45 32 12 34 5"},
	{"EE", "372", "5123 4567", "+37251234567", "512 345", "+372 512 345"},
	{"ES", "34", "612 34 56 78", "+34612345678", "412 34 56 78", "+34 412 34 56 78"},
	{"FI", "358", "040 123 4567", "+358401234567", "040 123 4567 8901", "+358 40 123 4567 8901"},
	{"FR", "33", "06 12 34 56 78", "+33612345678", "06 12 34 56 7", "+33 6 12 34 56 7"},
	{"GB", "44", "07700 900123", "+447700900123", "07700 900123 4", "+44 7700 900123 4"},
	{"GR", "30", "694 123 4567", "+306941234567", "694 123 456", "+30 694 123 456"},
	{"HR", "385", "091 234 5678", "+385912345678", "091 234", "+385 91 234"},
	{"HU", "36", "06 30 123 4567", "+36301234567", "06 30 123 45", "+36 30 123 45"},
	{"IE", "353", "085 123 4567", "+353851234567", "085 12", "+353 85 12"},
	{"IL", "972", "050-123-4567", "+972501234567", "050-123", "+972 50 123"},
	{"IN", "91", "098765 43210", "+919876543210", "98765 4321", "+91 98765 4321"},
	{"IT", "39", "02 1234 5678", "+390212345678", "6123456789", "+39 347 123 4567 89"},
	{"JP", "81", "090-1234-5678", "+819012345678", "090-1234-56789", "+81 90 1234 56789"},
	{"LT", "370", "8 612 34567", "+37061234567", "8 612 345", "+370 612 3456"},
	{"LU", "352", "621 123 456", "+352621123456", "621 123 456 789", "+352 621 123 456 789"},
	{"LV", "371", "2123 4567", "+37121234567", "2123 456", "+371 2123 456"},
	{"MX", "52", "55 1234 5678", "+525512345678", "55 1234 567", "+52 55 1234 567"},
	{"NL", "31", "06 12345678", "+31612345678", "06 1234 5678 901", "+31 6 1234 5678 901"},
	{"NO", "47", "412 34 567", "+4741234567", "412 34 56", "+47 412 34 56"},
	{"NZ", "64", "021 123 4567", "+64211234567", "021 12", "+64 21 12"},
	{"PL", "48", "512 345 678", "+48512345678", "0512 345 678", "+48 512 345 67"},
	{"PT", "351", "912 345 678", "+351912345678", "912 345 67", "+351 912 345 67"},
	{"RO", "40", "0712 345 678", "+40712345678", "0712 345 67", "+40 712 345 67"},
	{"RU", "7", "8 (912) 345-67-89", "+79123456789", "8 (912) 345-67", "+7 912 345 67 8"},
	{"SE", "46", "070-123 45 67", "+46701234567", "070-123 45 67 890", "+46 70 123 45 67 890"},
	{"SI", "386", "031 234 567", "+38631234567", "031 234 56", "+386 31 234 56"},
	{"SK", "421", "0905 123 456", "+421905123456", "0905 123 45", "+421 905 123 45"},
	{"TR", "90", "0532 123 45 67", "+905321234567", "0532 123 45 6", "+90 532 123 45 6"},
	{"UA", "380", "050 123 4567", "+380501234567", "050 123 456", "+380 50 123 456"},
	{"US", "1", "(212) 555-0100", "+12125550100", "(212) 555-010", "+1 212 555 010"},
	{"ZA", "27", "082 123 4567", "+27821234567", "082 123 456", "+27 82 123 456"},
}

func TestNormalizeEveryRegion(t *testing.T) {
	for _, c := range regionCases {
		t.Run(c.region, func(t *testing.T) {
			cc, ok := CallingCode(c.region)
			require.True(t, ok)
			assert.Equal(t, c.cc, cc)

			got, ok := Normalize(c.valid, c.region)
			require.True(t, ok, "valid %q", c.valid)
			assert.Equal(t, c.e164, got)
			assert.True(t, strings.HasPrefix(got, "+"+cc))

			// The E.164 form is accepted as is, whatever the default region.
			for _, region := range []string{"", c.region, "CZ", "US"} {
				again, ok := Normalize(got, region)
				assert.True(t, ok, "%q with region %q", got, region)
				assert.Equal(t, got, again)
			}
			intl, ok := Normalize("00"+got[1:], "DE")
			assert.True(t, ok)
			assert.Equal(t, got, intl)

			bad, ok := Normalize(c.invalid, c.region)
			assert.False(t, ok, "invalid %q gave %q", c.invalid, bad)
			bad, ok = Normalize(c.invalidIntl, "")
			assert.False(t, ok, "invalid %q gave %q", c.invalidIntl, bad)
		})
	}
}

// The brief's list of regions must all be in the table.
func TestCallingCode(t *testing.T) {
	listed := "CZ SK IT DE AT CH FR ES PT GB IE NL BE LU PL HU SI HR RO BG GR DK SE NO FI EE LV LT " +
		"US CA MX BR AR AU NZ JP IN CN ZA TR IL UA RU"
	for _, region := range strings.Fields(listed) {
		_, ok := CallingCode(region)
		assert.True(t, ok, region)
	}
	for region, want := range map[string]string{"CZ": "420", "sk": "421", "IT": "39", "SM": "378", "US": "1", "CA": "1", "RU": "7"} {
		got, ok := CallingCode(region)
		assert.True(t, ok, region)
		assert.Equal(t, want, got, region)
	}
	for _, region := range []string{"", "X", "XX", "CZE", "C1", "\xff\xfe"} {
		got, ok := CallingCode(region)
		assert.False(t, ok, region)
		assert.Empty(t, got)
	}
}

// Invariants the algorithm relies on; a table edit that breaks one would make
// Normalize ambiguous or non-idempotent.
func TestRulesTable(t *testing.T) {
	for i, r := range rules {
		if i > 0 {
			assert.Less(t, rules[i-1].region, r.region, "rules must stay sorted by region")
		}
		assert.Regexp(t, `^[A-Z]{2}$`, r.region)
		assert.Regexp(t, `^[1-9][0-9]{0,2}$`, r.cc, r.region)
		assert.Regexp(t, `^[0-9]+$`, r.first, r.region)
		assert.Regexp(t, `^([0-9]+(\|[0-9]+)*)?$`, r.trunk, r.region)
		assert.Regexp(t, `^(0[0-9]*)?$`, r.idd, r.region)
		assert.True(t, r.min > 0 && r.min <= r.max, r.region)
		assert.LessOrEqual(t, len(r.cc)+int(r.max), maxE164, r.region)
		for _, o := range rules {
			if o.cc != r.cc && (strings.HasPrefix(o.cc, r.cc) || strings.HasPrefix(r.cc, o.cc)) {
				t.Errorf("calling codes %s (%s) and %s (%s) are not prefix-free", r.cc, r.region, o.cc, o.region)
			}
		}
	}
}

func TestMask(t *testing.T) {
	cases := []struct{ in, want string }{
		{"+420 777 666 555", "+*********555"},
		{"+420777666555", "+*********555"},
		{"Call me at 777 666 555 tomorrow.", "Call me at ******555 tomorrow."},
		{"dial failed for +420777666555: busy", "dial failed for +*********555: busy"},
		{"number (212) 555-0100 is not valid", "number *******100 is not valid"},
		{"two: 777-666-555 and 00420 602.123.456.", "two: ******555 and ***********456."},
		{"tel:+420777666555;ext=1", "tel:+*********555;ext=1"},
		{"777\u00a0666\u00a0555", "******555"},
		{"777/666/555", "******555"},
		{"1234567", "****567"},
		{"x1234567y", "x****567y"},
		{"2024-01-15 777 666 555", "**************555"},
		{"2024-01-15777666555", "**************555"}, // digits glued to a date are not a date
		{"\"number\":\"+420777666555\"", "\"number\":\"+*********555\""},
		{"+ 420 777 666 555", "+*********555"},
		{"a+b(c 1234567", "a+b(c ****567"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Mask(c.in), "Mask(%q)", c.in)
	}
}

func TestMaskLeavesOtherTextAlone(t *testing.T) {
	for _, s := range []string{
		"",
		"no numbers here",
		"call 112 or 155",
		"order 123456 failed", // 6 digits is not phone-like
		"at 2024-01-15T10:30:45.123Z seq 42",
		"timeout after 30000 ms, retry 3",
		"10:30:45 12:00:00",
		"1,234,567 events",
		"+ ( ) - . /",
		"Příliš žluťoučký kůň 123",
	} {
		assert.Equal(t, s, Mask(s))
	}
}

func TestMaskDoesNotAllocateWithoutNumbers(t *testing.T) {
	s := "contact abc-123 moved to wrapup at 2024"
	allocs := testing.AllocsPerRun(100, func() { _ = Mask(s) })
	assert.Zero(t, allocs)
}

// Every Normalize result, and every input it accepts with 7+ digits, is hidden by Mask.
func TestMaskHidesNormalizedNumbers(t *testing.T) {
	for _, c := range regionCases {
		got, ok := Normalize(c.valid, c.region)
		require.True(t, ok)
		masked := Mask("dial " + got + " failed")
		assert.NotContains(t, masked, got[1:])
		assert.Contains(t, masked, got[len(got)-3:])
		assert.NotContains(t, Mask(c.valid), digitsOf(c.valid))
	}
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func FuzzNormalize(f *testing.F) {
	for _, c := range regionCases {
		f.Add(c.valid, c.region)
		f.Add(c.invalid, c.region)
		f.Add(c.e164, "")
	}
	f.Add("+49 (0)30 1234567", "")
	f.Add("0011 61 412 345 678", "AU")
	f.Add("777 666 555 ext 12", "CZ")
	f.Fuzz(func(t *testing.T, raw, region string) {
		got, ok := Normalize(raw, region)
		if !ok {
			require.Empty(t, got)
			return
		}
		require.Regexp(t, e164Re, got)
		again, ok := Normalize(got, "")
		require.True(t, ok, "result %q of %q is not accepted again", got, raw)
		require.Equal(t, got, again, "not idempotent for %q", raw)
		require.NotContains(t, Mask(got), got[1:])
		require.NotContains(t, Mask("x "+got+" y"), got[1:])
		for _, r := range raw {
			require.True(t, r == '+' || (r >= '0' && r <= '9') || isSep(r) || unicode.IsSpace(r),
				"accepted %q despite %q", raw, r)
		}
	})
}

func TestMaskDoesNotMistakeGroupedNumbersForDates(t *testing.T) {
	for _, s := range []string{"7776-66-55 5", "call 2024-01-15 555 or later", "2024-01-15-777"} {
		assert.NotEqual(t, s, Mask(s), s)
	}
	for _, s := range []string{"2024-01-15", "2024-01-15T10:30:45Z", "on 2024-01-15 10:30", "2024-01-15, then"} {
		assert.Equal(t, s, Mask(s), s)
	}
}

// isSpace must agree with unicode.IsSpace, which it replaces to keep the
// Unicode tables out of the wasm.
func TestIsSpaceIsUnicodeIsSpace(t *testing.T) {
	for c := rune(0); c <= 0x3000; c++ {
		if isSpace(c) != unicode.IsSpace(c) {
			t.Fatalf("isSpace(%U) = %v", c, isSpace(c))
		}
	}
}
