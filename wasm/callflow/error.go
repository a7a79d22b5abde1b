package callflow

// BadInput is the Code of every Error: the facade reports it as an
// AgentShimError with code BAD_INPUT.
const BadInput = "BAD_INPUT"

// Error says which field of a call flow is wrong and why. Field is a path in
// the JSON document ("callFlows[1].steps[2].ringSeconds"); it is empty only
// when the document as a whole is unusable. Messages never repeat the values
// given, so nothing a visitor or integrator typed (a phone number pasted into
// the wrong field, say) ends up in an error or a log.
type Error struct {
	Code  string
	Field string
	Msg   string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return "callflow: " + e.Msg
	}
	return "callflow: " + e.Field + ": " + e.Msg
}

func bad(field, msg string) *Error { return &Error{Code: BadInput, Field: field, Msg: msg} }

// under returns e with its field placed under path (a flow's place in a
// document), so that Validate can speak of "name" and Parse of
// "callFlows[1].name".
func under(path string, e *Error) *Error {
	if e != nil && path != "" {
		e.Field = join(path, e.Field)
	}
	return e
}

// join appends a member name to a path; index paths ("[2]") attach directly.
func join(path, name string) string {
	switch {
	case path == "":
		return name
	case name == "" || name[0] == '[':
		return path + name
	}
	return path + "." + name
}
