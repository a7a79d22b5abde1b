package callflow

import (
	"strconv"
	"unicode/utf8"

	"github.com/agentshim/agentshim/wasm/jsonx"
)

// Notice is the GDPR notice ("DSGVO-Hinweis") the embed shows before a call
// when the button asks for it (data-cwbbb-gdpr="1"). Empty fields take the
// embed's defaults. The vendor keeps this text in its backend next to the
// call flows, so it travels in the same document:
//
//	{"callFlows": [...], "gdprNotice": {"title": "...", "text": "...", "accept": "OK", "refuse": "Abbrechen"}}
type Notice struct {
	Title  string // the dialog's heading
	Text   string // the notice; paragraphs separated by "\n"
	Accept string // the button that gives consent
	Refuse string // the button that refuses it (Escape does the same)
}

var noticeKeys = []string{"title", "text", "accept", "refuse"}

// maxNotice bounds the notice text: a privacy notice is a few paragraphs
// with a link to the full policy, not the policy itself.
const maxNotice = 4000

func decodeNotice(v jsonx.Value, path string, dst *Notice) *Error {
	if v.Kind() != jsonx.Object {
		return bad(path, `must be an object {"title", "text", "accept", "refuse"} (each optional)`)
	}
	return members(v, path, noticeKeys, 0, func(i int, val jsonx.Value, field string) *Error {
		var s string
		if e := str(val, field, &s); e != nil {
			return e
		}
		if i == 1 {
			dst.Text = s
			return checkNoticeText(field, s)
		}
		switch i {
		case 0:
			dst.Title = s
		case 2:
			dst.Accept = s
		default:
			dst.Refuse = s
		}
		return checkLabel(field, s)
	})
}

// checkNoticeText allows line breaks (paragraphs) but no other control
// characters: the text is shown as text, never as markup.
func checkNoticeText(field, s string) *Error {
	switch {
	case !utf8.ValidString(s):
		return bad(field, "is not valid UTF-8")
	case utf8.RuneCountInString(s) > maxNotice:
		return bad(field, "is longer than "+strconv.Itoa(maxNotice)+" characters; link to the full policy instead")
	}
	for _, r := range s {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return bad(field, "contains a control character other than a line break")
		}
	}
	return nil
}

// CheckURL applies the call flows' URL rules (absolute http or https, no
// credentials, nothing a browser would silently repair) to another URL, such
// as a webhook's; the error names field.
func CheckURL(field, url string) error {
	if e := checkURL(field, url); e != nil {
		return e
	}
	return nil
}
