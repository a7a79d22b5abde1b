package machine

import "strings"

// Mermaid draws the agent and contact machines as Mermaid state diagrams,
// straight from the tables, so the README's picture cannot drift from the code.
func Mermaid() string {
	var b strings.Builder
	b.WriteString("```mermaid\nstateDiagram-v2\n    direction LR\n    %% agent availability (vendor signals); effective state adds busy and wrapup\n")
	b.WriteString("    [*] --> loggedOut\n")
	for _, t := range AgentTransitions() {
		b.WriteString("    " + t.From.String() + " --> " + t.To.String() + " : " + t.Op.String() + "\n")
	}
	b.WriteString("```\n\n```mermaid\nstateDiagram-v2\n    %% contact states; a move from [*] creates the contact\n")
	type edge struct{ from, to string }
	labels := map[edge][]string{}
	var order []edge
	for _, t := range Transitions() {
		from := t.From.String()
		if t.From == StateNone {
			from = "[*]"
		}
		e := edge{from, t.To.String()}
		if labels[e] == nil {
			order = append(order, e)
		}
		labels[e] = append(labels[e], strings.TrimPrefix(t.Op.String(), "contact"))
	}
	for _, e := range order {
		b.WriteString("    " + e.from + " --> " + e.to + " : " + strings.Join(labels[e], ", ") + "\n")
	}
	b.WriteString("    ended --> [*] : Deleted\n```\n")
	return b.String()
}
