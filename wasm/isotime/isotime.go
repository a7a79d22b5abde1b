// Package isotime converts between Unix milliseconds and ISO 8601 / RFC 3339
// text without package time, which is large in a WebAssembly binary and
// whose zone handling agentshim never needs: vendors send UTC or a fixed
// offset, and everything inside agentshim is Unix milliseconds, UTC.
//
// Only years 0001 to 9999 are supported.
package isotime
