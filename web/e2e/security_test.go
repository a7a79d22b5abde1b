package e2e

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRedactModeAndNoFullNumberAnywhere works a call with a number and an
// e-mail in it, with redact on: the exported trace holds neither, and no
// error message, error event or console line of the whole session holds the
// full number, whatever the redact setting.
func TestRedactModeAndNoFullNumberAnywhere(t *testing.T) {
	for _, redact := range []bool{true, false} {
		tab := manualPage(t, "")
		var res struct {
			Trace, Errors string
			Number        string
		}
		tab.Eval(`(async (redact) => {
			`+contactState+`
			const errors = [];
			AgentShim.on('error', (e) => errors.push(e.error.message));
			const shim = await AgentShim.start({redact, commandTimeoutMs: 300});
			await AgentShim.attachToolbar();
			const fail = (p) => p.then(() => {}, (e) => errors.push(e.message));
			await fail(shim.dial('777 666 555')); // logged out: INVALID_STATE naming the number?
			await shim.login();
			const id = CTT7Fake.inbound({ani: '777666555', callData: [{name: 'mail', value: 'jan.novak@example.cz'}]});
			await reach(shim, id, 'ringing');
			await fail(shim.dial('777 666 555')); // busy
			await fail(shim.dial('777 666 555 999 888 777')); // too long
			CTT7Fake.emit('ringing', {id, type: 'inbound', ani: '777666555', dnis: '+420 777 666 555'}); // duplicate
			CTT7Fake.emit('DIALING', 'not json {777666555'); // malformed
			CTT7Fake.emit('NOSUCHEVENT', {ani: '777666555'});
			await new Promise((ok) => setTimeout(ok, 100));
			return {Trace: JSON.stringify(shim.trace()), Errors: errors.join('\n'), Number: shim.contact(id).number};
		})(`+map[bool]string{true: "true", false: "false"}[redact]+`)`, &res)
		assert.NotEmpty(t, res.Errors)
		logs := strings.Join(tab.Console(), "\n") + "\n" + res.Errors
		for _, full := range []string{"777666555", "777 666 555"} {
			assert.NotContains(t, logs, full, "redact=%v", redact)
			assert.Equal(t, !redact, strings.Contains(res.Trace, full), "redact=%v: %s in the trace", redact, full)
		}
		assert.Equal(t, !redact, strings.Contains(res.Trace, "jan.novak"), "redact=%v", redact)
		assert.NotEmpty(t, res.Number, "the live state keeps the number; only what is exported is redacted")
	}
}
