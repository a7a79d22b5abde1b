package jsonapi

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorShape(t *testing.T) {
	rec := httptest.NewRecorder()
	Error(rec, http.StatusBadRequest, CodeInvalidField, "callid must be a UUID")
	assert.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
	assert.JSONEq(t, `{"error":{"code":"INVALID_FIELD","message":"callid must be a UUID"}}`, rec.Body.String())
}

func TestRecoverAnswers500AndLogs(t *testing.T) {
	var logs bytes.Buffer
	h := Recover(log.New(&logs, "", 0), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))
	rec := httptest.NewRecorder()
	require.NotPanics(t, func() { h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/x", nil)) })
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.JSONEq(t, `{"error":{"code":"INTERNAL","message":"internal error; see the server log"}}`, rec.Body.String())
	assert.Contains(t, logs.String(), "panic serving GET /api/x: boom")
	assert.Contains(t, logs.String(), "jsonapi_test.go", "with the stack")
}

func TestRecoverAfterTheAnswerStartedAddsNothing(t *testing.T) {
	var logs bytes.Buffer
	h := Recover(log.New(&logs, "", 0), http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("partial"))
		panic("late")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "partial", rec.Body.String())
	assert.Contains(t, logs.String(), "late")
}

func TestRecoverPassesAbortOn(t *testing.T) {
	h := Recover(log.New(&bytes.Buffer{}, "", 0), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	})
}

// The wrapper must not hide Flush from http.ResponseController (SSE needs it).
func TestRecoverKeepsFlush(t *testing.T) {
	var flushErr error
	h := Recover(log.New(&bytes.Buffer{}, "", 0), http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		flushErr = http.NewResponseController(w).Flush()
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.NoError(t, flushErr)
	assert.True(t, rec.Flushed)
}

func TestReadBody(t *testing.T) {
	read := func(body string, length int64) (*httptest.ResponseRecorder, []byte, bool) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.ContentLength = length
		rec := httptest.NewRecorder()
		b, ok := ReadBody(rec, req, 8)
		return rec, b, ok
	}
	_, b, ok := read("12345678", 8)
	assert.True(t, ok)
	assert.Equal(t, "12345678", string(b))

	rec, _, ok := read("123456789", 9)
	assert.False(t, ok)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	assert.Contains(t, rec.Body.String(), "larger than 8 bytes")

	rec, _, ok = read("123456789", -1) // length unknown: caught while reading
	assert.False(t, ok)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
}

func TestAllowMethods(t *testing.T) {
	rec := httptest.NewRecorder()
	assert.False(t, AllowMethods(rec, httptest.NewRequest(http.MethodDelete, "/", nil), http.MethodGet, http.MethodHead))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
	assert.True(t, AllowMethods(httptest.NewRecorder(), httptest.NewRequest(http.MethodHead, "/", nil), http.MethodGet, http.MethodHead))
}

func TestMediaType(t *testing.T) {
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	req.Header.Set("Content-Type", " Application/JSON ; charset=utf-8")
	assert.Equal(t, "application/json", MediaType(req))
}
