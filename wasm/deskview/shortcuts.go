package deskview

// Shortcut is one keyboard shortcut. Every shortcut uses Alt so that it
// never steals a key from a text field (the dial number, the keypad) and
// works wherever focus is on the page.
type Shortcut struct {
	Code   string // KeyboardEvent.code: the physical key, the same on every layout
	Key    string // what the help text and aria-keyshortcuts show
	Action Action
}

// Shortcuts is the table the desk's keydown handler and its help use.
var Shortcuts = []Shortcut{
	{"KeyL", "Alt+L", Login},
	{"KeyP", "Alt+P", Pause},
	{"KeyX", "Alt+X", Logout},
	{"KeyD", "Alt+D", Dial},
	{"KeyA", "Alt+A", Answer},
	{"KeyH", "Alt+H", Hangup},
	{"KeyO", "Alt+O", Hold}, // toggles: Resume when held
	{"KeyK", "Alt+K", Keypad},
	{"KeyR", "Alt+R", Record},
	{"KeyW", "Alt+W", Wrapup},
	{"KeyE", "Alt+E", Log},
}

// Lookup finds the action for a keydown. Only Alt alone counts: Ctrl+Alt is
// AltGr on many keyboards (typing @, €), and Meta/Shift combinations belong
// to the browser and the system.
func Lookup(code string, alt, ctrl, meta, shift bool) Action {
	if !alt || ctrl || meta || shift {
		return None
	}
	for _, s := range Shortcuts {
		if s.Code == code {
			return s.Action
		}
	}
	return None
}

// KeyFor is the shortcut shown for an action ("" when it has none).
func KeyFor(a Action) string {
	for _, s := range Shortcuts {
		if s.Action == a {
			return s.Key
		}
	}
	if a == Resume {
		return KeyFor(Hold)
	}
	return ""
}

// Toggle resolves the hold shortcut for a contact's state: Resume when the
// call is held.
func Toggle(a Action, c Contact) Action {
	if a == Hold && c.State == "held" {
		return Resume
	}
	return a
}

// DTMFKeys are the keypad's keys in reading order.
const DTMFKeys = "123456789*0#"

// IsDTMF reports whether a typed key is a DTMF digit.
func IsDTMF(key string) bool {
	if len(key) != 1 {
		return false
	}
	for i := 0; i < len(DTMFKeys); i++ {
		if DTMFKeys[i] == key[0] {
			return true
		}
	}
	return false
}
