//go:build js && wasm

package main

import (
	"honnef.co/go/js/dom/v2"

	"github.com/agentshim/agentshim/wasm/deskview"
)

// The desk's DOM is built with these helpers only: text goes in through
// textContent and attribute values through setAttribute, never through
// innerHTML, so a vendor string can never become markup.

var doc = dom.GetWindow().Document()

const svgNS = "http://www.w3.org/2000/svg"

// el creates an element with a class and attribute pairs.
func el(tag, class string, attrs ...string) dom.Element {
	e := doc.CreateElement(tag)
	if class != "" {
		e.SetAttribute("class", class)
	}
	setAttrs(e, attrs)
	return e
}

// svg creates an SVG element (for the chart).
func svg(tag string, attrs ...string) dom.Element {
	e := doc.CreateElementNS(svgNS, tag)
	setAttrs(e, attrs)
	return e
}

func setAttrs(e dom.Element, attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		e.SetAttribute(attrs[i], attrs[i+1])
	}
}

// textEl creates an element holding text.
func textEl(tag, class, text string, attrs ...string) dom.Element {
	e := el(tag, class, attrs...)
	e.SetTextContent(text)
	return e
}

// add appends children to parent and returns parent.
func add(parent dom.Element, children ...dom.Element) dom.Element {
	for _, c := range children {
		parent.AppendChild(c)
	}
	return parent
}

// button creates an action button. Its data-action names the action for the
// one click handler of the desk; aria-keyshortcuts announces the shortcut.
func button(a deskview.Action, label, contact string) dom.Element {
	b := textEl("button", "asd-btn asd-"+a.String(), label, "type", "button", "data-action", a.String())
	if k := deskview.KeyFor(a); k != "" {
		b.SetAttribute("aria-keyshortcuts", k)
		b.SetAttribute("title", label+" ("+k+")")
	}
	if contact != "" {
		b.SetAttribute("data-contact", contact)
	}
	return b
}

// setText changes an element's text only when it differs: writing the DOM
// costs more than comparing, and screen readers re-announce live regions on
// every write.
func setText(e dom.Element, s string) {
	if e.TextContent() != s {
		e.SetTextContent(s)
	}
}

// setFlag sets or removes a boolean attribute (disabled, hidden, inert).
func setFlag(e dom.Element, name string, on bool) {
	if e.HasAttribute(name) != on {
		if on {
			e.SetAttribute(name, "")
		} else {
			e.RemoveAttribute(name)
		}
	}
}
