package engine

import "sync"

// Bodies rendered for every request (an account, a page of them) are
// built in buffers the engine takes back once the body is written, so a
// busy server does not allocate, and collect, a body per request.

// bodies holds empty body buffers for reuse. It needs no reset between
// servers or tests: a buffer holds nothing once it is back.
var bodies = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// maxPooledBody bounds the buffers kept for reuse: a larger one (a long
// page) is left to the collector, so the pool does not pin memory.
const maxPooledBody = 64 << 10

// BodyBuffer returns an empty buffer to render a body into, for Pooled.
func BodyBuffer() *[]byte {
	b := bodies.Get().(*[]byte)
	*b = (*b)[:0]
	return b
}

// Pooled returns status with body, a JSON document built by appending to
// *buf, a buffer from BodyBuffer. The engine puts the buffer back for
// reuse once the body is written: neither buf nor body may be used after.
func Pooled(status int, buf *[]byte, body []byte) *Response {
	return &Response{Status: status, Body: body, pooled: buf}
}

// release puts r's pooled buffer back, once its body is written.
func (r *Response) release() {
	buf := r.pooled
	if buf == nil {
		return
	}
	r.pooled = nil
	if cap(r.Body) > maxPooledBody {
		return
	}
	*buf = r.Body[:0]
	r.Body = nil
	bodies.Put(buf)
}
