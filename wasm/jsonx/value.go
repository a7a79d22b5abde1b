package jsonx

// Value is one JSON value: a slice of the parsed document plus nothing else.
// The zero Value has Kind Invalid; every accessor on it returns a zero
// result, so lookups can be chained without checks:
// doc.Get("a").Index(0).Get("b").Int().
type Value struct {
	raw []byte
}

// Parse validates doc strictly (RFC 8259: one value, optional surrounding
// whitespace, nesting at most MaxDepth) and returns its top-level value.
// The error is a *SyntaxError. Parse does not allocate for valid input.
func Parse(doc []byte) (Value, error) {
	start, end, f := validate(doc)
	if !f.ok() {
		return Value{}, f.toError(doc)
	}
	// The capacity limit keeps append on Raw() from overwriting doc.
	return Value{raw: doc[start:end:end]}, nil
}

// Valid reports whether doc is valid JSON by the same rules as Parse.
// It never allocates.
func Valid(doc []byte) bool {
	_, _, f := validate(doc)
	return f.ok()
}

// Kind returns the JSON type of v.
func (v Value) Kind() Kind {
	if len(v.raw) == 0 {
		return Invalid
	}
	return kindOf(v.raw[0])
}

// Raw returns the exact bytes of v as they appear in the document
// (nil for an Invalid value). The result aliases the document.
func (v Value) Raw() []byte { return v.raw }

// Get returns the value of the first member of object v named key
// (comparing unescaped keys), or an Invalid Value if there is none or v is
// not an object.
func (v Value) Get(key string) Value {
	if v.Kind() != Object {
		return Value{}
	}
	m := newMembers(v.raw)
	for {
		k, coded, val, ok := m.next()
		if !ok {
			return Value{}
		}
		if coded {
			if KeyEq(k, key) {
				return Value{raw: val}
			}
		} else if string(k) == key {
			return Value{raw: val}
		}
	}
}

// Index returns element i of array v, or an Invalid Value if i is out of
// range or v is not an array.
func (v Value) Index(i int) Value {
	if v.Kind() != Array || i < 0 {
		return Value{}
	}
	m := newMembers(v.raw)
	for {
		_, _, val, ok := m.next()
		if !ok {
			return Value{}
		}
		if i == 0 {
			return Value{raw: val}
		}
		i--
	}
}

// Len returns the number of elements of an array or members of an object,
// and 0 for every other kind.
func (v Value) Len() int {
	if k := v.Kind(); k != Array && k != Object {
		return 0
	}
	n := 0
	for m := newMembers(v.raw); ; n++ {
		if _, _, _, ok := m.next(); !ok {
			return n
		}
	}
}

// ForEach calls fn for each member of object v or element of array v, in
// document order, until fn returns false. It does nothing for other kinds.
//
// For arrays key is nil. For objects key is the member name exactly as
// written between the quotes, escapes included, so that iteration never
// allocates. A key without backslashes and with valid UTF-8 (nearly all)
// is already the real name; compare with KeyEq, or decode with
// AppendUnescaped, to be correct for every key. The slices alias the
// document.
func (v Value) ForEach(fn func(key []byte, val Value) bool) {
	if k := v.Kind(); k != Array && k != Object {
		return
	}
	m := newMembers(v.raw)
	for {
		k, _, val, ok := m.next()
		if !ok || !fn(k, Value{raw: val}) {
			return
		}
	}
}
