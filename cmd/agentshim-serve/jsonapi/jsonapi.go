// Package jsonapi holds what every JSON endpoint of agentshim-serve shares:
// the error shape {"error":{"code","message"}}, body limits, method checks,
// and a recover middleware so that no handler's panic reaches the client as a
// dropped connection.
package jsonapi

import (
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
)

// Error codes, stable for clients.
const (
	CodeBadRequest       = "BAD_REQUEST"
	CodeInvalidJSON      = "INVALID_JSON"
	CodeInvalidField     = "INVALID_FIELD"
	CodeUnsupportedType  = "UNSUPPORTED_MEDIA_TYPE"
	CodeBodyTooLarge     = "BODY_TOO_LARGE"
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	CodeNotFound         = "NOT_FOUND"
	CodeInternal         = "INTERNAL"
)

// Write sends v as JSON with the headers every API answer carries.
func Write(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	// An encoding error here can only be a broken connection; the status
	// is already sent, so there is nothing better to do.
	_ = json.NewEncoder(w).Encode(v)
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error sends {"error":{"code","message"}}. Messages name the offending field
// but never echo what the client sent: it may hold personal data.
func Error(w http.ResponseWriter, status int, code, message string) {
	Write(w, status, errorBody{errorDetail{Code: code, Message: message}})
}

// NotFound answers an unknown API path.
func NotFound(w http.ResponseWriter, r *http.Request) {
	Error(w, http.StatusNotFound, CodeNotFound, "no API endpoint at this path")
}

// AllowMethods answers 405 and returns false unless r uses one of methods.
func AllowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	Error(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, "use "+strings.Join(methods, " or "))
	return false
}

// ReadBody reads at most limit bytes of the request body. When the body is
// longer, or unreadable, it answers (413 or 400) and returns ok == false.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64) (body []byte, ok bool) {
	if r.ContentLength > limit {
		tooLarge(w, limit) // refuse before reading a byte
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		tooLarge(w, limit)
		return nil, false
	case err != nil:
		Error(w, http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
		return nil, false
	}
	return body, true
}

func tooLarge(w http.ResponseWriter, limit int64) {
	// The client may still be sending; close rather than drain it.
	w.Header().Set("Connection", "close")
	Error(w, http.StatusRequestEntityTooLarge, CodeBodyTooLarge,
		"the request body is larger than "+humanBytes(limit))
}

func humanBytes(n int64) string {
	if n%1024 == 0 {
		return strconv.FormatInt(n/1024, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// MediaType returns the request's media type without parameters, lower-cased.
func MediaType(r *http.Request) string {
	t, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	return strings.ToLower(strings.TrimSpace(t))
}

// Recover turns a panic in next into a logged stack trace and a 500 JSON
// answer (when nothing was sent yet). http.ErrAbortHandler is passed on: it
// is how a handler asks the server to drop the connection.
func Recover(logger *log.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &recorder{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			logger.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			if !rw.wrote {
				Error(rw, http.StatusInternalServerError, CodeInternal, "internal error; see the server log")
			}
		}()
		next.ServeHTTP(rw, r)
	})
}

// recorder notes whether the header went out. Unwrap lets
// http.ResponseController reach Flush and deadlines of the real writer.
type recorder struct {
	http.ResponseWriter
	wrote bool
}

func (r *recorder) WriteHeader(status int) {
	r.wrote = true
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(p)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
